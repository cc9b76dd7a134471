"""Attendance, roles with neutrality, review, and the refusals that change nothing."""

from __future__ import annotations

from facilitator.clock import FakeClock
from facilitator.engine.events import to_json
from facilitator.engine.state import ReviewItem, Setup
from facilitator.session import LiveMeeting
from tests.conftest import library_from

LIB = library_from("""
version: 1
protocols:
  mediation:
    title: Mediation
    confidential: true
    roles:
      party_a: {}
      party_b: {}
      mediator: {not: [party_a, party_b]}
    steps:
      - {id: a, kind: turn, speaker: party_a}
      - {id: b, kind: turn, speaker: party_b}
  panel:
    title: Panel
    roles: {speaker: {count: 2}}
    steps:
      - {id: r, kind: turn, speaker: speaker}
  review:
    title: Review
    steps:
      - {id: r, kind: review}
""")


def test_a_party_cannot_also_mediate(driver):
    d = driver(LIB, "mediation", roles={"party_a": "Cy"})
    assert d.refused("role mediator Cy") == (
        "Cy is a party a here and cannot also be a mediator. Choose someone outside the dispute.")
    d.do("role mediator Ana")
    assert d.refused("role party_b Ana") == (
        "Ana is a mediator here and cannot also be a party b. Choose someone outside the dispute.")


def test_roles_must_exist_and_people_must_be_here(driver):
    d = driver(LIB, "mediation")
    assert "its roles are: facilitator, notetaker" in d.refused("role judge Ana")
    assert d.refused("role mediator Zed") == "Name Zed to a role once they have joined: `join Zed`."


def test_a_role_for_two_takes_two_and_no_more(driver):
    d = driver(LIB, "panel")
    d.do("role speaker Ana", "role speaker Ben")
    assert d.m.roles["speaker"] == ("Ana", "Ben")
    assert "takes 2 people" in d.refused("role speaker Cy")


def test_a_role_for_one_passes_to_the_new_holder(driver):
    d = driver(LIB, "panel", roles={"facilitator": "Ana"})
    d.do("role facilitator Ben")
    assert d.m.roles["facilitator"] == ("Ben",)


def test_attendance_refusals(driver):
    d = driver(LIB, "panel")
    assert d.refused("join Ana") == "Ana is already here."
    assert d.refused("leave Zed") == "Zed is not here."
    d.do("leave Ana", "join Ana")
    assert d.m.present == ("Ana", "Ben", "Cy")


def test_pause_and_resume_refusals(driver):
    d = driver(LIB, "panel")
    assert d.refused("resume") == "The meeting is not paused."
    d.do("pause")
    assert "already paused" in d.refused("pause")


def test_commands_before_start_and_unknown_commands(driver):
    d = driver(LIB, "panel")
    assert d.refused("next") == "The meeting has not started; `start` it before `next`."
    assert d.refused("nxt") == "`nxt` is not a command. Did you mean `next`? Type `?` for the list of commands."
    assert d.refused("hand") == "`hand` is written `hand NAME [point-of-process|clarify|direct-response]`."
    assert "unclosed quote" in d.refused('note "oops')
    assert "script" in d.refused("wait 2m")


def test_review_walks_open_items_from_the_group():
    setup = Setup("m", "Weekly", "review", 0.0, review=(
        ReviewItem("A1", "action", "Book the hall", "Ana"),
        ReviewItem("G1", "agreement", "Quiet hours after 10", "Ben, Cy")))
    from facilitator.engine.core import handle
    from facilitator.engine.state import Meeting

    m = Meeting.open(setup, LIB)
    for c in ("join Ana", "join Ben", "start", "review A1 done", "review G1 hand Ben"):
        m, said = handle(m, c, 1.0)
    events = [to_json(e) for e in said]  # as the journal keeps them
    assert m.run.state.reviewed == {"A1": "done", "G1": "hand"}
    assert events[-1] == {"type": "Reviewed", "at": 1.0, "id": "G1", "result": "hand",
                          "to": "Ben", "text": "Quiet hours after 10"}


def test_review_refusals(driver):
    d = driver(LIB, "review")
    d.do("start")
    assert d.refused("review A9 done") == "There is no open item `A9` to review (items: none are open)."


def test_the_journal_of_a_live_meeting_holds_every_accepted_command(tmp_path):
    from facilitator.store.group import Group
    from facilitator.store.journal_read import read_journal

    group = Group(tmp_path / "g")
    live = LiveMeeting.open(LIB, [], "review", FakeClock(), group=group)
    live.do("join Ana")
    try:
        live.do("join Ana")
    except Exception:
        pass
    live.do("start")
    contents = read_journal(group.journal_path(live.id))
    assert [e["command"] for e in contents.entries] == ["join Ana", "start"]
    live.close()


def test_a_moratorium_reminds_on_new_proposals_and_items():
    from facilitator.engine.core import handle
    from facilitator.engine.state import Meeting

    setup = Setup("m", "Weekly", "review", 0.0, moratorium="until the rent strike is won")
    m = Meeting.open(setup, LIB)
    m, said = handle(m, 'propose "A new garden project"', 1.0)
    events = [to_json(e) for e in said]  # as the journal keeps them
    assert events[-1]["type"] == "Reminder"
    assert "until the rent strike is won" in events[-1]["text"]
    m, said = handle(m, "item Garden", 1.0)
    events = [to_json(e) for e in said]
    assert events[-1]["type"] == "Reminder"
    plain = Meeting.open(Setup("n", "Weekly", "review", 0.0), LIB)
    _, said = handle(plain, 'propose "A plan"', 1.0)
    events = [to_json(e) for e in said]
    assert [e["type"] for e in events] == ["Proposed"]


def test_a_review_names_the_items_stable_id_in_the_journal():
    """The label is what is typed; the event (so the journal) names the stable id."""
    setup = Setup("m", "Weekly", "review", 0.0, review=(
        ReviewItem("A1", "action", "Book the hall", "Ana", "2026-01-01-0000-weekly-ab12#A3"),))
    from facilitator.engine.core import handle
    from facilitator.engine.state import Meeting

    m = Meeting.open(setup, LIB)
    for c in ("join Ana", "start", "review A1 done"):
        m, said = handle(m, c, 1.0)
    events = [to_json(e) for e in said]  # as the journal keeps them
    assert events[-1]["id"] == "A1" and events[-1]["ref"] == "2026-01-01-0000-weekly-ab12#A3"
