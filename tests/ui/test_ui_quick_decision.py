"""The spec's quick decision, run as a facilitator would: keys, pickers and the command line."""

from __future__ import annotations

import json

from conftest import Parts, command, keys, settle, type_text, ui_test

from facilitator.ui.meeting import MeetingScreen
from facilitator.ui.summary import SummaryScreen


@ui_test
async def test_quick_decision_from_keys_to_minutes(parts: Parts) -> None:
    """Join, roles, proposal, hands, stances and end: the minutes hold what the spec says."""
    app = parts.app(protocol="quick-decision", title="Tool library on Saturdays")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        live = screen.live
        for person in ("Ana she/her", "Ben", "Cy they/them"):
            await keys(pilot, "j")
            await type_text(pilot, person)
            await keys(pilot, "enter")
        assert live.meeting.present == ("Ana", "Ben", "Cy")
        assert live.meeting.people["Cy"].pronouns == "they/them"
        await command(pilot, "role facilitator Ana")
        await keys(pilot, "r", "1", "2")  # the presenter, needed to start, comes first: Ben
        assert live.meeting.roles == {"facilitator": ("Ana",), "presenter": ("Ben",)}
        await command(pilot, 'propose "Open the tool library on Saturdays"')
        await keys(pilot, "enter")  # start
        assert live.meeting.step.id == "discuss"
        await keys(pilot, "h", "2", "h", "2")  # Ben, then Cy (those not yet on the stack)
        assert [h.name for h in live.meeting.run.state.stack] == ["Ben", "Cy"]
        await keys(pilot, "n")
        assert live.meeting.floor.name == "Ben"
        parts.clock.advance(120)
        await keys(pilot, "n")
        assert live.meeting.floor.name == "Cy"
        parts.clock.advance(60)
        await keys(pilot, "d", "a")
        assert live.meeting.step.id == "test"
        await keys(pilot, "s", "1", "1", "s", "1", "1")  # Ana agrees, then Ben
        await keys(pilot, "s", "1", "3")  # Cy stands aside, which needs a reason
        await type_text(pilot, "I cannot help on Saturdays")
        await keys(pilot, "enter")
        assert dict(live.meeting.run.state.stances)["Cy"] == ("stand_aside",
                                                         "I cannot help on Saturdays")
        await keys(pilot, "a")
        assert live.meeting.step.id == "write-up"
        assert live.meeting.last_test["outcome"] == "passed"
        await keys(pilot, "a", "E", "y")
        assert isinstance(app.screen, SummaryScreen)
        meeting_id = live.id
    minutes = json.loads((parts.group.minutes_path / f"{meeting_id}.json").read_text())
    [decision] = minutes["decisions"]
    assert decision["outcome"] == "passed" and decision["attempt"] == 1
    assert decision["tally"] == {"agree": 2, "stand_aside": 1}
    assert {"name": "Cy", "stance": "stand_aside",
            "reason": "I cannot help on Saturdays"} in decision["stances"]
    airtime = {a["name"]: a["seconds"] for a in minutes["airtime"]}
    assert airtime == {"Ana": 0, "Ben": 120, "Cy": 60}
    assert [p["name"] for p in minutes["attendance"]] == ["Ana", "Ben", "Cy"]
    assert (parts.group.minutes_path / f"{meeting_id}.md").exists()
    assert parts.group.unfinished_meetings() == []


@ui_test
async def test_the_summary_names_the_minutes_file(parts: Parts) -> None:
    """After `end` the summary says where the Markdown minutes were written."""
    live = parts.open("quick-decision", *parts.STARTED)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await command(pilot, "end")  # `end` from the command line asks first too
        assert not live.meeting.ended
        await keys(pilot, "y")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.path == parts.group.path / "minutes" / f"{live.id}.md"
        assert summary.path.read_text().startswith("# ")


@ui_test
async def test_after_the_summary_n_opens_the_next_meeting(parts: Parts) -> None:
    """The picker comes back, with the meeting just ended among the recent ones."""
    from facilitator.ui.picker import PickerScreen

    live = parts.open("quick-decision", *parts.STARTED)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await command(pilot, "end")
        await keys(pilot, "y", "n")
        assert isinstance(app.screen, PickerScreen)
        assert [m["id"] for m in app.screen.recent] == [live.id]
