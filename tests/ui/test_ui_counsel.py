"""Fair share on the meeting screen: role suggestions, a workload warning, the floor flag."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import Parts, command, keys, notices, settle, ui_test
from textual.widgets import OptionList

from facilitator.ui.widgets.floor import FloorPanel

sys.path.insert(0, str(Path(__file__).parents[1] / "fairshare"))
from fairshare_history import meeting as past_meeting  # noqa: E402


@ui_test
async def test_the_role_picker_asks_in_the_rotations_order(parts: Parts) -> None:
    """Ana facilitated twice: Ben and Cy (two meetings each, never facilitated) come first."""
    for _ in range(2):
        past_meeting(parts.group, ["Ana", "Ben", "Cy"], {"facilitator": "Ana"})
    live = parts.open("quick-decision", "join Ana", "join Ben", "join Cy", "role presenter Cy")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "r")
        roles = app.screen.query_one(OptionList)
        labels = [str(roles.get_option_at_index(i).prompt) for i in range(roles.option_count)]
        index = next((i for i, label in enumerate(labels) if label.endswith("1. facilitator")),
                     labels)
        assert isinstance(index, int), index
        roles.highlighted = index
        await keys(pilot, "enter")
        people = app.screen.query_one(OptionList)
        offered = [str(people.get_option_at_index(i).prompt)
                   for i in range(people.option_count)]
        assert offered == ["▶ 1. Ben  (suggested)", "  2. Cy", "  3. Ana"]


@ui_test
async def test_an_action_for_someone_who_carries_too_much_is_flagged(parts: Parts) -> None:
    past_meeting(parts.group, ["Ana", "Ben", "Cy", "Dee"], {},
                 actions=(("Paint", "Ben"), ("Sand", "Ben"), ("Fix", "Ben")))
    live = parts.open("quick-decision", *Parts.STARTED, "join Ben")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await command(pilot, 'record action "Call the council" Ben')
        assert any("Ben already carries 3 open action items" in n for n in notices(app))
        await command(pilot, 'record action "Buy tea" Ana')
        assert not any("Ana already carries" in n for n in notices(app))


@ui_test
async def test_the_floor_flag_shows_when_one_voice_fills_the_room(parts: Parts) -> None:
    live = parts.open("quick-decision", *Parts.STARTED, "join Ben", "join Cy", "hand Ana",
                      "next")
    parts.clock.advance(120)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        floor = app.screen.query_one(FloorPanel)
        assert floor.border_subtitle == ""  # the first voice: nobody else has spoken yet
        for line in ("hand Ben", "hand Ana", "next"):
            await command(pilot, line)
        parts.clock.advance(10)
        await command(pilot, "next")
        parts.clock.advance(100)
        await command(pilot, "hand Cy")
        assert floor.border_subtitle == "Ana: over twice an even share of the floor"
        await command(pilot, "done")
        await command(pilot, "hand Ben")
        await command(pilot, "next")
        parts.clock.advance(200)
        await command(pilot, "hand Cy")
        assert floor.border_subtitle == ""


@ui_test
async def test_a_moratorium_reminds_when_a_proposal_is_made(parts: Parts) -> None:
    from facilitator.fairshare import set_moratorium

    set_moratorium(parts.group, "until the rent strike is won")
    live = parts.open("quick-decision", "join Ana")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await command(pilot, 'propose "Start a bike workshop"')
        assert any("moratorium on new initiatives: until the rent strike is won" in n
                   for n in notices(app))


@ui_test
async def test_x_raises_an_interjection_that_goes_before_hands(parts: Parts) -> None:
    live = parts.open("quick-decision", *Parts.STARTED, "join Ben", "join Cy", "hand Ben")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "x", "2")  # a clarifying question
        await keys(pilot, "2")  # from the second name offered: Cy (Ben is waiting)
        from facilitator.engine.steps.discussion import ordered_stack

        m = app.screen.live.meeting
        assert [(h.name, r) for h, r in ordered_stack(m, m.run)] == [
            ("Cy", "clarifying question"), ("Ben", "first time in this step")]
