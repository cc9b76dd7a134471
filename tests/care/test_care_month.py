"""A month of a group's life (weekly meetings, shifts between them): shifts, rest, backups
and gentle check-ins, as the facilitator and `workload` / `roles suggest` meet them."""

from __future__ import annotations

import re
from pathlib import Path

from care_life import minutes_texts, open_meeting, weekly

from facilitator import care, fairshare
from facilitator.store.group import Group

FOUR = ["Ana", "Ben", "Cy", "Dee"]
ROLES = {"facilitator": "Ben", "notetaker": "Cy"}


def _suggest(group: Group, today: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    return care.suggest_roles(group.meetings(), group.roster(), group.open_actions(),
                              group.care(), today)


def _workload(group: Group, today: str) -> dict[str, dict]:
    rows = care.workload(group.meetings(), group.open_actions(), group.roster(), group.care(),
                         today)
    return {r["name"]: r for r in rows}


def _group(tmp_path: Path) -> Group:
    group = Group(tmp_path / "group")
    weekly(group, "2026-11-03", FOUR, ROLES)
    group.set_pronouns("Ana", "she/her")
    return group


def test_three_shifts_in_a_week_warn_and_keep_her_out_of_next_weeks_suggestions(
        tmp_path: Path) -> None:
    """Ana does three food drives in a week: workload warns in the issue's words, and at
    next week's meeting nobody is told to ask her for any role; the week after, she is
    asked again."""
    group = _group(tmp_path)
    for day in ("2026-11-04", "2026-11-06", "2026-11-08"):
        group.add_care("shift", name="Ana", what="Food drive", day=day)
    rows = _workload(group, "2026-11-09")
    assert rows["Ana"]["shifts_week"] == 3
    assert rows["Ana"]["warning"] == ("Ana has done 3 shifts this week; suggest she takes "
                                      "next week off.")
    assert rows["Ben"]["warning"] is None
    two = _workload(group, "2026-11-05")
    assert two["Ana"]["shifts_week"] == 1 and two["Ana"]["warning"] is None
    weekly(group, "2026-11-10", FOUR, ROLES)
    order, left_out = _suggest(group, "2026-11-10")
    assert all("Ana" not in names for names in order.values())
    assert left_out == {"Ana": "a week off after 3 shifts"}
    assert "take this week off" in _workload(group, "2026-11-12")["Ana"]["warning"]
    order, left_out = _suggest(group, "2026-11-17")
    assert left_out == {} and all("Ana" in names for names in order.values())
    assert _workload(group, "2026-11-17")["Ana"]["warning"] is None


def test_shifts_recorded_in_a_meeting_count_too(tmp_path: Path) -> None:
    """`record shift NAME WHAT` in a meeting is a shift on the meeting's day."""
    group = _group(tmp_path)
    group.add_care("shift", name="Cy", what="Pantry", day="2026-11-08")
    group.add_care("shift", name="Cy", what="Court support", day="2026-11-09")
    weekly(group, "2026-11-10", FOUR, ROLES, records=('shift Cy "Bread run"',))
    assert [s.what for s in group.care().shifts if s.meeting] == ["Bread run"]
    assert _workload(group, "2026-11-10")["Cy"]["warning"] == (
        "Cy has done 3 shifts this week; suggest they take next week off.")


def test_a_resting_person_is_never_suggested_and_their_actions_are_offered_on(
        tmp_path: Path) -> None:
    """Eli rests until 20 November: no role list names them, an action given to them is
    met with a word, the review offers their action for handing on, workload names a
    backup for it, and their reason appears nowhere; after `rest --end` they are back."""
    group = _group(tmp_path)
    weekly(group, "2026-11-03", [*FOUR, "Eli"], ROLES, records=('action "Book the hall" Eli',))
    group.add_care("rest", name="Eli", until="2026-11-20", why="my mother is ill")
    for day in ("2026-11-10", "2026-11-17"):
        order, left_out = _suggest(group, day)
        assert all("Eli" not in names for names in order.values())
        assert left_out == {"Eli": "resting until 20 November"}
    live, counsel = open_meeting(group, "2026-11-10", FOUR, ROLES)
    live.do("advance")
    live.do("advance")
    [label] = [i.id for i in live.meeting.setup.review]
    assert counsel.quiet(live.meeting) == (
        f"Eli is resting until 20 November: {label} could be handed on "
        f"(`review {label} hand NAME`).")
    events = live.do('record action "Call the printer" Eli')
    assert counsel.after(events) == [
        "Eli is resting until 20 November; could someone else take this one, or hold it "
        "until then?"]
    live.do(f"review {label} hand Dee")
    assert counsel.quiet(live.meeting) == ""  # nothing left of Eli's to hand on
    live.close()
    rows = _workload(group, "2026-11-10")
    assert rows["Eli"]["resting_until"] == "2026-11-20"
    assert rows["Eli"]["backups"] == ["Eli's A1 (Book the hall): Ana could back it up."]
    weekly(group, "2026-11-17", FOUR, ROLES)
    assert "my mother" not in minutes_texts(group)
    assert "my mother" not in repr(rows) + repr(_suggest(group, "2026-11-17"))
    assert _suggest(group, "2026-11-21")[1] == {}  # the rest ran out
    group.add_care("rest_end", name="Eli")
    assert all("Eli" in names for names in _suggest(group, "2026-11-18")[0].values())


def test_nobody_is_asked_first_for_two_roles_while_someone_as_free_could_be(
        tmp_path: Path) -> None:
    """Four people, nobody warned: each role is first offered to a different person."""
    group = Group(tmp_path / "group")
    weekly(group, "2026-11-03", FOUR, {"facilitator": "Ben"})
    weekly(group, "2026-11-10", FOUR, {"facilitator": "Cy"})
    order, _ = _suggest(group, "2026-11-11")
    assert len({names[0] for names in order.values()}) == 4
    plain = fairshare.suggest_roles(group.meetings(), group.roster())
    assert len({names[0] for names in plain.values()}) < 4  # the rotation alone repeats


def test_a_new_rest_replaces_the_one_running(tmp_path: Path) -> None:
    """Resting until 20 December, then until 12 November: the shorter rest is the one kept."""
    group = _group(tmp_path)
    group.add_care("rest", name="Dee", until="2026-12-20")
    group.add_care("rest", name="Dee", until="2026-11-12")
    assert care.resting(group.care(), "2026-11-12")["dee"].until == "2026-11-12"
    assert care.resting(group.care(), "2026-11-13") == {}


def test_backups_are_named_and_preferred_for_their_role(tmp_path: Path) -> None:
    """An action's backup comes from `--backup`; workload names a backup for each task of
    someone carrying too much; a role's backup is asked for it first (cross-training)."""
    group = _group(tmp_path)
    records = ('action "Book the hall" Cy --backup Dee', 'action "Print flyers" Cy',
               'action "Call the landlord" Cy')
    weekly(group, "2026-11-10", FOUR, ROLES, records=records)
    [first, *_] = group.open_actions()
    assert first.backup == "Dee"
    rows = _workload(group, "2026-11-10")
    cy = rows["Cy"]
    assert "Cy carries 3 open action items" in cy["warning"]
    # naming someone a backup does not give them the task
    assert [rows[n]["open_actions"] for n in ("Ana", "Ben", "Dee")] == [0, 0, 0]
    assert cy["backups"] == ["Cy's A1 (Book the hall): Dee is its backup.",
                             "Cy's A2 (Print flyers): Ana could back it up.",
                             "Cy's A3 (Call the landlord): Ben could back it up."]
    before = _suggest(group, "2026-11-10")[0]
    assert before["facilitator"][0] != "Dee"
    group.add_care("backup", role="facilitator", name="Dee")
    after = _suggest(group, "2026-11-10")[0]
    assert after["facilitator"][0] == "Dee"
    assert after["facilitator"][-1] == "Cy"  # carrying too much: asked last for any role
    group.add_care("action_backup", ref=group.open_actions()[1].ref, name="Ben")
    assert _workload(group, "2026-11-10")["Cy"]["backups"][1] == (
        "Cy's A2 (Print flyers): Ben is its backup.")
    group.add_care("rest", name="Dee", until="2026-11-30")
    assert _workload(group, "2026-11-10")["Cy"]["backups"][0] == (
        "Cy's A1 (Book the hall): Dee, its backup, is resting; Ana could back it up.")


def test_a_check_in_note_after_three_missed_meetings_and_never_in_the_minutes(
        tmp_path: Path) -> None:
    """Eli comes on 3 November and then misses three meetings: only the fourth meeting's
    check-in tells the facilitator, quietly; coming back ends it; no minutes say it."""
    group = Group(tmp_path / "group")
    _, told = weekly(group, "2026-11-03", [*FOUR, "Eli"], ROLES)
    notes = []
    for day in ("2026-11-10", "2026-11-17", "2026-11-24", "2026-12-01"):
        _, told = weekly(group, day, FOUR, ROLES)
        notes.append(told["check-in"])
    assert notes == ["", "", "", "Nobody has heard from Eli since 3 November; someone might "
                     "check in."]
    _, told = weekly(group, "2026-12-08", [*FOUR, "Eli"], ROLES)
    _, told = weekly(group, "2026-12-15", FOUR, ROLES)
    assert told["check-in"] == ""
    text = minutes_texts(group)
    assert "heard from" not in text and "check in" not in text


def test_a_shift_or_a_rest_means_someone_has_been_heard_from(tmp_path: Path) -> None:
    """Missing meetings while doing shifts, or while resting, brings no note."""
    group = Group(tmp_path / "group")
    weekly(group, "2026-11-03", [*FOUR, "Eli", "Fay"], ROLES)
    group.add_care("shift", name="Eli", what="Pantry", day="2026-11-12")
    group.add_care("rest", name="Fay", until="2026-12-31")
    for day in ("2026-11-10", "2026-11-17", "2026-11-24"):
        weekly(group, day, FOUR, ROLES)
    assert care.check_in_notes(group.meetings(), group.care(), "2026-12-01") == []


def test_a_check_in_note_after_two_red_capacity_answers_running(tmp_path: Path) -> None:
    """Red once is nothing to remark on; red in two capacity checks running brings a quiet
    note at the next check-in (never the colour, never a score); a green answer ends it.
    The answers and the note stay out of every minutes format."""
    group = Group(tmp_path / "group")
    people = [*FOUR, "Eli"]
    told = [weekly(group, "2026-11-03", people, ROLES, capacity={"Eli": "red", "Ana": "red"})[1]]
    told.append(weekly(group, "2026-11-10", people, ROLES,
                       capacity={"Eli": "red", "Ana": "green"})[1])
    told.append(weekly(group, "2026-11-17", people, ROLES, capacity={"Eli": "green"})[1])
    told.append(weekly(group, "2026-11-24", people, ROLES)[1])
    assert [t["check-in"] for t in told] == [
        "", "", "Eli has had little room for a while; someone might check in.", ""]
    text = minutes_texts(group)
    assert "little room" not in text and re.search(r"\bred\b", text) is None
    assert [c.red for c in group.care().capacity] == [("Ana", "Eli"), ("Eli",), ()]
