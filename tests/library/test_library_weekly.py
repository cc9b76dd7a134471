"""weekly-meeting run four times through one group: open actions are reviewed, items
added before the agenda join it, and the process review runs in the fourth meeting only."""

from __future__ import annotations

import pytest
from library_helpers import decisions, run, steps

from facilitator.store.group import Group

WEEKS = ("weekly-meeting", "weekly-meeting-2", "weekly-meeting-3", "weekly-meeting-4")


@pytest.fixture
def four_weeks(tmp_path) -> tuple[Group, list[dict]]:
    group = Group(tmp_path / "tenants")
    return group, [run(name, group) for name in WEEKS]


def test_the_process_review_runs_every_fourth_meeting(four_weeks) -> None:
    """Skipped in weeks 1 to 3; run in week 4, where it ends with an agreement."""
    _group, minutes = four_weeks
    outcomes = [dict(steps(m, "weekly-meeting"))["process-review"] for m in minutes]
    assert outcomes == ["skipped", "skipped", "skipped", "done"]
    assert steps(minutes[3], "process-review") == [
        ("working", "done"), ("better", "done"), ("choose-changes", "done"), ("try", "done")]
    assert [a["text"] for a in minutes[3]["agreements"]] == [
        "Agendas go out two days before the meeting"]


def test_every_week_runs_the_same_frame(four_weeks) -> None:
    """Check-in, a capacity check, open actions, agenda, process review, appreciations,
    check-out."""
    _group, minutes = four_weeks
    for m in minutes:
        assert [s for s, _ in steps(m, "weekly-meeting")] == [
            "check-in", "capacity", "actions", "agenda", "process-review", "appreciations",
            "check-out"]


def test_open_actions_are_reviewed_the_following_weeks(four_weeks) -> None:
    """A1 is kept, then done; A2 is handed to Dee, then done; none is left open."""
    group, minutes = four_weeks
    first, second = (m["meeting"]["id"] for m in minutes[:2])
    assert [[{k: r[k] for k in ("id", "label", "result", "to", "text")} for r in m["reviews"]]
            for m in minutes] == [
        [],
        [{"id": f"{first}#A1", "label": "A1", "result": "keep", "to": None,
          "text": "Print the rent strike leaflets"}],
        [{"id": f"{first}#A1", "label": "A1", "result": "done", "to": None,
          "text": "Print the rent strike leaflets"},
         {"id": f"{second}#A1", "label": "A2", "result": "hand", "to": "Dee",
          "text": "Book the park for the summer party"}],
        [{"id": f"{second}#A1", "label": "A2", "result": "done", "to": None,
          "text": "Book the park for the summer party"}],
    ]
    assert [a.id for a in group.open_actions()] == ["A3"]
    assert group.meeting_count("weekly-meeting") == 4


def test_agenda_items_run_through_their_protocols(four_weeks) -> None:
    """An item given before start joins the agenda; a quick-decision item is decided."""
    _group, minutes = four_weeks
    assert [(i["title"], i["protocol"]) for i in minutes[0]["items"]] == [
        ("Rent strike", "discussion"), ("Repairs in block C", "discussion")]
    assert [(i["title"], i["protocol"]) for i in minutes[1]["items"]] == [
        ("Summer party", "discussion"), ("Meeting time", "quick-decision")]
    assert decisions(minutes[1]) == [("test", 1, "passed", {"agree": 3, "reservations": 1})]


def test_check_out_stays_private_in_every_week(four_weeks) -> None:
    """The check-out round adds airtime but nothing said or passed."""
    _group, minutes = four_weeks
    for m in minutes:
        assert m["notes"] == []


def test_a_deferred_item_comes_back_next_week(tmp_path) -> None:
    """"Summer party", deferred in week 1, opens week 2's agenda."""
    group = Group(tmp_path / "coop")
    first = run("weekly-deferral-1", group)
    assert first["deferred"] == [{"title": "Summer party", "protocol": None}]
    second = run("weekly-deferral-2", group)
    assert [(i["title"], i["outcome"]) for i in second["items"]] == [("Summer party", "done")]
