"""`facilitator display`: the read-only view follows the journal as the meeting goes."""

from __future__ import annotations

from conftest import Parts, settle, ui_test
from textual.widgets import Digits, Label

from facilitator.ui.display import DisplayApp
from facilitator.ui.follow import Follower
from facilitator.ui.widgets.stack import StackPanel


def test_the_follower_catches_up_with_a_growing_journal(parts: Parts) -> None:
    """New entries are applied on top; the result equals the live meeting."""
    live = parts.open("quick-decision")
    live.do("join Ana")  # the first command makes the journal
    follower = Follower(parts.group.journal_path(live.id))
    assert follower.refresh()
    assert follower.meeting == live.meeting
    for line in ("join Ben", "role presenter Ana", "propose Tea", "start",
                 "hand Ben", "next"):
        live.do(line)
    assert follower.refresh()
    assert follower.meeting == live.meeting
    assert not follower.refresh()  # nothing new
    live.do("undo")
    follower.refresh()
    assert follower.meeting == live.meeting


@ui_test
async def test_the_display_shows_the_floor_and_the_stack(parts: Parts) -> None:
    """The newest unfinished meeting: who speaks, for how long, and who is next."""
    live = parts.open(
        "quick-decision", "join Ana", "join Ben", "join Cy", "role presenter Ana", "propose Tea",
        "start", "hand Ben", "hand Cy", "next", title="Projector")
    parts.clock.advance(75)
    live.tick()  # the facilitator's screen ticks, and so beats, while the meeting runs
    app = DisplayApp(parts.group, None, parts.clock, poll_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Ben has the floor" in str(app.query_one("#speaker", Label).render())
        assert app.query_one(Digits).value == "1:15"
        assert "1. Cy" in str(app.query_one(StackPanel).render())
        live.do("next")
        app.poll()
        await settle(pilot)
        assert "Cy has the floor" in str(app.query_one("#speaker", Label).render())
        assert "Projector" in str(app.query_one("#where", Label).render())


@ui_test
async def test_the_display_says_when_the_meeting_has_stopped(parts: Parts) -> None:
    """A stale heartbeat: the header says so and the timer stands where it stopped."""
    live = parts.open("quick-decision", "join Ana", "join Ben", "role presenter Ana",
                      "propose Tea", "start", "hand Ben", "next", title="Projector")
    parts.clock.advance(10)
    live.tick()
    app = DisplayApp(parts.group, None, parts.clock, poll_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not str(app.query_one("#where", Label).render()).startswith("STOPPED")
        parts.clock.advance(60)  # the facilitator's computer went quiet
        app.poll()
        await settle(pilot)
        where = str(app.query_one("#where", Label).render())
        assert where.startswith("STOPPED: no sign from the facilitator's computer for 1m")
        assert app.query_one(Digits).value == "0:10"
        live.tick()  # it is back
        app.poll()
        await settle(pilot)
        assert not str(app.query_one("#where", Label).render()).startswith("STOPPED")


@ui_test
async def test_the_display_says_a_damaged_journal_cannot_be_followed(parts: Parts) -> None:
    """A journal whose header lost its setup is a sentence on the screen, not a crash."""
    import json

    live = parts.open("quick-decision", "join Ana", title="Damaged")
    live.close()
    path = parts.group.journal_path(live.id)
    lines = path.read_text().splitlines()
    lines[0] = json.dumps({"journal": 1})
    path.write_text("\n".join(lines) + "\n")
    app = DisplayApp(parts.group, None, parts.clock, poll_seconds=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert str(app.query_one("#where", Label).render()) == (
            f"The journal {path.name} is damaged (KeyError), so this view cannot follow it. "
            "`facilitator resume` sets it aside.")
        assert app.is_running
