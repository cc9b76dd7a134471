"""Tests for agreement: quorum, threshold, stand-asides, veto, attempts, reasons."""

from __future__ import annotations

from tests.conftest import library_from

LIB = library_from("""
version: 1
scales:
  thumbs:
    - {key: up, label: Up, support: true}
    - {key: sideways, label: Sideways, support: null}
    - {key: down, label: Down, support: false}
protocols:
  test:
    title: Test
    steps:
      - id: t
        kind: decide
        rule: {max_stand_asides: 1}
        attempts: 2
        on: {passed: end, blocked: talk, failed: talk, exhausted: fallback}
      - {id: talk, kind: discussion, next: t}
      - id: fallback
        kind: decide
        scale: vote
        rule: {threshold: 2/3, quorum: 75%}
        on: {blocked: end}
  thumbs:
    title: Thumbs
    steps:
      - {id: t, kind: decide, scale: thumbs, rule: {threshold: 0.5}, reveal: open, on: {blocked: end}}
""")


def started(driver, protocol="test", people=("Ana", "Ben", "Cy")):
    d = driver(LIB, protocol, people=people)
    d.do('propose "Buy a shared freezer"', "start")
    return d


def test_a_test_with_no_proposal_is_refused(driver):
    d = driver(LIB, "test")
    assert d.refused("start") == (
        "There is no proposal to test yet; give one first: `propose TEXT`.")


def test_all_agree_passes(driver):
    d = started(driver)
    d.do("stance Ana agree", "stance Ben agree", "stance Cy reservations", "advance")
    assert d.m.outcome == "passed"
    assert d.m.last_test["tally"] == {"agree": 2, "reservations": 1}


def test_a_block_vetoes(driver):
    d = started(driver)
    d.do("stance Ana agree", "stance Ben agree", 'stance Cy block "Against our principles"')
    d.do("advance")
    assert d.step == "talk"
    assert d.of("TestEnded")[-1]["outcome"] == "blocked"


def test_more_stand_asides_than_allowed_fails(driver):
    d = started(driver)
    d.do('stance Ana stand_aside "busy"', 'stance Ben stand_aside "away"', "stance Cy agree")
    d.do("advance")
    assert d.of("TestEnded")[-1]["outcome"] == "failed"


def test_the_nth_unsuccessful_attempt_is_exhausted_and_takes_the_fallback(driver):
    d = started(driver)
    d.do('stance Cy block "no"', "stance Ana agree", "stance Ben agree", "advance")
    assert d.step == "talk"
    d.do("advance")
    assert d.step == "t" and d.m.run.state.attempt == 2
    d.do('stance Cy block "still no"', "stance Ana agree", "stance Ben agree", "advance")
    assert d.step == "fallback"
    tests = d.minutes()["decisions"]
    assert [(t["attempt"], t["outcome"]) for t in tests] == [(1, "blocked"), (2, "exhausted")]


def test_quorum_and_threshold(driver):
    d = started(driver, people=("Ana", "Ben", "Cy", "Dee"))
    d.do("goto fallback")
    assert d.step == "fallback"
    d.do("stance Ana yes", "stance Ben yes")
    from facilitator.engine.steps.decide import result

    assert result(d.m, d.m.run)[0] == "no_quorum"  # 2 of 4 < 75%
    d.do("stance Cy no")
    assert result(d.m, d.m.run)[0] == "passed"  # 2 of 3 >= 2/3
    d.do("stance Cy abstain", "stance Dee no")
    assert result(d.m, d.m.run)[0] == "passed"  # abstain not counted: 2 of 3
    d.do("stance Ana no")
    assert result(d.m, d.m.run)[0] == "failed"


def test_reasons_required_and_refused_where_the_scale_says(driver):
    d = started(driver)
    assert d.refused("stance Cy block") == (
        'A stance of Block needs a reason; add it in quotes: stance Cy block "...".')
    assert "takes no reason" in d.refused('stance Ana agree "yes!"')
    assert "not on the consensus scale" in d.refused("stance Ana maybe")
    assert d.refused("stance Zed agree") == "Zed is not here; only people present give a stance."


def test_a_stance_given_twice_replaces_the_first(driver):
    d = started(driver)
    d.do('stance Cy block "no"', "stance Cy agree", "stance Ana agree", "stance Ben agree")
    d.do("advance")
    assert d.m.outcome == "passed"


def test_a_custom_scale_with_null_support_and_threshold(driver):
    d = started(driver, "thumbs", people=("Ana", "Ben", "Cy", "Dee"))
    d.do("stance Ana up", "stance Ben sideways", "stance Cy down", "stance Dee up", "advance")
    assert d.of("TestEnded")[-1]["outcome"] == "passed"  # 2 of 3 counted support >= 1/2


def test_the_proposal_cannot_change_while_stances_are_given(driver):
    d = started(driver)
    d.do("stance Ana agree")
    assert "advance" in d.refused('propose "Something else"')


def test_stances_of_people_who_left_do_not_count(driver):
    d = started(driver)
    d.do('stance Cy block "no"', "stance Ana agree", "stance Ben agree", "leave Cy", "advance")
    assert d.m.outcome == "passed"


IN_TURN = library_from("""
version: 1
protocols:
  consent-round:
    title: Consent round
    steps:
      - {id: round, kind: decide, scale: consent, reveal: open, in_turn: true}
""")


def test_a_consent_round_goes_round_each_person_in_turn(driver):
    """`in_turn`: the floor goes round in seating order and a stance is given on one's turn."""
    d = driver(IN_TURN, "consent-round")
    d.do('propose "Knock on doors in pairs"', "start")
    assert d.floor == "Ana" and d.m.floor.reason == "their turn in the round"
    assert d.refused("stance Ben consent") == (
        "Stances go round in turn here: it is Ana's turn; Ben gives a stance when the round "
        "reaches them.")
    d.do("stance Ana consent")
    assert d.floor == "Ben"
    d.do("join Dee")  # a latecomer is asked at the end of the round
    d.do('stance Ben object "It clashes with the food bank"', "leave Cy")
    assert d.floor == "Dee"  # Cy left on their turn: it went on
    d.do("stance Dee consent")
    assert d.floor is None
    d.do("advance")
    assert d.of("TestEnded")[-1]["outcome"] == "blocked"
    assert [s["name"] for s in d.of("TestEnded")[-1]["stances"]] == ["Ana", "Ben", "Dee"]
