"""A key draws again only what it changed (facilitator.ui.widgets.panel), and that must
never leave a stale picture: after every command, the facilitator's screen is the same,
line for line, as the screen of a fresh app opened on the same meeting. And with three
hundred people in the hall and a hundred hands up, the panels draw what they have room
for and say how many more there are."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import Parts, settle, ui_test
from pseudo_screen import screen_lines

from facilitator.ui.meeting import MeetingScreen
from facilitator.ui.widgets.people import PeoplePanel
from facilitator.ui.widgets.stack import StackPanel

QUICK = ["join Ana she/her", "join Ben", "join Cy they/them", "role presenter Ana",
         "propose 'Tea on Saturdays'", "start", "hand Ben", "hand Cy", "hand Ana",
         "next", "pause", "resume", "next", "hand Ben direct-response", "lower Ben",
         "undo", "next", "extend 2m", "done", "advance", "stance Ana agree",
         "stance Ben block 'Not without a rota'", "undo", "stance Ben agree",
         "stance Cy stand_aside 'Away'", "leave Cy", "join Cy", "advance", "record note 'Rota next week'",
         "record action 'Write the rota' Ben", "pause", "undo", "advance"]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@ui_test
async def test_every_command_leaves_the_picture_a_fresh_screen_draws(
        parts: Parts, size: tuple[int, int]) -> None:
    live = parts.open("quick-decision")
    app = parts.app(live)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        for number, line in enumerate(QUICK):
            parts.clock.advance(37 + number)  # timers and airtime move between commands
            assert screen.send(line, asked=True), line
            screen.tick()
            app.clear_notifications()
            await settle(pilot)
            seen = screen_lines(app)
            fresh_app = parts.app(live)
            async with fresh_app.run_test(size=size) as fresh_pilot:
                await settle(fresh_pilot)
                fresh = fresh_app.screen
                assert isinstance(fresh, MeetingScreen)
                fresh.news = screen.news
                fresh.show()
                fresh_app.clear_notifications()
                await settle(fresh_pilot)
                expected = screen_lines(fresh_app)
            assert seen == expected, f"after `{line}`"


def assembly(parts: Parts, people: int, hands: int) -> Any:
    names = [f"P{i:03}" for i in range(people)]
    return parts.open("quick-decision", *(f"join {n}" for n in names),
                      f"role presenter {names[0]}", "propose Tea", "start",
                      *(f"hand {n}" for n in names[:hands]))


@ui_test
async def test_an_assembly_shows_who_fits_and_counts_the_rest(parts: Parts) -> None:
    live = assembly(parts, 300, 100)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        people = str(app.screen.query_one(PeoplePanel).render())
        shown = re.findall(r"P\d{3}", people)
        [more] = re.findall(r"^… and (\d+) more$", people, re.MULTILINE)  # a line of its own
        assert shown == [f"P{i:03}" for i in range(len(shown))]  # seating order, no gap
        assert 5 < len(shown) and len(shown) + int(more) == 300
        panel = app.screen.query_one(StackPanel)
        stack = str(panel.render())
        places = re.findall(r"^(\d+)\. (P\d{3})", stack, re.MULTILINE)
        [more] = re.findall(r"^… and (\d+) more$", stack, re.MULTILINE)
        assert len(places) + int(more) == 100
        assert len(stack.splitlines()) <= panel.content_size.height  # nothing cut
        order = [h.name for h in live.meeting.run.state.stack]  # all first time: in order
        assert [name for _, name in places] == order[:len(places)]


@ui_test
async def test_a_key_that_changes_nobody_makes_no_list_again(
        parts: Parts, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pausing changes the header, the prompt, the floor and the bar: the people and the
    stack, three hundred and a hundred long, are not made again."""
    live = assembly(parts, 300, 100)
    app = parts.app(live)
    made: list[str] = []
    for panel in (PeoplePanel, StackPanel):
        original = panel.show

        def show(self: Any, meeting: Any, original: Any = original) -> Any:
            made.append(type(self).__name__)
            return original(self, meeting)

        monkeypatch.setattr(panel, "show", show)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        made.clear()
        for _ in range(4):
            await pilot.press("space")
            await settle(pilot)
        assert live.meeting.paused_since is None  # paused and resumed twice
        assert made == []
        await pilot.press("n")  # the first on the stack takes the floor: both change
        await settle(pilot)
        assert sorted(set(made)) == ["PeoplePanel", "StackPanel"]


@ui_test
async def test_a_hand_below_what_the_stack_shows_redraws_one_row(
        parts: Parts, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a hundred hands up, a hand raised or lowered below what the stack panel shows
    draws again only the row that counts the rest; one raised at its top moves every row
    under it. Either way the screen is the one a fresh app draws."""
    live = assembly(parts, 300, 100)
    app = parts.app(live)
    drawn: list[int] = []
    original = StackPanel.render_line

    def render_line(self: Any, y: int) -> Any:
        drawn.append(y)
        return original(self, y)

    monkeypatch.setattr(StackPanel, "render_line", render_line)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        panel = screen.query_one(StackPanel)
        lines = str(panel.render()).splitlines()
        assert lines[-1].startswith("… and ")
        height = panel.get_content_height(panel.container_size, app.size,
                                          panel.content_size.width)
        assert height > len(lines)  # a reason takes a second row on the screen
        rows = list(range(height))
        for line in ("hand P200", "lower P099"):
            drawn.clear()
            assert screen.send(line, asked=True), line
            await settle(pilot)
            assert drawn == [rows[-1]], line
            assert str(panel.render()).splitlines()[:-1] == lines[:-1]
        drawn.clear()
        assert screen.send("lower P000", asked=True)  # the top of the stack: all move up
        await settle(pilot)
        assert set(rows) <= set(drawn)
        seen = screen_lines(app)
    fresh_app = parts.app(live)
    async with fresh_app.run_test(size=(120, 40)) as fresh_pilot:
        await settle(fresh_pilot)
        fresh = fresh_app.screen
        assert isinstance(fresh, MeetingScreen)
        fresh.news = screen.news
        fresh.show()
        await settle(fresh_pilot)
        assert screen_lines(fresh_app) == seen
