"""Random protocols, random commands: only refusals, and the meeting's invariants hold.

Invariants: nothing but `Refused` is ever raised; the floor is held by at most one person,
who is present; no one stands twice on the stack; airtime is never negative;
`replay(journal) == state`; the minutes always build; `next` and `done` then `next` order
the stack alike; a pass adds no airtime.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from facilitator.clock import FakeClock
from facilitator.engine.core import handle, replay
from facilitator.engine.steps.discussion import ordered_stack, stack_of
from facilitator.errors import Refused
from facilitator.minutes import render
from facilitator.protocols.loader import build_library
from facilitator.session import LiveMeeting

NAMES = ["Ana", "Ben", "Cy", "Dee"]
KINDS = ["round", "discussion", "turn", "decide", "record", "choose", "use", "review", "pause",
         "agenda"]
OUTCOMES = ["done", "passed", "blocked", "failed", "no_quorum", "exhausted", "timeout",
            "skipped"]


@st.composite
def protocol_files(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 5))
    ids = [f"s{i}" for i in range(n)]
    steps = []
    for sid in ids:
        kind = draw(st.sampled_from(KINDS))
        step: dict = {"id": sid, "kind": kind}
        targets = st.sampled_from(ids + ["end"])
        if draw(st.booleans()):
            step["next"] = draw(targets)
        if draw(st.booleans()):
            step["time"] = draw(st.sampled_from(["30s", "1m", "5m"]))
            step["hard"] = draw(st.booleans())
        if draw(st.booleans()):
            step["max_visits"] = draw(st.integers(1, 3))
        if kind == "round":
            step["order"] = draw(st.sampled_from(["seating", "reverse", "random",
                                                  "facilitator-last"]))
            step["revisit_passes"] = draw(st.booleans())
            if draw(st.booleans()):
                step["think"] = "30s"
        elif kind == "discussion":
            step["policy"] = draw(st.sampled_from(["progressive", "airtime", "fifo"]))
        elif kind == "turn":
            step["speaker"] = draw(st.sampled_from(["facilitator", "choose"]))
        elif kind == "decide":
            step["scale"] = draw(st.sampled_from(["consensus", "vote", "fist-to-five"]))
            step["attempts"] = draw(st.integers(1, 3))
            step["on"] = {o: draw(targets) for o in draw(st.sets(st.sampled_from(OUTCOMES)))}
        elif kind == "record":
            step["type"] = draw(st.sampled_from(["decision", "action", "agreement", "note"]))
        elif kind == "choose":
            step["options"] = {"a": draw(targets), "b": draw(targets)}
        elif kind == "use":
            step["protocol"] = "inner"
        elif kind == "agenda":
            step["items"] = draw(st.sampled_from(["ask", [{"title": "One"}]]))
            step["default_protocol"] = "inner"
        if draw(st.integers(0, 2)) == 0:
            step["confidential"] = True
        steps.append(step)
    doc = {"version": 1, "protocols": {
        "random": {"title": "Random", "steps": steps, "confidential": draw(st.integers(0, 4)) == 0},
        "inner": {"title": "Inner", "steps": [{"id": "i", "kind": "discussion"},
                                              {"id": "v", "kind": "decide", "scale": "vote"}]},
    }}
    return json.dumps(doc)  # JSON is YAML


def commands() -> st.SearchStrategy[str]:
    name = st.sampled_from(NAMES + ["Zed"])
    word = st.sampled_from(["agree", "block", "stand_aside", "yes", "no", "3", "0", "a", "b",
                            "green", "x", "s0", "s1", "A1", "done", "hand"])
    return st.one_of(
        st.sampled_from(["start", "next", "done", "pass", "advance", "skip", "back", "undo",
                         "pause", "resume", "defer", "end", 'propose "A plan"',
                         'note "hello"', "extend 1m", "goto s0", "goto s2", "choose a",
                         "choose b", 'record action "Do it" Ana', 'record agreement "We" Ana',
                         "record decision Yes", "item Extra", "unknown", 'note "unclosed']),
        st.builds(lambda n: f"join {n}", name), st.builds(lambda n: f"leave {n}", name),
        st.builds(lambda n: f"hand {n}", name),
        st.builds(lambda n, k: f"hand {n} {k}", name,
                  st.sampled_from(["clarify", "direct-response", "point-of-process", "x"])),
        st.builds(lambda n: f"lower {n}", name), st.builds(lambda n: f"invite {n}", name),
        st.builds(lambda n: f"pass {n}", name),
        st.builds(lambda n, w: f'stance {n} {w} "because"', name, word),
        st.builds(lambda n, w: f"stance {n} {w}", name, word),
        st.builds(lambda n, w: f"collect {n} {w}", name, word),
        st.builds(lambda r, n: f"role {r} {n}", st.sampled_from(["facilitator", "notetaker",
                                                                 "nobody"]), name),
    )


class MeetingMachine(RuleBasedStateMachine):
    @initialize(text=protocol_files(), people=st.integers(0, 4))
    def open(self, text: str, people: int) -> None:
        library, problems = build_library([("random.yaml", text)], include_builtin=False)
        errors = [p for p in problems if not p.warning]
        self.library = None if errors else library
        if self.library is None:
            return
        self.clock = FakeClock()
        self.live = LiveMeeting.open(library, [], "random", self.clock)
        for name in NAMES[:people]:
            self.live.do(f"join {name}")

    @rule(command=commands())
    def give(self, command: str) -> None:
        if self.library is None:
            return
        before = self.live.meeting
        try:
            self.live.do(command)
        except Refused:
            assert self.live.meeting is before

    @rule(kind=st.sampled_from(["note", "action", "agreement", "stance", "decision"]),
          name=st.sampled_from(NAMES))
    def say_in_confidence(self, kind: str, name: str) -> None:
        """Only while the running step is confidential: what is said must stay there."""
        if self.library is None:
            return
        run = self.live.meeting.run
        if run is None or not run.confidential:
            return
        command = {"note": 'note "SECRET note"',
                   "action": f'record action "SECRET task" {name}',
                   "agreement": f'record agreement "SECRET pact" {name}',
                   "stance": f'stance {name} block "SECRET reason"',
                   "decision": 'record decision "SECRET decision"'}[kind]
        try:
            self.live.do(command)
        except Refused:
            pass

    @rule(seconds=st.sampled_from([1, 20, 45, 90, 400]))
    def wait(self, seconds: int) -> None:
        if self.library is None:
            return
        self.clock.advance(seconds)
        self.live.tick()

    @invariant()
    def holds(self) -> None:
        if getattr(self, "library", None) is None:
            return
        m = self.live.meeting
        if m.floor is not None:
            assert m.people[m.floor.name].present
        for frame in m.frames:
            stack = stack_of(frame.run)
            if stack is not None:
                names = [h.name for h in stack.stack]
                assert len(names) == len(set(names))
        assert all(s.airtime >= 0 for s in m.stats.values())
        if m.floor is not None:
            assert m.active(self.clock.now()) - m.floor.since >= 0

    @invariant()
    def next_and_done_then_next_order_the_stack_alike(self) -> None:
        if getattr(self, "library", None) is None:
            return
        m, now = self.live.meeting, self.clock.now()
        stack = stack_of(m.run)
        # With hands up and someone speaking (with nobody on the stack `next` just ends
        # the turn, where `done` then `next` is refused: nothing to order). Not while a
        # point of process is heard: then `next`, like `done`, ends the point and the
        # speaker it stopped goes on (docs/protocol-language.md), so `done` then `next`
        # moves one further.
        if stack is None or not stack.stack or m.floor is None or m.paused_since is not None \
                or m.point is not None:
            return

        def after(*commands: str) -> object:
            meeting = m
            try:
                for command in commands:
                    meeting = handle(meeting, command, now)[0]
            except Refused:
                return "refused"
            floor = meeting.floor.name if meeting.floor else None
            order = [(h.name, why) for h, why in ordered_stack(meeting, meeting.run)]
            return floor, order, dict(meeting.stats)

        assert after("next") == after("done", "next")

    @invariant()
    def a_pass_adds_no_airtime(self) -> None:
        if getattr(self, "library", None) is None:
            return
        m, now = self.live.meeting, self.clock.now()
        if m.floor is None:
            return
        name = m.floor.name
        try:
            passed = handle(m, "pass", now)[0]
        except Refused:
            return
        assert passed.speech(name).airtime == m.speech(name).airtime
        assert passed.speech(name).turns == m.speech(name).turns

    def teardown(self) -> None:
        if getattr(self, "library", None) is None:
            return
        m = self.live.meeting
        assert replay(m.setup, self.library, self.live.entries) == m
        minutes = self.live.minutes()
        json.dumps(minutes)
        assert all(a["seconds"] >= 0 for a in minutes["airtime"])
        for fmt in ("json", "md", "html", "txt"):
            assert "SECRET" not in render(minutes, fmt), fmt
        # The minutes (events, with undo applied) agree with the engine on the floor.
        for row in minutes["airtime"]:
            speech = m.speech(row["name"])
            assert abs(row["seconds"] - speech.airtime) < 0.01, row
            assert row["turns"] == speech.turns, row


MeetingMachine.TestCase.settings = settings(
    max_examples=150, stateful_step_count=40, deadline=None,
    # The same examples every run (tests/conftest.py), unless HYPOTHESIS_EXPLORE is set.
    derandomize=not os.environ.get("HYPOTHESIS_EXPLORE"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestMeetingMachine = MeetingMachine.TestCase
