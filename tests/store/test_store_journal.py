"""The meeting journal: durable appends, damaged ends set aside, one writer at a time."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.errors import StoreError
from facilitator.store.journal import Journal
from facilitator.store.journal_read import read_journal
from facilitator.store.lock import lock_path

HEADER = {
    "meeting": {
        "id": "m1",
        "title": "Tools",
        "protocol": "check-in",
        "created_at": "2026-03-01T19:02:00",
    },
    "setup": {"participants": ["Ana", "Ben"]},
}


def entry(seq: int) -> dict:
    return {
        "seq": seq,
        "at": seq * 1.5,
        "command": f"note line {seq}",
        "events": [{"type": "Noted", "n": seq}],
    }


def write_journal(path: Path, count: int) -> None:
    with Journal.create(path, HEADER) as journal:
        for seq in range(1, count + 1):
            journal.append(entry(seq))


def test_a_journal_holds_its_header_and_entries_in_order(tmp_path: Path) -> None:
    """What was appended is read back exactly, header first."""
    path = tmp_path / "m1.jsonl"
    write_journal(path, 3)
    contents = read_journal(path)
    assert contents.header == {"journal": 1, **HEADER}
    assert contents.entries == [entry(1), entry(2), entry(3)]
    assert contents.warning is None
    assert path.read_text().count("\n") == 4


def test_files_are_private(tmp_path: Path) -> None:
    """The journal and its new folders are readable by their owner only."""
    path = tmp_path / "deep" / "journals" / "m1.jsonl"
    journal = Journal.create(path, HEADER)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(lock_path(path).stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700
    journal.close()
    assert not lock_path(path).exists()


def test_a_torn_last_line_is_skipped_by_a_reader_and_the_file_is_untouched(tmp_path: Path) -> None:
    """read_journal skips a cut-off last line, says so, and changes nothing."""
    path = tmp_path / "m1.jsonl"
    write_journal(path, 2)
    with open(path, "ab") as handle:
        handle.write(b'{"seq":3,"at":4.5,"comm')
    before = path.read_bytes()
    contents = read_journal(path)
    assert contents.entries == [entry(1), entry(2)]
    assert "cut off" in contents.warning
    assert path.read_bytes() == before
    assert not path.with_name("m1.jsonl.torn").exists()


def test_opening_a_torn_journal_sets_the_torn_line_aside(tmp_path: Path) -> None:
    """Journal.open moves the torn line into .torn, truncates, and appends cleanly after."""
    path = tmp_path / "m1.jsonl"
    write_journal(path, 2)
    good = path.read_bytes()
    with open(path, "ab") as handle:
        handle.write(b'{"seq":3,"at":4.5,"comm')
    journal, contents = Journal.open(path)
    assert contents.entries == [entry(1), entry(2)]
    assert "m1.jsonl.torn" in contents.warning
    assert path.read_bytes() == good
    torn = path.with_name("m1.jsonl.torn")
    assert torn.read_bytes() == b'{"seq":3,"at":4.5,"comm\n'
    assert stat.S_IMODE(torn.stat().st_mode) == 0o600
    journal.append(entry(3))
    journal.close()
    assert read_journal(path).entries == [entry(1), entry(2), entry(3)]
    # A second tear is appended to the same .torn file, the first is kept.
    with open(path, "ab") as handle:
        handle.write(b'{"seq":4')
    journal, _ = Journal.open(path)
    journal.close()
    assert torn.read_bytes() == b'{"seq":3,"at":4.5,"comm\n{"seq":4\n'


def test_a_complete_line_without_its_newline_counts_as_torn(tmp_path: Path) -> None:
    """The newline is written with the line, so a line without it was never acknowledged."""
    path = tmp_path / "m1.jsonl"
    write_journal(path, 1)
    with open(path, "ab") as handle:
        handle.write(json.dumps(entry(2)).encode())
    assert read_journal(path).entries == [entry(1)]


def test_a_damaged_middle_line_keeps_what_came_before(tmp_path: Path) -> None:
    """Everything before a damaged line is kept; it and the rest are set aside and reported."""
    path = tmp_path / "m1.jsonl"
    write_journal(path, 4)
    lines = path.read_bytes().split(b"\n")
    lines[2] = b'{"seq":2,"at":3.0,"com#and'  # line 3 of the file: entry 2
    path.write_bytes(b"\n".join(lines))
    contents = read_journal(path)
    assert contents.entries == [entry(1)]
    assert "Line 3" in contents.warning and "3 lines" in contents.warning
    journal, opened = Journal.open(path)
    journal.close()
    assert opened.entries == [entry(1)]
    aside = path.with_name("m1.jsonl.torn").read_bytes()
    assert aside.startswith(b'{"seq":2,"at":3.0,"com#and\n') and b'"seq":4' in aside


def test_a_journal_without_header_is_refused_with_a_sentence(tmp_path: Path) -> None:
    """A file that is not a journal cannot be opened or read."""
    path = tmp_path / "m1.jsonl"
    path.write_bytes(b"garbage\n")
    with pytest.raises(StoreError, match="no readable header"):
        read_journal(path)
    with pytest.raises(StoreError, match="no readable header"):
        Journal.open(path)
    assert not lock_path(path).exists()


def test_creating_over_an_existing_journal_is_refused(tmp_path: Path) -> None:
    """A meeting's journal is never started twice."""
    path = tmp_path / "m1.jsonl"
    write_journal(path, 1)
    with pytest.raises(StoreError, match="already exists"):
        Journal.create(path, HEADER)
    assert read_journal(path).entries == [entry(1)]
    assert not lock_path(path).exists()


def test_an_empty_journal_from_a_crash_before_its_header_can_be_created_again(
    tmp_path: Path,
) -> None:
    """A crash between creating the file and writing the header does not block the meeting."""
    path = tmp_path / "m1.jsonl"
    path.write_bytes(b"")
    Journal.create(path, HEADER).close()
    assert read_journal(path).header["meeting"]["id"] == "m1"


def test_appending_to_a_closed_journal_is_refused(tmp_path: Path) -> None:
    """After close, nothing more is written."""
    path = tmp_path / "m1.jsonl"
    journal = Journal.create(path, HEADER)
    journal.close()
    journal.close()
    with pytest.raises(StoreError, match="closed"):
        journal.append(entry(1))


HOLDER = """
import sys
from facilitator.store.journal import Journal
journal, _ = Journal.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
"""


def test_a_second_writer_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    """While another live process has the meeting open, opening it is refused by name."""
    path = tmp_path / "m1.jsonl"
    write_journal(path, 1)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as refused:
            Journal.open(path)
        message = str(refused.value)
        assert f"pid {child.pid} on {socket.gethostname()}" in message
        assert message.startswith("This meeting is open in another facilitator")
        assert message.endswith("Close it there, or wait.")
    finally:
        child.stdin.close()
        child.wait(timeout=10)


def test_the_same_process_cannot_open_a_meeting_twice(tmp_path: Path) -> None:
    """The lock is per journal, not per process."""
    path = tmp_path / "m1.jsonl"
    journal = Journal.create(path, HEADER)
    with pytest.raises(StoreError, match=f"pid {os.getpid()}"):
        Journal.open(path)
    journal.close()
    Journal.open(path)[0].close()


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_stale_lock_from_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    """A lock left by a process that no longer runs on this host does not block anyone."""
    path = tmp_path / "m1.jsonl"
    write_journal(path, 1)
    stale = {"pid": dead_pid(), "hostname": socket.gethostname(), "started": time.time() - 60}
    lock_path(path).write_text(json.dumps(stale))
    journal, _ = Journal.open(path)
    held = json.loads(lock_path(path).read_text())
    assert held["pid"] == os.getpid()
    journal.append(entry(2))
    journal.close()
    assert read_journal(path).entries == [entry(1), entry(2)]
    assert not lock_path(path).exists()
    assert [p.name for p in tmp_path.iterdir()] == ["m1.jsonl"]


def test_a_lock_from_another_host_is_respected(tmp_path: Path) -> None:
    """A pid on another machine cannot be checked, so it is never assumed dead."""
    path = tmp_path / "m1.jsonl"
    write_journal(path, 1)
    other = {"pid": dead_pid(), "hostname": "hall-laptop", "started": time.time()}
    lock_path(path).write_text(json.dumps(other))
    with pytest.raises(StoreError, match=f"pid {other['pid']} on hall-laptop, since"):
        Journal.open(path)
