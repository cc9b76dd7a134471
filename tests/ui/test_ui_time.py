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


GROVER = """
version: 1
protocols:
  limited:
    title: Limited
    steps:
      - {id: talk, kind: discussion, time: 30m, time_per_speaker: 2m}
"""


@ui_test
async def test_a_speaker_named_grover_is_not_shown_over_time(parts_with: MakeParts) -> None:
    """Over-time is a fact of the timer, not a word in the warning: Grover nearing his
    limit is told so, calmly, and only going past it marks the floor over."""
    parts = parts_with(GROVER)
    live = parts.open("limited", "join Grover", "join Ben", "start", "hand Grover", "next")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        floor = screen.query_one(FloorPanel)
        parts.clock.advance(100)
        screen.tick()
        await settle(pilot)
        assert str(floor.query_one("#warning").render()) == "20s left of Grover's 2m."
        assert not floor.has_class("-over")
        parts.clock.advance(30)
        screen.tick()
        await settle(pilot)
        warning = str(floor.query_one("#warning").render())
        assert warning == "10s over Grover's 2m. Extend, or move on when ready."
        assert floor.has_class("-over")


def test_the_plain_conversation_warns_grover_once_near_and_once_over(tmp_path) -> None:
    import io

    from conftest import Parts

    from facilitator.ui.plain import Conversation

    parts = Parts(tmp_path / "group", GROVER)
    live = parts.open("limited", "join Grover", "join Ben", "start", "hand Grover", "next")
    said: list[str] = []
    talk = Conversation(live, parts.group, parts.clock, io.StringIO().readline, said.append)
    parts.clock.advance(100)
    talk.tick()
    talk.tick()
    parts.clock.advance(30)
    talk.tick()
    assert said == ["20s left of Grover's 2m.", "10s over Grover's 2m."]
    live.close()
