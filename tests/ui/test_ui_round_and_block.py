"""Whole meetings through keys and the command line: a round with passes, a blocked test."""

from __future__ import annotations

import json

from conftest import MakeParts, Parts, command, keys, notices, settle, ui_test

from facilitator.ui.meeting import MeetingScreen
from facilitator.ui.summary import SummaryScreen
from facilitator.ui.widgets.prompt import PromptPanel

GO_ROUND = """
version: 1
protocols:
  go-round:
    title: Go-round
    summary: Everyone says one thing; those who pass are asked again at the end.
    steps:
      - id: round
        kind: round
        prompt: "What is on your mind, {speaker}?"
        time_per_speaker: 1m
        revisit_passes: true
"""


def prompt_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(PromptPanel).render())


@ui_test
async def test_a_round_with_a_pass_asks_again_at_the_end(parts_with: MakeParts) -> None:
    """`p` passes the speaker on; the round comes back to them; the hint says when all spoke."""
    parts = parts_with(GO_ROUND)
    live = parts.open("go-round", "join Ana", "join Ben", "join Cy", title="Monday")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "enter")
        assert live.meeting.floor.name == "Ana"
        assert "What is on your mind, Ana?" in prompt_text(app)
        parts.clock.advance(30)
        await keys(pilot, "p")
        assert live.meeting.floor.name == "Ben"
        assert live.meeting.run.state.passed == ("Ana",)
        assert "Ana passed." in app.screen.news
        parts.clock.advance(45)
        await keys(pilot, "n")
        parts.clock.advance(20)
        await keys(pilot, "n")
        assert live.meeting.floor.name == "Ana"  # asked again after passing
        assert live.meeting.floor.reason == "asked again after passing"
        parts.clock.advance(10)
        await keys(pilot, "n")
        assert live.meeting.floor is None
        assert "Everyone has spoken in this round" in prompt_text(app)
        await keys(pilot, "n")  # nobody left: refused, in one sentence, nothing changes
        assert notices(app)[-1] == "Everyone has spoken in this round; `advance` to move on."
        await keys(pilot, "a")
        assert live.meeting.outcome == "done"
        await keys(pilot, "E", "y")
        assert isinstance(app.screen, SummaryScreen)
    minutes = json.loads((parts.group.minutes_path / f"{live.id}.json").read_text())
    turns = {a["name"]: a["turns"] for a in minutes["airtime"]}
    assert turns == {"Ana": 1, "Ben": 1, "Cy": 1}
    assert {a["name"]: a["seconds"] for a in minutes["airtime"]}["Ben"] == 45


@ui_test
async def test_a_blocked_test_goes_back_to_discussion_then_is_exhausted(parts: Parts) -> None:
    """A block sends quick-decision back to discuss; the second block exhausts its attempts."""
    live = parts.open(
        "quick-decision", "join Ana", "join Ben", "role presenter Ana",
        "propose 'Paint the hall red'", "start", title="Paint the hall")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for attempt in (1, 2):
            await keys(pilot, "a")  # discuss -> test
            assert live.meeting.step.id == "test"
            await command(pilot, "stance Ana agree")
            await command(pilot, 'stance Ben block "Red clashes with the accessibility plan"')
            await keys(pilot, "a")
            assert live.meeting.last_test["attempt"] == attempt
        assert live.meeting.last_test["outcome"] == "exhausted"
        assert live.meeting.run is None and live.meeting.outcome == "exhausted"
        records = str(app.screen.query_one("#records").render())
        assert "Last test: out of attempts, attempt 2" in records
        await keys(pilot, "E", "y")
    minutes = json.loads((parts.group.minutes_path / f"{live.id}.json").read_text())
    assert [(d["outcome"], d["attempt"]) for d in minutes["decisions"]] == [
        ("blocked", 1), ("exhausted", 2)]
    assert minutes["decisions"][0]["stances"][1]["reason"] == \
        "Red clashes with the accessibility plan"


@ui_test
async def test_a_refused_key_changes_nothing_and_says_why(parts: Parts) -> None:
    """`n` with an empty stack is refused: one sentence, same state, nothing journaled."""
    live = parts.open("quick-decision", *parts.STARTED)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before, entries = live.meeting, len(live.entries)
        await keys(pilot, "n")
        assert live.meeting is before and len(live.entries) == entries
        assert notices(app) == ["Nobody is on the stack; take a hand with `hand NAME`."]


@ui_test
async def test_undo_takes_back_the_last_command(parts: Parts) -> None:
    """`u` undoes the hand just raised; the minutes list the undo as an override."""
    live = parts.open(
        "quick-decision", "join Ana", "join Ben", "role presenter Ana", "propose Tea", "start")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "h", "2")
        assert [h.name for h in live.meeting.run.state.stack] == ["Ben"]
        await keys(pilot, "u")
        assert live.meeting.run.state.stack == ()
        assert isinstance(app.screen, MeetingScreen)
    assert [o["command"] for o in live.minutes()["overrides"]] == ["undo"]
