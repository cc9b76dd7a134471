"""A live meeting killed with SIGKILL in the middle of its work resumes where it stopped.

The child runs a real meeting (engine, journal, group) and says each command's number
once `LiveMeeting.do` has returned: that is when the screen would show it. The parent
kills it after a chosen number of acknowledgements (a ready handshake, no clock), then
resumes the meeting from its journal: every acknowledged command is there, in order,
with nothing after a gap, the rebuilt meeting equals a replay, and it goes on.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from killing import Child

from facilitator.clock import SystemClock
from facilitator.opening import open_group
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group

SOURCES = [builtin_source()]
LIBRARY, _ = build_library(SOURCES, include_builtin=False)


def script(n: int) -> list[str]:
    cycle = ["hand Ana", "hand Ben", "next", 'note "a point"', "next", "done"]
    return [cycle[i % len(cycle)] for i in range(n)]


def run_meeting(group_dir: Path, commands: list[str]) -> Callable[[Callable[[str], None]], None]:
    def work(say: Callable[[str], None]) -> None:
        group = Group(group_dir)
        unfinished = group.unfinished_meetings()
        if unfinished:
            live = LiveMeeting.resume(group, unfinished[0].id, SystemClock())
        else:
            live = LiveMeeting.open(LIBRARY, SOURCES, "discussion", SystemClock(), group=group)
            for name in ("Ana", "Ben", "Cy"):
                live.do("join " + name)
            live.do("start")
        say("ready")
        done = sum(1 for e in live.entries if e["command"] not in ("interrupted", "tick"))
        for command in commands[done - 4:]:
            live.do(command)
            say(str(len(live.entries)))

    return work


def test_killed_meeting_resumes_with_every_acknowledged_command(tmp_path: Path):
    group_dir = tmp_path / "group"
    commands = script(4000)
    rng = random.Random(7)
    acknowledged = 0
    for _ in range(12):
        said = Child(run_meeting(group_dir, commands)).kill_after(1 + rng.randint(0, 25))
        assert said[0] == "ready"
        if len(said) > 1:
            acknowledged = max(acknowledged, int(said[-1]))

        group = open_group(group_dir)
        [meeting] = group.unfinished_meetings()
        live = LiveMeeting.resume(group, meeting.id, SystemClock())
        # what was said: the clock's own entries (an interruption on resuming) aside
        said_in_journal = [e["command"] for e in live.entries if e["command"] != "interrupted"]
        assert said_in_journal[:4] == ["join Ana", "join Ben", "join Cy", "start"]
        # an unbroken prefix of what was said
        assert said_in_journal[4:] == commands[: len(said_in_journal) - 4]
        assert len(live.entries) >= acknowledged  # nothing the screen showed is lost
        assert [e["seq"] for e in live.entries] == list(range(1, len(live.entries) + 1))
        live.close()

    # The meeting goes on, ends, and the next meeting starts in the same group.
    group = open_group(group_dir)
    [meeting] = group.unfinished_meetings()
    live = LiveMeeting.resume(group, meeting.id, SystemClock())
    live.do("end")
    live.finish()
    assert [m.id for m in group.meetings()] == [meeting.id]
    nxt = LiveMeeting.open(LIBRARY, SOURCES, "discussion", SystemClock(), group=group)
    nxt.do("join Ana")
    nxt.close()
    assert acknowledged > 20  # the kills did land mid-meeting, not before it began
