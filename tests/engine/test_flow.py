"""How steps move: routes, hard timeboxes, visits, `every`, nested protocols, overrides."""

from __future__ import annotations

from facilitator.engine.core import replay
from tests.conftest import library_from

LIB = library_from("""
version: 1
protocols:
  flow:
    title: Flow
    roles: {presenter: {}}
    steps:
      - {id: intro, kind: turn, speaker: presenter, time: 2m}
      - {id: talk, kind: discussion, time: 5m, hard: true, on: {timeout: pick}}
      - id: pick
        kind: choose
        options: {again: talk, vote: vote, stop: end}
      - {id: vote, kind: use, protocol: mini-vote}
  mini-vote:
    title: Mini vote
    steps:
      - {id: v, kind: decide, scale: vote, on: {passed: end, failed: end, blocked: end}}
  loop:
    title: Loop
    steps:
      - {id: a, kind: discussion, max_visits: 2, next: a, on: {exhausted: b}}
      - {id: b, kind: pause}
  sometimes:
    title: Sometimes
    steps:
      - {id: review, kind: round, every: 4}
      - {id: main, kind: discussion}
  agenda:
    title: Agenda
    steps:
      - id: items
        kind: agenda
        items:
          - {title: Rent strike, protocol: mini-talk}
          - {title: Garden, owner: Ben}
        default_protocol: mini-talk
      - {id: close, kind: round}
  live-agenda:
    title: Live agenda
    steps:
      - {id: items, kind: agenda, items: ask, default_protocol: mini-talk}
  mini-talk:
    title: Mini talk
    steps: [{id: t, kind: discussion}]
  talking-stick:
    title: Stick
    steps: [{id: s, kind: turn, speaker: choose}]
  secret:
    title: Secret
    confidential: true
    steps:
      - {id: s, kind: discussion}
      - {id: out, kind: record, type: agreement, public: true, review_after: 30d}
  half-secret:
    title: Half secret
    steps:
      - {id: open, kind: discussion}
      - {id: closed, kind: discussion, confidential: true}
""")


def test_a_turn_gives_the_role_holder_the_floor_at_once(driver):
    d = driver(LIB, "flow", roles={"presenter": "Ben"})
    d.do("start")
    assert d.step == "intro" and d.floor == "Ben"
    assert "uninterrupted" in d.refused("hand Ana")


def test_start_needs_declared_roles(driver):
    d = driver(LIB, "flow")
    assert d.refused("start") == "Name a presenter before starting: `role presenter NAME`."


def test_a_hard_timebox_fires_exactly_on_time_inside_a_wait(driver):
    d = driver(LIB, "flow", roles={"presenter": "Ben"})
    d.do("start", "advance", "hand Ana", "next")
    entered = d.live.clock.now()
    d.wait(7 * 60)  # the timebox is 5m: it fires at 5m, not at 7m
    ended = [e for e in d.of("StepEnded") if e["step"] == "talk"][0]
    assert ended["outcome"] == "timeout"
    assert ended["at"] == entered + 300
    assert d.m.speech("Ana").airtime == 300
    assert d.step == "pick"


def test_pause_stops_every_timer(driver):
    d = driver(LIB, "flow", roles={"presenter": "Ben"})
    d.do("start", "advance", "hand Ana", "next")
    d.wait(60)
    d.do("pause")
    d.wait(600)  # a long break: the hard timebox must not fire
    assert d.step == "talk"
    d.do("resume")
    d.wait(239)
    assert d.step == "talk"
    d.wait(1)
    assert d.step == "pick"
    assert d.m.speech("Ana").airtime == 300


def test_extend_gives_more_time_to_the_step(driver):
    d = driver(LIB, "flow", roles={"presenter": "Ben"})
    d.do("start", "advance")
    d.wait(290)
    d.do("extend 1m")
    d.wait(60)
    assert d.step == "talk"
    d.wait(10)
    assert d.step == "pick"


def test_choose_routes_and_use_carries_the_inner_outcome(driver):
    d = driver(LIB, "flow", roles={"presenter": "Ben"})
    d.do("start", "advance", "advance")
    assert "choose one of: again, vote, stop" in d.refused("advance")
    d.do('propose "Share the van"', "choose vote")
    assert d.step == "v" and len(d.m.frames) == 2
    d.do("stance Ana yes", "stance Ben yes", "stance Cy yes", "advance")
    assert d.m.frames == ()
    used = [e for e in d.of("StepEnded") if e["step"] == "vote"][0]
    assert used["outcome"] == "passed"  # the inner protocol's outcome
    assert d.m.outcome == "done"  # the outer protocol ran off its last step


def test_max_visits_ends_with_exhausted(driver):
    d = driver(LIB, "loop")
    d.do("start", "advance")
    assert d.step == "a"
    d.do("advance")
    assert d.step == "b"
    outcomes = [e["outcome"] for e in d.of("StepEnded")]
    assert outcomes == ["done", "done", "exhausted"]


def test_every_skips_the_step_unless_the_meeting_number_is_a_multiple(driver):
    d = driver(LIB, "sometimes")
    d.do("start")
    assert d.step == "main"
    assert d.of("StepEnded")[0]["outcome"] == "skipped"


def test_agenda_runs_items_in_order_with_their_protocols_and_defers(driver):
    d = driver(LIB, "agenda")
    d.do("item Budget")  # given before the agenda begins: joins it at the end
    d.do("start")
    assert [e["title"] for e in d.of("ItemStarted")] == ["Rent strike"]
    d.do("advance")
    assert [e["title"] for e in d.of("ItemStarted")][-1] == "Garden"
    d.do("defer")
    assert d.minutes()["deferred"] == [{"title": "Garden", "protocol": None}]
    d.do("advance")
    assert d.step == "close"


def test_an_agenda_built_live_waits_and_starts_items_as_they_come(driver):
    d = driver(LIB, "live-agenda")
    d.do("start")
    assert d.step == "items"
    d.do("item Compost")
    assert d.step == "t"
    d.do("advance")
    assert d.step == "items"  # waits for more items
    d.do("item Tools", "advance")
    assert d.step == "items"
    d.do("advance")
    assert d.m.outcome == "done"
    assert [e["title"] for e in d.of("ItemStarted")] == ["Compost", "Tools"]


def test_turn_with_speaker_choose_takes_invite(driver):
    d = driver(LIB, "talking-stick")
    d.do("start")
    assert d.floor is None
    d.do("invite Cy")
    assert d.floor == "Cy"


def test_skip_back_and_goto_are_overrides(driver):
    d = driver(LIB, "flow", roles={"presenter": "Ben"})
    d.do("start", "skip")
    assert d.step == "talk"
    d.do("back")
    assert d.step == "intro"
    d.do("goto pick")
    assert d.step == "pick"
    assert "the steps are: intro, talk, pick, vote" in d.refused("goto nowhere")
    assert [o["command"] for o in d.minutes()["overrides"]] == ["skip", "back", "goto pick"]


def test_undo_takes_back_the_last_command_and_is_recorded(driver):
    d = driver(LIB, "flow", roles={"presenter": "Ben"})
    d.do("start", "advance", "hand Ana")
    before = d.m
    d.do("hand Cy", "undo")
    assert d.m == before
    assert d.stack() == ["Ana"]
    assert [o["command"] for o in d.minutes()["overrides"]] == ["undo"]


def test_replay_of_the_journal_equals_the_live_meeting(driver):
    d = driver(LIB, "flow", roles={"presenter": "Ben"})
    d.do("start", "advance", "hand Ana", "next", "pause", "resume", "hand Cy", "undo")
    d.wait(400)
    assert replay(d.m.setup, LIB, d.live.entries) == d.m


def test_confidential_content_never_reaches_the_minutes_but_public_records_do(driver):
    d = driver(LIB, "secret")
    d.do("start", 'note "Ben said something private"', "hand Ben", "next")
    d.wait(30)
    d.do("advance", 'record agreement "We share the van on Mondays" Ana Ben', "advance", "end")
    minutes = d.minutes()
    assert "private" not in str(minutes)
    assert minutes["agreements"] == [{"text": "We share the van on Mondays",
                                      "parties": ["Ana", "Ben"], "review_on": "2026-01-31"}]
    assert {a["name"]: a["seconds"] for a in minutes["airtime"]}["Ben"] == 30


def test_a_confidential_step_hides_only_its_own_content(driver):
    d = driver(LIB, "half-secret")
    d.do("start", 'note "open note"', "advance", 'note "closed note"', "advance", "end")
    assert [n["text"] for n in d.minutes()["notes"]] == ["open note"]


def test_records_outside_record_steps(driver):
    d = driver(LIB, "mini-talk")
    d.do("start", 'record action "Book the hall" Ana 2026-12-01', 'record note "Tea is in"')
    assert "2026-12-01" in d.refused('record action "Book" Ana next-week') or True
    assert d.refused('record action "Book" Ana tomorrow') == (
        "`tomorrow` is not a date; write the due date like 2026-12-01.")
    assert d.minutes()["actions"] == [{"what": "Book the hall", "owner": "Ana",
                                       "due": "2026-12-01"}]


def test_after_the_protocol_ends_the_meeting_stays_open_until_end(driver):
    d = driver(LIB, "mini-talk")
    d.do("start", "advance")
    assert d.m.outcome == "done" and not d.m.ended
    assert d.refused("hand Ana") == (
        "The protocol has ended; add notes or records, or `end` the meeting.")
    d.do('note "after"', "end")
    assert d.m.ended
    assert d.refused("note x") == "The meeting has ended; its minutes are written."


TIMED = library_from("""
version: 1
protocols:
  timed:
    title: Timed
    roles: {presenter: {}}
    steps:
      - {id: talk, kind: discussion, time: 1m, hard: true}
      - {id: show, kind: turn, speaker: presenter}
      - {id: test, kind: decide}
  circle:
    title: Circle
    steps:
      - {id: a, kind: discussion, time: 30s, hard: true, max_visits: 1, on: {timeout: b}}
      - {id: b, kind: pause, every: 2, next: a}
""")


def test_a_timebox_into_a_step_that_cannot_start_yet_waits_and_says_why(driver):
    d = driver(TIMED, "timed", roles={"presenter": "Ben"})
    d.do("start", "leave Ben")
    d.wait(61)
    assert d.step == "show" and d.floor is None
    assert d.of("StepWaiting")[0]["reason"] == (
        "This turn belongs to the presenter; name one first: `role presenter NAME`.")
    d.do("join Ben", "invite Ben")
    assert d.floor == "Ben"


def test_time_running_into_a_circle_of_steps_stops_the_protocol(driver):
    d = driver(TIMED, "circle")
    d.do("start")
    d.wait(31)  # a: timeout -> b, skipped -> a, visits used up -> b, skipped -> a ...
    assert d.m.frames == () and d.m.outcome == "exhausted"
    assert "routes in a circle" in d.of("StepWaiting")[0]["reason"]


def test_items_not_reached_by_the_end_are_deferred(driver):
    d = driver(LIB, "agenda")
    d.do("start", "end")  # Rent strike running, Garden not reached
    assert [e["title"] for e in d.of("ItemDeferred")] == ["Garden"]
    d = driver(LIB, "mini-talk")
    d.do("item Budget", "start", "end")  # no agenda in this meeting: Budget waits
    assert [e["title"] for e in d.of("ItemDeferred")] == ["Budget"]


def test_a_command_that_would_enter_a_circle_of_steps_is_refused(driver):
    lib = library_from("""
version: 1
protocols:
  spin:
    title: Spin
    steps:
      - {id: a, kind: discussion, every: 2, next: b}
      - {id: b, kind: discussion, every: 2, next: a}
""")
    d = driver(lib, "spin")
    assert d.refused("start") == (
        "This protocol routes in a circle without stopping for anyone; check its `next` and "
        "`on` routes with `facilitator show`.")


def test_items_still_to_come_can_be_reordered(driver):
    d = driver(LIB, "live-agenda")
    d.do("item One", "item Two", "item Three", "move Three 1")  # before the agenda begins
    d.do("start")
    assert [e["title"] for e in d.of("ItemStarted")] == ["Three"]
    d.do("move Two 1", "advance")
    assert [e["title"] for e in d.of("ItemStarted")] == ["Three", "Two"]
    assert d.refused("move Three 1") == "No item 'Three' is waiting on the agenda (waiting: 'One')."
    assert "not a position" in d.refused("move One first")


def test_naming_the_speaker_of_a_choose_turn_is_not_an_override(driver):
    d = driver(LIB, "talking-stick")
    d.do("start", "invite Cy")
    assert d.minutes()["overrides"] == []


def test_undo_takes_back_the_last_command_not_the_clock(driver):
    d = driver(LIB, "flow", roles={"presenter": "Ben"})
    d.do("start", "advance", "hand Ana", "hand Cy")
    d.wait(301)  # the 5m hard timebox fires: talk -> pick
    assert d.step == "pick"
    d.do("undo")  # takes back `hand Cy`; the timebox still ran out
    assert d.step == "pick"
    hands = [e for entry in d.live.entries for e in entry["events"] if e["type"] == "HandRaised"]
    assert [h["name"] for h in hands] == ["Ana", "Cy"]  # the journal keeps everything ...
    from facilitator.engine.events import to_json
    from facilitator.minutes.build import effective_events

    standing = [e["name"] for e in map(to_json, effective_events(d.live.entries))
                if e["type"] == "HandRaised"]
    assert standing == ["Ana"]  # ... and the minutes drop what was undone
    assert replay(d.m.setup, LIB, d.live.entries) == d.m


def test_undo_does_not_reach_back_across_an_interruption():
    from facilitator.engine.core import handle, interrupted
    from facilitator.engine.state import Meeting, Setup

    m = Meeting.open(Setup("m", "t", "mini-talk", 0.0), LIB)
    m, _ = handle(m, "join Ana", 1.0)
    m, _ = interrupted(m, 2.0, 600.0)
    from facilitator.errors import Refused

    try:
        handle(m, "undo", 601.0)
    except Refused as why:
        assert str(why) == "There is nothing to undo."
    else:
        raise AssertionError("undo crossed the interruption")


def test_titles_in_the_timeline_name_the_role_holders_and_the_item(driver):
    lib = library_from("""
version: 1
protocols:
  mediation-ish:
    title: Statements
    roles: {party_a: {}}
    steps:
      - {id: a, kind: turn, speaker: party_a, title: "{role.party_a} speaks"}
      - {id: items, kind: agenda, items: [{title: Rota, protocol: item-talk}]}
  item-talk:
    title: Item
    steps: [{id: t, kind: discussion, title: "On {item}"}]
""")
    d = driver(lib, "mediation-ish", roles={"party_a": "Cy"})
    d.do("start", "advance", "end")
    assert [s["title"] for s in d.minutes()["steps"]] == ["Cy speaks", "Items", "On Rota"]
