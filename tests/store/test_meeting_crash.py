"""A live meeting killed with SIGKILL at random moments resumes where it stopped, every time.

The child runs a real meeting (engine, journal, group) and prints each command's number
once `LiveMeeting.do` has returned: that is when the screen would show it. After each kill
the meeting is resumed from its journal: every acknowledged command is there, in order,
with nothing after a gap, the rebuilt meeting equals a replay, and it goes on.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.clock import SystemClock
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting, open_group

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

CHILD = """
import json, sys
from pathlib import Path
from facilitator.clock import SystemClock
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group

group = Group(Path(sys.argv[1]))
commands = json.loads(sys.argv[2])
unfinished = group.unfinished_meetings()
if unfinished:
    live = LiveMeeting.resume(group, unfinished[0].id, SystemClock())
else:
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    live = LiveMeeting.open(library, sources, "discussion", SystemClock(), group=group)
    for name in ("Ana", "Ben", "Cy"):
        live.do("join " + name)
    live.do("start")
done = sum(1 for e in live.entries if e["command"] not in ("interrupted", "tick"))
for command in commands[done - 4:]:
    live.do(command)
    sys.stdout.write(str(len(live.entries)) + "\\n")
    sys.stdout.flush()
"""


def script(n: int) -> list[str]:
    cycle = ["hand Ana", "hand Ben", "next", 'note "a point"', "next", "done"]
    return [cycle[i % len(cycle)] for i in range(n)]


def test_killed_meeting_resumes_with_every_acknowledged_command(tmp_path: Path):
    group_dir = tmp_path / "group"
    commands = script(4000)
    rng = random.Random(7)
    acknowledged = 0
    for _ in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(group_dir), json.dumps(commands)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Kill only once the meeting runs (its first command acknowledged): on a busy
        # machine the child may still be importing when a fixed delay is over.
        first = child.stdout.readline() if child.stdout else ""
        time.sleep(rng.uniform(0.3, 1.2))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        out = first + out
        assert "Traceback" not in err, err
        lines = out.split()
        if lines:
            acknowledged = max(acknowledged, int(lines[-1]))

        group = open_group(group_dir)
        [meeting] = group.unfinished_meetings()
        live = LiveMeeting.resume(group, meeting.id, SystemClock())
        # what was said: the clock's own entries (an interruption on resuming) aside
        said = [e["command"] for e in live.entries if e["command"] != "interrupted"]
        assert said[:4] == ["join Ana", "join Ben", "join Cy", "start"]
        assert said[4:] == commands[: len(said) - 4]  # an unbroken prefix of what was said
        assert len(said) >= acknowledged  # nothing the screen showed is lost
        assert [e["seq"] for e in live.entries] == list(range(1, len(live.entries) + 1))
        live.close()

    # The meeting goes on, ends, and the next meeting starts in the same group.
    group = open_group(group_dir)
    [meeting] = group.unfinished_meetings()
    live = LiveMeeting.resume(group, meeting.id, SystemClock())
    live.do("end")
    live.finish()
    assert [m.id for m in group.meetings()] == [meeting.id]
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    nxt = LiveMeeting.open(library, sources, "discussion", SystemClock(), group=group)
    nxt.do("join Ana")
    nxt.close()
    assert acknowledged > 20  # the kills did land mid-meeting, not before it began
