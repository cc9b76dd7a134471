"""The group's memory: what one meeting's minutes change, and the questions memory answers."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from sample_minutes import header, make_minutes

from facilitator.errors import StoreError
from facilitator.store.group import Group
from facilitator.store.rows import OpenMeeting


@pytest.fixture
def group(tmp_path: Path) -> Group:
    return Group(tmp_path / "group")


def test_recording_minutes_keeps_them_and_fills_memory(group: Group) -> None:
    """One meeting's minutes land in minutes/, the meetings index, roster and logs."""
    assert group.record_minutes(make_minutes("m1", "2026-03-01"), {"md": "# Minutes\n"})
    assert json.loads((group.minutes_path / "m1.json").read_text())["meeting"]["id"] == "m1"
    assert (group.minutes_path / "m1.md").read_text() == "# Minutes\n"
    assert stat.S_IMODE((group.minutes_path / "m1.json").stat().st_mode) == 0o600
    assert stat.S_IMODE(group.minutes_path.stat().st_mode) == 0o700
    [meeting] = group.meetings()
    assert meeting.attendance == ("Ana", "Ben") and meeting.duration_s == 3600
    assert meeting.roles == {"facilitator": "Ana", "presenter": "Ben"}
    assert [(p.name, p.pronouns, p.meetings) for p in group.roster()] == [
        ("Ana", "she/her", 1),
        ("Ben", None, 1),
    ]
    [action] = group.open_actions()
    assert (action.id, action.ref, action.what, action.owner, action.status, action.meeting,
            action.due) == ("A1", "m1#A1", "Print a sign", "Ben", "open", "m1", "2026-04-01")
    assert group.decisions()[0].meeting == "m1"
    assert [(r.role, r.name) for r in group.role_history()] == [
        ("facilitator", "Ana"),
        ("presenter", "Ben"),
    ]
    assert group.meeting_count("quick-decision") == 1
    assert group.meeting_count("check-in") == 1
    assert group.meeting_count("consent") == 0
    assert group.minutes("m1")["meeting"]["title"] == "Meeting m1"
    assert group.minutes("nope") is None


def test_recording_the_same_meeting_twice_changes_nothing(group: Group) -> None:
    """record_minutes is idempotent per meeting id."""
    minutes = make_minutes("m1", "2026-03-01")
    group.record_minutes(minutes)
    memory = group.memory_path.read_bytes()
    assert group.record_minutes(minutes) is False
    assert group.memory_path.read_bytes() == memory
    assert group.meeting_count("quick-decision") == 1 and len(group.open_actions()) == 1


def test_ids_are_unique_in_the_group_and_the_roster_follows_people(group: Group) -> None:
    """A second meeting's items get the next ids; the roster counts and dates move on."""
    group.record_minutes(make_minutes("m1", "2026-03-01"))
    second = make_minutes("m2", "2026-03-08")
    second["attendance"] = [
        {"name": "Ben", "pronouns": "he/him"},
        {"name": "Cy", "pronouns": "they/them"},
    ]
    group.record_minutes(second)
    assert [a.id for a in group.open_actions()] == ["A1", "A2"]
    assert [a.id for a in group.agreements()] == ["G1", "G2"]
    ben = next(p for p in group.roster() if p.name == "Ben")
    assert (ben.meetings, ben.first_seen, ben.last_seen, ben.pronouns) == (
        2, "2026-03-01", "2026-03-08", "he/him")
    assert [m.id for m in group.meetings()] == ["m2", "m1"]
    assert group.meeting_count("quick-decision") == 2


def test_reviews_close_hand_on_and_move_on_items(group: Group) -> None:
    """done and drop close an item, hand changes its owner, keep moves a review date on."""
    group.record_minutes(make_minutes("m1", "2026-03-01"))
    group.record_minutes(make_minutes("m2", "2026-03-08"))  # A2, G2
    assert [a.id for a in group.agreements_due(dt.date(2026, 3, 31))] == ["G1", "G2"]
    third = make_minutes(
        "m3",
        "2026-04-02",
        actions=[],
        agreements=[],
        reviews=[
            {"id": "A1", "result": "done", "to": None},
            {"id": "A2", "result": "hand", "to": "Cy"},
            {"id": "G1", "result": "keep", "to": None},
            {"id": "G2", "result": "drop", "to": None},
        ],
    )
    group.record_minutes(third)
    [action] = group.open_actions()
    assert action.id == "A2" and action.owner == "Cy"
    review = action.reviews[0]
    assert (review.meeting, review.result, review.to) == ("m3", "hand", "Cy")
    g1, g2 = group.agreements()
    assert g1.status == "open" and g1.review_on == "2026-04-30"  # 30 days on
    assert g2.status == "dropped"
    assert group.agreements_due(dt.date(2026, 4, 29)) == []
    assert [a.id for a in group.agreements_due(dt.date(2026, 4, 30))] == ["G1"]


def test_deferred_items_are_replaced_by_each_meetings_list(group: Group) -> None:
    """The newest minutes' deferred list is the group's list; minutes without one keep it."""
    group.record_minutes(
        make_minutes(
            "m1",
            "2026-03-01",
            deferred=[
                {"title": "Budget", "protocol": "consent"},
                {"title": "Garden", "protocol": None},
            ],
        )
    )
    assert [d.title for d in group.deferred_items()] == ["Budget", "Garden"]
    group.record_minutes(make_minutes("m2", "2026-03-08"))
    assert [d.title for d in group.deferred_items()] == ["Budget", "Garden"]
    group.record_minutes(
        make_minutes("m3", "2026-03-15", deferred=[{"title": "Garden", "protocol": None}])
    )
    assert [(d.title, d.meeting) for d in group.deferred_items()] == [("Garden", "m3")]


def test_decisions_are_searchable(group: Group) -> None:
    """decisions(WORD) finds entries by proposal, reason or meeting title, in any case."""
    group.record_minutes(make_minutes("m1", "2026-03-01"))
    group.record_minutes(
        make_minutes(
            "m2",
            "2026-03-08",
            decisions=[
                {
                    "step": "test",
                    "proposal": "Paint the shed",
                    "outcome": "blocked",
                    "attempt": 1,
                    "tally": {"block": 1},
                    "stances": [{"name": "Cy", "stance": "block", "reason": "Too costly"}],
                }
            ],
        )
    )
    assert [d.proposal for d in group.decisions()] == [
        "Open the tool library on Saturdays",
        "Paint the shed",
    ]
    assert [d.meeting for d in group.decisions("saturdays")] == ["m1"]
    assert [d.meeting for d in group.decisions("COSTLY")] == ["m2"]
    assert group.decisions("nothing like it") == []


def test_principles_and_opt_outs(group: Group) -> None:
    """Principles are kept in order; opt-outs are set and lifted per role."""
    assert group.add_principle("  We start   on time. ").text == "We start on time."
    group.add_principle("Decisions by consensus.")
    assert [(p.id, p.text) for p in group.principles()] == [
        ("P1", "We start on time."),
        ("P2", "Decisions by consensus."),
    ]
    with pytest.raises(StoreError, match="needs some text"):
        group.add_principle("   ")
    group.set_opt_out("Dee", "notetaker", True)
    group.set_opt_out("dee", "facilitator", True)
    assert group.roster()[0].opt_outs == ("facilitator", "notetaker")
    group.set_opt_out("Dee", "notetaker", False)
    assert group.roster()[0].opt_outs == ("facilitator",)
    group.record_minutes(
        make_minutes("m1", "2026-03-01", attendance=[{"name": "Dee", "pronouns": "she/her"}])
    )
    [dee] = group.roster()
    assert dee.meetings == 1 and dee.opt_outs == ("facilitator",)


def test_unfinished_meetings_are_journals_without_end(group: Group) -> None:
    """A journal whose last command is not `end` is unfinished; newest first."""
    with group.new_journal("old", header("old", "2026-03-01T19:00:00")) as j:
        j.append({"seq": 1, "at": 0.0, "command": "start", "events": []})
    with group.new_journal("new", header("new", "2026-03-08T19:00:00")):
        pass
    with group.new_journal("done", header("done", "2026-03-09T19:00:00")) as j:
        j.append({"seq": 1, "at": 0.0, "command": "start", "events": []})
        j.append({"seq": 2, "at": 9.0, "command": "end", "events": [{"type": "Ended"}]})
    assert [m.id for m in group.unfinished_meetings()] == ["new", "old"]
    assert group.unfinished_meetings()[0] == OpenMeeting(
        "new", "T new", "p", "2026-03-08T19:00:00")
    assert group.last_meeting_id() == "new"
    group.record_minutes(make_minutes("done", "2026-03-09"))
    assert group.last_meeting_id() == "done"
    assert stat.S_IMODE(group.path.stat().st_mode) == 0o700


def test_a_meeting_id_cannot_leave_the_group_folder(group: Group) -> None:
    """Ids are plain names, so no journal or minutes file lands outside the group."""
    with pytest.raises(StoreError, match="cannot be a meeting id"):
        group.journal_path("../escape")
    with pytest.raises(StoreError, match="cannot be a meeting id"):
        group.record_minutes(make_minutes("../escape", "2026-03-01"))


def test_the_group_folder_comes_from_the_option_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--group wins over FACILITATOR_GROUP, which wins over the user's data folder."""
    monkeypatch.setenv("FACILITATOR_GROUP", str(tmp_path / "env"))
    assert Group.from_env(str(tmp_path / "opt")).path == tmp_path / "opt"
    assert Group.from_env(None).path == tmp_path / "env"
    monkeypatch.delenv("FACILITATOR_GROUP")
    default = Group.from_env(None).path
    assert default.name == "group" and "facilitator" in str(default)
