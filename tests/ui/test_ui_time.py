"""Time on the meeting screen: hard timeboxes fire on their own, extend and pause keys."""

from __future__ import annotations

from conftest import MakeParts, keys, settle, ui_test

from facilitator.ui.widgets.floor import FloorPanel

TIMED = """
version: 1
protocols:
  timed:
    title: Timed
    steps:
      - {id: talk, kind: discussion, time: 5m, hard: true}
      - {id: close, kind: record, type: note}
"""


@ui_test
async def test_a_hard_timebox_ends_the_step_on_a_tick(parts_with: MakeParts) -> None:
    """When the time runs out the screen's tick ends the step (journaled) and says so."""
    parts = parts_with(TIMED)
    live = parts.open("timed", "join Ana", "join Ben", "start", "hand Ben", "next")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        parts.clock.advance(250)
        screen.tick()
        await settle(pilot)
        warning = str(screen.query_one(FloorPanel).query_one("#warning").render())
        assert "50s left of the step's 5m." in warning
        await keys(pilot, "e", "1")  # extend by 1m
        assert live.meeting.run.extended == 60
        await keys(pilot, "space")
        assert live.meeting.paused_since is not None
        parts.clock.advance(600)  # paused: the timebox does not run
        screen.tick()
        assert live.meeting.step.id == "talk"
        await keys(pilot, "space")
        parts.clock.advance(111)
        screen.tick()
        await settle(pilot)
        assert live.meeting.step.id == "close"
        assert live.entries[-1]["command"] == "tick"
        assert "Talk ended: timeout." in screen.news
