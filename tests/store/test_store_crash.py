"""A journal survives its writer being killed at any moment (SIGKILL, many times).

Each kill follows a handshake, not the clock: the child says each seq once
Journal.append has returned (the acknowledgement), and the parent kills it after a
chosen number of them (see `killing`), so every kill lands while it is writing.
"""

from __future__ import annotations

import os
import random
import signal
from collections.abc import Callable
from pathlib import Path

from killing import Child

from facilitator.store import files
from facilitator.store.group import Group
from facilitator.store.journal import Journal
from facilitator.store.journal_read import read_journal

HEADER = {"meeting": {"id": "crash", "title": "Crash", "protocol": "p",
                      "created_at": "2026-03-01T19:00:00"}, "setup": {}}


def entry(seq: int) -> dict:
    return {
        "seq": seq,
        "at": seq / 10,
        "command": f"note {seq}",
        "events": [{"type": "Noted", "text": "x" * (seq % 97), "seq": seq}],
    }


def open_or_create(path: Path) -> tuple[Journal, int]:
    if path.exists() and path.stat().st_size:
        journal, contents = Journal.open(path)
        return journal, len(contents.entries)
    return Journal.create(path, HEADER), 0


def writer(path: Path) -> Callable[[Callable[[str], None]], None]:
    def work(say: Callable[[str], None]) -> None:
        journal, seq = open_or_create(path)
        say("ready")
        while True:
            seq += 1
            journal.append(entry(seq))
            say(str(seq))

    return work


def check_prefix(path: Path, acknowledged: int) -> int:
    entries = read_journal(path).entries
    assert entries == [entry(seq) for seq in range(1, len(entries) + 1)]
    assert len(entries) >= acknowledged
    return len(entries)


def test_killed_writers_leave_an_unbroken_prefix(tmp_path: Path) -> None:
    """After 30 SIGKILLs in the middle of appending the journal opens, holds seq 1..n with
    no gaps, every acknowledged entry exactly as written, and the group can start a new
    meeting."""
    group = Group(tmp_path / "group")
    path = group.journal_path("crash")
    path.parent.mkdir(parents=True)
    rng = random.Random(20260301)
    acknowledged = 0
    for _ in range(30):
        said = Child(writer(path)).kill_after(1 + rng.randint(0, 40))
        assert said[0] == "ready"
        if len(said) > 1:
            acknowledged = max(acknowledged, int(said[-1]))
        check_prefix(path, acknowledged)
    journal, contents = Journal.open(path)
    journal.close()
    count = check_prefix(path, acknowledged)
    assert acknowledged > 30 * 10  # every child got to append before it was killed
    assert [e["seq"] for e in contents.entries] == list(range(1, count + 1))
    assert [m.id for m in group.unfinished_meetings()] == ["crash"]
    after = {**HEADER, "meeting": {**HEADER["meeting"], "id": "after"}}
    with group.new_journal("after", after) as fresh:
        fresh.append(entry(1))
    assert read_journal(group.journal_path("after")).entries == [entry(1)]


def tearing_writer(path: Path) -> Callable[[Callable[[str], None]], None]:
    """Appends two entries, then a third of which only the first half reaches the file:
    the child then says "torn" and waits for its kill, as the kernel leaves a line that
    a kill interrupted between two pages."""

    def work(say: Callable[[str], None]) -> None:
        journal, seq = open_or_create(path)
        real = os.write
        for _ in range(2):
            seq += 1
            journal.append(entry(seq))

        def half(fd: int, data: bytes) -> int:
            real(fd, bytes(data[: len(data) // 2]))
            say("torn")
            os.kill(os.getpid(), signal.SIGSTOP)  #: the kill finds it here, mid-line
            return 0

        files.os.write = half  # type: ignore[attr-defined]
        journal.append(entry(seq + 1))

    return work


def test_writers_killed_in_the_middle_of_a_line_leave_no_torn_entry(tmp_path: Path) -> None:
    """A kill inside the write of a line leaves part of it on disk (checked: the tear is
    really there); it is never part of the meeting, it is set aside in .torn, and the
    next writer carries on from the prefix."""
    path = tmp_path / "torn.jsonl"
    torn = path.with_name(path.name + ".torn")
    for kill in range(1, 6):
        assert Child(tearing_writer(path)).kill_after(1) == ["torn"]
        contents = read_journal(path)
        assert contents.warning is not None and "cut off" in contents.warning  # a real tear
        assert [e["seq"] for e in contents.entries] == list(range(1, 2 * kill + 1))
    journal, contents = Journal.open(path)
    journal.close()
    assert contents.entries == [entry(seq) for seq in range(1, 11)]
    assert torn.read_bytes().count(b"\n") == 5  # one line set aside for each kill
    assert read_journal(path).warning is None
