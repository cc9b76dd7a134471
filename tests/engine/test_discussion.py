"""Discussions: the progressive stack, interjections, invitations and why each person is next."""

from __future__ import annotations

from tests.conftest import library_from

LIB = library_from("""
version: 1
protocols:
  talk:
    title: Talk
    steps:
      - {id: one, kind: discussion, time_per_speaker: 2m}
      - {id: two, kind: discussion}
  fifo-talk:
    title: FIFO
    steps: [{id: t, kind: discussion, policy: fifo}]
  airtime-talk:
    title: Airtime
    steps:
      - {id: warm, kind: discussion}
      - {id: t, kind: discussion, policy: airtime}
  strict:
    title: Strict
    steps: [{id: t, kind: discussion, interjections: [clarify], direct_responses_per_person: 1}]
""")


def test_nobody_holds_the_floor_until_next_then_the_stack_decides(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ben", "hand Cy")
    assert d.floor is None
    d.do("next")
    assert d.floor == "Ben"
    assert d.m.floor.reason == "first time in this step"


def test_progressive_puts_people_who_have_not_spoken_in_the_step_first(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ana", "next")
    d.wait(60)
    d.do("hand Ana", "hand Ben")
    assert d.stack() == ["Ben", "Ana"]
    reasons = [r for _, r in __import__("facilitator.engine.steps.discussion", fromlist=["x"])
               .ordered_stack(d.m, d.m.run)]
    assert reasons[0] == "first time in this step"


def test_progressive_then_fewer_turns_in_the_meeting_then_less_airtime(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ana", "hand Ben", "next")
    d.wait(100)
    d.do("next")
    d.wait(10)
    d.do("done", "hand Ana", "next")
    d.wait(10)
    d.do("done", "advance")  # step two: nobody has spoken in it yet
    d.do("hand Ana", "hand Ben", "hand Cy")
    # Cy: no turns; Ben: 1 turn, 10s; Ana: 2 turns
    assert d.stack() == ["Cy", "Ben", "Ana"]


def test_interjections_go_first_in_their_order(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ana", "hand Ben direct-response", "hand Cy clarify")
    d.do("join Dee", "hand Dee point-of-process")
    assert d.stack() == ["Dee", "Cy", "Ben", "Ana"]


def test_direct_responses_are_capped_per_person_per_step(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ben direct-response", "next", "done")
    assert "direct responses" in d.refused("hand Ben direct-response")
    d.do("hand Ben")


def test_a_discussion_takes_only_its_interjections(driver):
    d = driver(LIB, "strict")
    d.do("start")
    assert d.refused("hand Ana point-of-process") == (
        "This discussion takes no point of process; raise an ordinary hand: `hand Ana`.")


def test_invite_moves_someone_to_the_front_and_is_an_override(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ana", "hand Ben", "invite Cy")
    assert d.stack() == ["Cy", "Ana", "Ben"]
    d.do("next")
    assert d.m.floor.reason == "invited by the facilitator"
    assert [o["command"] for o in d.minutes()["overrides"]] == ["invite Cy"]


def test_fifo_and_airtime_policies(driver):
    d = driver(LIB, "fifo-talk")
    d.do("start", "hand Cy", "hand Ana")
    assert d.stack() == ["Cy", "Ana"]
    d = driver(LIB, "airtime-talk")
    d.do("start", "hand Cy", "next")
    d.wait(30)
    d.do("done", "advance", "hand Cy", "hand Ana")
    assert d.stack() == ["Ana", "Cy"]


def test_no_one_twice_on_the_stack_and_lower_takes_them_off(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ana")
    assert d.refused("hand Ana") == "Ana is already on the stack; `lower Ana` takes them off."
    d.do("lower Ana")
    assert d.stack() == []
    assert d.refused("lower Ana") == "Ana is not on the stack."


def test_next_with_an_empty_stack_is_refused_until_someone_raises_a_hand(driver):
    d = driver(LIB, "talk")
    d.do("start")
    assert d.refused("next") == "Nobody is on the stack; take a hand with `hand NAME`."


def test_leaving_ends_the_floor_and_takes_the_hand_down(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ana", "hand Ben", "next")
    d.wait(20)
    d.do("leave Ana", "leave Ben")
    assert d.floor is None and d.stack() == []
    assert d.m.speech("Ana").airtime == 20


def test_every_place_on_the_stack_has_a_reason_in_the_policys_words(driver):
    from facilitator.engine.steps.discussion import ordered_stack

    d = driver(LIB, "talk")
    d.do("start", "hand Ben", "next", "done", "hand Ben", "hand Cy", "hand Ana clarify")
    assert [(h.name, r) for h, r in ordered_stack(d.m, d.m.run)] == [
        ("Ana", "clarifying question"), ("Cy", "first time in this step"),
        ("Ben", "spoke already in this step (1 turn)")]
    d = driver(LIB, "airtime-talk")
    d.do("start", "hand Cy", "next")
    d.wait(90)
    d.do("done", "advance", "hand Cy", "hand Ana")
    assert [r for _, r in ordered_stack(d.m, d.m.run)] == [
        "no airtime yet in this meeting", "1m30s of airtime in this meeting"]
