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
    assert d.m.floor.reason == "first time in this step; raised a hand before Cy"


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
    # A direct response answers someone: Ana speaks first (then nobody holds the floor,
    # so the point of process waits on the stack like the other interjections).
    d.do("start", "hand Ana", "next", "done")
    d.do("hand Ana", "hand Ben direct-response", "hand Cy clarify")
    d.do("join Dee", "hand Dee point-of-process")
    assert d.stack() == ["Dee", "Cy", "Ben", "Ana"]


def test_direct_responses_are_capped_per_person_per_step(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ana", "next", "hand Ben direct-response", "next", "done")
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


# --- issue 11: the stack, corrected to the practice ------------------------------------


def test_next_counts_the_turn_it_ends_before_the_stack_is_ordered(driver):
    """`next` ends the current turn and gives the floor to whoever is next: Ben, who has
    just spoken for 2 minutes and raised his hand again, goes after Ana, who has not."""
    d = driver(LIB, "airtime-talk")
    d.do("start", "advance", "hand Ben", "next")
    d.wait(120)
    d.do("hand Ben", "hand Ana", "next")  # Ben raised first, but his 2 minutes now count
    assert d.floor == "Ana"
    assert d.m.floor.reason == "no airtime yet in this meeting"


def test_next_and_done_then_next_give_the_same_order(driver):
    """`next`, and `done` followed by `next`, order the stack alike (progressive)."""
    floors = []
    for ending in (("next",), ("done", "next")):
        d = driver(LIB, "talk", people=("Ana", "Ben", "Cy", "Dee"))
        d.do("start", "hand Ana", "next")
        d.wait(30)
        d.do("done", "hand Ben", "next", "hand Ben", "hand Ana")
        d.wait(40)
        # Ben's turn and 40s count before the order: Ana (1 turn, 30s) goes first.
        d.do(*ending)
        floors.append((d.floor, d.stack()))
    assert floors[0] == floors[1] == ("Ana", ["Ben"])


def test_airtime_is_compared_in_whole_seconds_and_a_tie_goes_to_the_first_hand(driver):
    """A 20 ms difference does not reorder the stack; the reason names what decided it."""
    d = driver(LIB, "airtime-talk", people=("Ana", "Ben", "Cy", "Dee"))
    d.do("start", "hand Dee", "next")
    d.wait(10.02)
    d.do("done", "hand Ben", "next")
    d.wait(10)
    d.do("done", "advance", "hand Dee", "hand Ben")
    assert d.m.speech("Dee").airtime > d.m.speech("Ben").airtime
    from facilitator.engine.steps.discussion import ordered_stack

    assert [(h.name, why) for h, why in ordered_stack(d.m, d.m.run)] == [
        ("Dee", "10s of airtime in this meeting; raised a hand before Ben"),
        ("Ben", "10s of airtime in this meeting"),
    ]


def test_the_reason_names_what_decided_the_place(driver):
    """'first time in this step; raised a hand before Dee', or fewer turns, or less airtime."""
    d = driver(LIB, "talk", people=("Ana", "Ben", "Cy", "Dee"))
    d.do("start", "hand Ana", "hand Dee")
    from facilitator.engine.steps.discussion import ordered_stack

    assert ordered_stack(d.m, d.m.run)[0][1] == "first time in this step; raised a hand before Dee"
    d.do("lower Ana", "lower Dee", "hand Cy", "next")
    d.wait(5)
    d.do("done", "advance", "hand Cy", "hand Ben")
    assert [why for _, why in ordered_stack(d.m, d.m.run)] == [
        "first time in this step; fewer turns in this meeting (0) than Cy",
        "first time in this step",
    ]


def test_a_direct_response_answers_the_speaker_or_the_last_speaker(driver):
    d = driver(LIB, "talk")
    d.do("start")
    assert d.refused("hand Ben direct-response") == (
        "Nobody has spoken yet in this step, so there is nothing to respond to directly; "
        "raise an ordinary hand: `hand Ben`.")
    d.do("hand Ana", "next")
    assert "answers someone else" in d.refused("hand Ana direct-response")
    d.do("hand Ben direct-response", "done")
    assert "Ana spoke last" in d.refused("hand Ana direct-response")
    d.do("hand Cy direct-response")
    assert d.stack() == ["Ben", "Cy"]


# --- a point of process, heard at once ---------------------------------------------------

ROUNDS = library_from("""
version: 1
protocols:
  go-round:
    title: Go-round
    steps: [{id: r, kind: round, time_per_speaker: 2m}]
  pitch:
    title: Pitch
    roles: {presenter: {}}
    steps: [{id: p, kind: turn, speaker: presenter, time: 5m}]
""")


def test_a_point_of_process_stops_the_speaker_in_a_round_and_they_go_on(driver):
    """It stops the speaker's time; the point is heard; the speaker goes on where they
    were. The minutes note it."""
    d = driver(ROUNDS, "go-round")
    d.do("start")
    d.wait(30)
    said = d.do("hand Cy point-of-process")
    assert said[0] == {"type": "PointRaised", "at": said[0]["at"], "name": "Cy",
                       "stopped": "Ana"}
    assert d.floor == "Cy"
    d.wait(50)
    d.do("done")
    assert d.floor == "Ana" and d.m.floor.reason == "goes on after the point of process"
    d.wait(10)
    d.do("next")  # the round goes on to Ben, not past him
    assert d.floor == "Ben"
    assert d.m.speech("Ana").airtime == 40 and d.m.speech("Ana").turns == 1
    assert d.m.speech("Cy").airtime == 50
    minutes = d.minutes()
    assert {"text": ("Point of process: Cy; Ana's time stood still while it "
                    "was heard, then Ana went on."),
            "at_s": 30.0} in minutes["notes"]


def test_a_point_of_process_in_a_turn_keeps_the_speakers_time_limit(driver):
    d = driver(ROUNDS, "pitch", roles={"presenter": "Ben"})
    d.do("start")
    d.wait(60)
    d.do("hand Ana point-of-process")
    d.wait(120)
    d.do("next")
    assert d.floor == "Ben"
    assert d.m.active(d.clock.now()) - d.m.floor.since == 60  # where he was


def test_someone_waiting_on_the_stack_keeps_their_place_making_a_point(driver):
    d = driver(LIB, "talk")
    d.do("start", "hand Ana", "hand Ben", "hand Cy", "next")
    d.do("hand Cy point-of-process")
    assert d.floor == "Cy" and d.stack() == ["Ben", "Cy"]
    d.do("done")
    assert d.floor == "Ana" and d.stack() == ["Ben", "Cy"]


def test_next_during_a_point_of_process_ends_the_point_and_moves_nobody_up(driver):
    """`next`, like `done`, ends the point: with nobody stopped by it, the floor is empty
    and whoever waits (here the point's own maker) keeps their place; the next `next`
    gives it to them."""
    d = driver(LIB, "talk")
    d.do("start", "hand Ben", "hand Ben point-of-process")
    assert d.floor == "Ben" and d.m.point is not None and d.stack() == ["Ben"]
    d.do("next")
    assert d.floor is None and d.m.point is None and d.stack() == ["Ben"]
    d.do("next")
    assert d.floor == "Ben" and d.stack() == []


def test_journals_without_a_rules_number_keep_the_old_practice():
    from facilitator.engine.state import RULES, Setup

    old = Setup.from_dict({"meeting_id": "m", "protocol": "p", "created_at": 0.0})
    assert old.rules == 1 and RULES == 2
    assert Setup.from_dict(Setup("m", "t", "p", 0.0).to_dict()).rules == RULES
