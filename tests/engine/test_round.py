"""Rounds: everyone speaks once, in order, uninterrupted; passes; think time; collect."""

from __future__ import annotations

from tests.conftest import library_from

LIB = library_from("""
version: 1
protocols:
  go-round:
    title: Go-round
    steps:
      - {id: checkin, kind: round, revisit_passes: true, time_per_speaker: 1m}
      - {id: after, kind: discussion}
  reverse-round:
    title: Reverse
    steps: [{id: r, kind: round, order: reverse}]
  last-round:
    title: Facilitator last
    steps: [{id: r, kind: round, order: facilitator-last}]
  random-round:
    title: Random
    steps: [{id: r, kind: round, order: random}]
  quiet-round:
    title: Think first
    steps: [{id: r, kind: round, think: 2m, allow_pass: false}]
  capacity:
    title: Capacity
    steps:
      - id: r
        kind: round
        private: true
        collect: {capacity: [green, yellow, red]}
""")


def test_first_person_holds_the_floor_on_entering_and_next_moves_in_seating_order(driver):
    d = driver(LIB, "go-round")
    d.do("start")
    assert d.floor == "Ana"
    d.wait(30)
    d.do("next")
    assert d.floor == "Ben"
    d.do("next")
    assert d.floor == "Cy"
    d.do("next")
    assert d.floor is None
    assert "advance" in d.refused("next")


def test_no_hands_during_a_round(driver):
    d = driver(LIB, "go-round")
    d.do("start")
    assert d.refused("hand Ben") == (
        "No hands are taken during a round; Ben can speak when the round reaches them.")


def test_passes_are_asked_again_at_the_end_with_revisit_passes(driver):
    d = driver(LIB, "go-round")
    d.do("start", "pass")
    assert d.floor == "Ben"
    d.do("pass Cy")  # Cy passes ahead of their turn
    d.do("next")
    assert d.floor == "Ana"  # asked again after passing
    assert d.m.floor.reason == "asked again after passing"
    d.do("next")
    assert d.floor == "Cy"
    d.do("next")
    assert d.floor is None
    assert [e["name"] for e in d.of("Passed")] == ["Ana", "Cy"]


def test_a_pass_is_not_a_turn(driver):
    d = driver(LIB, "go-round")
    d.do("start")
    d.wait(5)
    d.do("pass")
    assert d.m.speech("Ana").turns == 0
    # A pass is not airtime: Ana did not speak, whatever time went by (issue 11; this
    # asserted 5 before, when the seconds before a pass counted).
    assert d.m.speech("Ana").airtime == 0


def test_orders(driver):
    d = driver(LIB, "reverse-round")
    d.do("start")
    assert d.m.run.state.order == ("Cy", "Ben", "Ana")
    d = driver(LIB, "last-round", roles={"facilitator": "Ana"})
    d.do("start")
    assert d.m.run.state.order == ("Ben", "Cy", "Ana")


def test_random_order_is_seeded_from_the_meeting_so_replays_agree(driver):
    a = driver(LIB, "random-round", people=tuple("ABCDEFGH"))
    b = driver(LIB, "random-round", people=tuple("ABCDEFGH"))
    a.do("start")
    b.do("start")
    assert sorted(a.m.run.state.order) == list("ABCDEFGH")
    assert a.m.run.state.order == b.m.run.state.order


def test_think_time_then_first_next_gives_the_floor(driver):
    d = driver(LIB, "quiet-round")
    d.do("start")
    assert d.floor is None and d.m.run.state.thinking
    d.wait(120)
    d.do("next")
    assert d.floor == "Ana"
    assert d.refused("pass") == ("This round takes no passes; give the person time, "
                                 "or `skip` the round.")


def test_someone_who_joins_during_the_round_is_asked_at_its_end(driver):
    d = driver(LIB, "go-round")
    d.do("start", "join Dee she/her", "next", "next", "next")
    assert d.floor == "Dee"


def test_someone_who_leaves_is_skipped(driver):
    d = driver(LIB, "go-round")
    d.do("start", "leave Ben", "next")
    assert d.floor == "Cy"


def test_collect_keeps_one_answer_per_person_and_private_rounds_stay_out_of_minutes(driver):
    d = driver(LIB, "capacity")
    d.do("start", "collect Ana green", "collect Ben red", "pass Cy")
    assert d.m.run.state.collected == {"Ana": "green", "Ben": "red"}
    assert "green, yellow, red" in d.refused("collect Cy purple")
    d.wait(10)
    d.do("next", "advance", "end")
    text = str(d.minutes())
    assert "'red'" not in text and "'green'" not in text and "Passed" not in text
    # attendance and timing still count
    assert {a["name"]: a["seconds"] for a in d.minutes()["airtime"]}["Ana"] == 10


def test_a_latecomer_to_a_round_that_has_gone_round_is_asked(driver):
    d = driver(LIB, "go-round")
    d.do("start", "next", "next", "next")
    assert d.floor is None
    d.do("join Eli", "next")
    assert d.floor == "Eli"


def test_answers_collected_in_an_open_round_reach_the_minutes(driver):
    lib = library_from("""
version: 1
protocols:
  skills:
    title: Skills
    steps: [{id: r, kind: round, collect: {answer: text}}]
""")
    d = driver(lib, "skills")
    d.do("start", 'collect Ana "brake pads"', "end")
    assert d.minutes()["collected"] == [{"name": "Ana", "field": "answer", "value": "brake pads"}]
