"""A journal survives its writer being killed at any moment (SIGKILL, many times)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.store.group import Group
from facilitator.store.journal import Journal, read_journal

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

# The child appends entries whose content follows from their seq, and prints each seq
# once Journal.append has returned (the acknowledgement).
WRITER = """
import sys
from pathlib import Path
from facilitator.store.journal import Journal

def entry(seq):
    return {"seq": seq, "at": seq / 10, "command": "note " + str(seq),
            "events": [{"type": "Noted", "text": "x" * (seq % 97), "seq": seq}]}

path = Path(sys.argv[1])
header = {"meeting": {"id": "crash", "title": "Crash", "protocol": "p",
          "created_at": "2026-03-01T19:00:00"}, "setup": {}}
if path.exists() and path.stat().st_size:
    journal, contents = Journal.open(path)
    seq = len(contents.entries)
else:
    journal = Journal.create(path, header)
    seq = 0
while True:
    seq += 1
    journal.append(entry(seq))
    sys.stdout.write(str(seq) + "\\n")
    sys.stdout.flush()
"""


def entry(seq: int) -> dict:
    return {
        "seq": seq,
        "at": seq / 10,
        "command": f"note {seq}",
        "events": [{"type": "Noted", "text": "x" * (seq % 97), "seq": seq}],
    }


def check_prefix(path: Path, acknowledged: int) -> int:
    entries = read_journal(path).entries
    assert entries == [entry(seq) for seq in range(1, len(entries) + 1)]
    assert len(entries) >= acknowledged
    return len(entries)


def test_killed_writers_leave_an_unbroken_prefix(tmp_path: Path) -> None:
    """After 30 SIGKILLs at random moments the journal opens, holds seq 1..n with no gaps,
    every acknowledged entry exactly as written, and the group can start a new meeting."""
    group = Group(tmp_path / "group")
    path = group.journal_path("crash")
    rng = random.Random(20260301)
    acknowledged = 0
    deadline = time.monotonic() + 60
    kills = 0
    while kills < 30 and time.monotonic() < deadline:
        out = tmp_path / f"acks-{kills}.txt"
        with open(out, "wb") as sink:
            child = subprocess.Popen(
                [sys.executable, "-c", WRITER, str(path)],
                stdout=sink,
                env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            )
            # Some kills land during start-up or the lock takeover, most while appending.
            time.sleep(rng.uniform(0.02, 0.3))
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        acks = out.read_text().split()
        if acks and acks[-1].isdigit():
            acknowledged = max(acknowledged, int(acks[-1]))
        if path.exists() and path.stat().st_size:
            check_prefix(path, acknowledged)
        kills += 1
    assert kills >= 10
    journal, contents = Journal.open(path)
    journal.close()
    count = check_prefix(path, acknowledged)
    assert count > 0, "the writer never got to append: the test proved nothing"
    assert [e["seq"] for e in contents.entries] == list(range(1, count + 1))
    assert [m.id for m in group.unfinished_meetings()] == ["crash"]
    header = {
        "meeting": {
            "id": "after",
            "title": "After",
            "protocol": "p",
            "created_at": "2026-03-02T19:00:00",
        },
        "setup": {},
    }
    with group.new_journal("after", header) as fresh:
        fresh.append(entry(1))
    assert read_journal(group.journal_path("after")).entries == [entry(1)]


# Large entries take long enough to write that a kill lands inside the write: the
# kernel stops between pages and leaves part of a line behind (a real tear).
BIG_WRITER = """
import sys, time
from pathlib import Path
from facilitator.store.journal import Journal
path = Path(sys.argv[1])
if path.exists() and path.stat().st_size:
    journal, contents = Journal.open(path)
    seq = len(contents.entries)
else:
    journal = Journal.create(path, {"meeting": {"id": "big"}, "setup": {}})
    seq = 0
print("ready", flush=True)
for _ in range(2):
    seq += 1
    journal.append({"seq": seq, "at": 0, "command": "big", "events": [{"text": "x" * (4 << 20)}]})
time.sleep(60)
"""


def test_writers_killed_in_the_middle_of_a_line_leave_no_torn_entry(tmp_path: Path) -> None:
    """Kills inside the write of a 4 MB line never leave a partial entry in the meeting;
    the tear is set aside in .torn and the next writer carries on from the prefix."""
    path = tmp_path / "big.jsonl"
    rng = random.Random(7)
    for _ in range(10):
        child = subprocess.Popen(
            [sys.executable, "-c", BIG_WRITER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.05))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    journal, contents = Journal.open(path)
    journal.close()
    assert [e["seq"] for e in contents.entries] == list(range(1, len(contents.entries) + 1))
    assert all(e["events"] == [{"text": "x" * (4 << 20)}] for e in contents.entries)
    assert read_journal(path).warning is None
