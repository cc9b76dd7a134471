"""Roles, corrected to the practice: `count: N` is filled before the meeting starts; a
protocol run inside a meeting gets its declared roles (named before, or when it begins,
while the meeting waits); `not` holds there too; the named answerer is the process."""

from __future__ import annotations

from tests.conftest import library_from

LIB = library_from("""
version: 1
protocols:
  watched:
    title: Watched
    roles: {timekeeper: {count: 2}}
    steps: [{id: t, kind: discussion}]
  pitch:
    title: Pitch
    roles: {presenter: {}}
    steps:
      - {id: p, kind: turn, speaker: presenter}
      - {id: q, kind: discussion, answers: presenter}
  settle:
    title: Settle
    roles: {mediator: {not: [party]}, party: {count: 2}}
    steps: [{id: s, kind: turn, speaker: mediator}]
  meeting:
    title: Meeting
    steps: [{id: a, kind: agenda, items: ask}]
""")


def test_count_n_means_n_people_are_named_before_the_meeting_starts(driver):
    d = driver(LIB, "watched", roles={"timekeeper": "Ana"})
    assert d.refused("start") == ("The role timekeeper takes 2 people; name 1 more before "
                                  "starting: `role timekeeper NAME`.")
    d.do("role timekeeper Ben", "start")
    assert d.step == "t"


def test_a_protocol_run_as_an_agenda_item_takes_its_roles_before_it_starts(driver):
    d = driver(LIB, "meeting")
    d.do("item Pitch pitch", "role presenter Ben", "start")
    assert d.step == "p" and d.floor == "Ben"


def test_an_item_whose_roles_are_not_named_waits_and_says_whom_to_name(driver):
    d = driver(LIB, "meeting")
    d.do("start")
    said = d.do("item Pitch pitch")
    assert said[-1]["type"] == "StepWaiting"
    assert said[-1]["reason"] == ("Pitch needs a presenter before it can begin; name one: "
                                  "`role presenter NAME`.")
    assert d.m.run is None
    assert d.refused("advance") == said[-1]["reason"]
    d.do("role presenter Cy")
    assert d.step == "p" and d.floor == "Cy"


def test_neutrality_holds_for_the_roles_of_an_item(driver):
    d = driver(LIB, "meeting")
    d.do("start", "item Dispute settle", "role party Ana", "role party Ben")
    assert "cannot also be a mediator" in d.refused("role mediator Ana")
    d.do("role mediator Cy")
    assert d.floor == "Cy"


def test_giving_the_presenter_the_floor_to_answer_is_the_process_not_an_override(driver):
    d = driver(LIB, "pitch", roles={"presenter": "Ben"})
    d.do("start", "advance", "hand Ana clarify", "next", "invite Ben", "next")
    assert d.floor == "Ben" and d.m.floor.reason == "the presenter answers"
    d.do("invite Cy")
    overrides = [o["command"] for o in d.minutes()["overrides"]]
    assert overrides == ["invite Cy"]
