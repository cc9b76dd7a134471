"""Damaged journals and lock files, failing heartbeats, and what killed processes leave.

A damaged journal is set aside (renamed, never deleted) with a sentence, and the group
goes on; a lock file holding nonsense is judged stale or named without a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.opening import open_group
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store import changes
from facilitator.store.group import Group
from facilitator.store.journal import Journal
from facilitator.store.lock import lock_path

SOURCES = [builtin_source()]
LIBRARY, _ = build_library(SOURCES, include_builtin=False)


def meeting(group_dir: Path, *commands: str, clock: FakeClock | None = None) -> str:
    """A discussion with Ana and Ben given `commands`, closed (left open); its id."""
    live = LiveMeeting.open(LIBRARY, SOURCES, "discussion", clock or FakeClock(),
                            group=Group(group_dir))
    for command in ("join Ana", "join Ben", *commands):
        live.do(command)
    live.close()
    return live.id


def rewrite(path: Path, number: int, change) -> None:
    """Replace line `number` (0 is the header) of a journal with `change(line)`."""
    lines = path.read_text().splitlines()
    lines[number] = json.dumps(change(json.loads(lines[number])))
    path.write_text("\n".join(lines) + "\n")


def told(group_dir: Path) -> tuple[Group, list[str]]:
    said: list[str] = []
    return open_group(group_dir, warn=said.append), said


# --- damaged journals ------------------------------------------------------------------

DAMAGED_HEADERS = {
    "bare": lambda header: {"journal": 1},
    "setup": lambda header: {**header, "setup": {**header["setup"], "setup": {"x": 1}}},
    "sources": lambda header: {**header, "setup": {**header["setup"], "sources": 5}},
}


@pytest.mark.parametrize("damage", sorted(DAMAGED_HEADERS))
def test_an_open_meeting_with_a_damaged_header_is_set_aside_on_resuming(
        tmp_path: Path, damage: str) -> None:
    """Resuming says the journal is damaged and where it was put; the group lists the
    meeting no more and opens the next one."""
    group_dir = tmp_path / "group"
    meeting_id = meeting(group_dir, "start")
    path = Group(group_dir).journal_path(meeting_id)
    rewrite(path, 0, DAMAGED_HEADERS[damage])
    group, said = told(group_dir)
    assert said == []
    assert [m.id for m in group.unfinished_meetings()] == [meeting_id]
    with pytest.raises(StoreError) as info:
        LiveMeeting.resume(group, meeting_id, FakeClock())
    message = str(info.value)
    assert message.startswith(f"The journal of the meeting {meeting_id} is damaged")
    assert "set aside as" in message and message.endswith("nothing in it was deleted.")
    assert not path.exists() and path.with_name(path.name + ".damaged").exists()
    assert not lock_path(path).exists()
    assert group.unfinished_meetings() == []
    meeting(group_dir, clock=FakeClock(FakeClock().now() + 120))  # the group goes on


def test_a_header_whose_meeting_part_is_not_an_object_is_listed_by_its_file_name(
        tmp_path: Path) -> None:
    group_dir = tmp_path / "group"
    meeting_id = meeting(group_dir, "start")
    rewrite(Group(group_dir).journal_path(meeting_id), 0,
            lambda header: {**header, "meeting": "nonsense"})
    group, said = told(group_dir)
    assert [(m.id, m.title) for m in group.unfinished_meetings()] == [(meeting_id, None)]
    LiveMeeting.resume(group, meeting_id, FakeClock()).close()


def test_an_ended_meeting_with_damaged_events_is_set_aside_and_the_group_goes_on(
        tmp_path: Path) -> None:
    """A journal ending with `end` but with a damaged entry cannot make minutes: opening
    the group says so once, sets it aside, and every group command works."""
    group_dir = tmp_path / "group"
    meeting_id = meeting(group_dir, "start", "hand Ana", "next", "done", "end")
    path = Group(group_dir).journal_path(meeting_id)
    rewrite(path, 4, lambda entry: {**entry, "events": [{"type": "SpeakerCalled"}]})
    group, said = told(group_dir)
    [sentence] = said
    assert "is damaged (`SpeakerCalled` is not an event this version knows)" in sentence
    assert ".jsonl.damaged" in sentence
    assert group.meetings() == [] and group.unfinished_meetings() == []
    again, said = told(group_dir)
    assert said == [] and again.roster() == []


def test_a_meeting_whose_minutes_cannot_be_written_is_recorded_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An ended meeting whose minutes meet a full disk is told, kept, and recorded the
    next time the group opens with room."""
    group_dir = tmp_path / "group"
    meeting_id = meeting(group_dir, "start", "end")
    real = os.replace

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(args[0]))

    monkeypatch.setattr(os, "replace", full)
    _, said = told(group_dir)
    [sentence] = said
    assert "the disk is full. Free some space, then try again." in sentence
    assert sentence.endswith("written the next time the group is opened.")
    monkeypatch.setattr(os, "replace", real)
    group, said = told(group_dir)
    assert said == [] and [m.id for m in group.meetings()] == [meeting_id]


# --- lock files --------------------------------------------------------------------------


def lock_with(tmp_path: Path, holder: dict) -> Path:
    path = tmp_path / "m.jsonl"
    with Journal.create(path, {"meeting": {"id": "m"}, "setup": {}}):
        pass
    lock_path(path).write_text(json.dumps(holder))
    return path


@pytest.mark.parametrize("pid", [0, -1, 2**70])
def test_a_lock_holding_an_impossible_pid_is_stale(tmp_path: Path, pid: object) -> None:
    """pid 0 and -1 would ask about whole process groups and always seem alive; 2**70
    overflows: no process has such an id, so the lock is taken over."""
    path = lock_with(tmp_path, {"pid": pid, "hostname": socket.gethostname(), "started": 1})
    journal, _ = Journal.open(path)
    assert json.loads(lock_path(path).read_text())["pid"] == os.getpid()
    journal.close()


@pytest.mark.parametrize("started", [1e300, -1e300, float("nan"), "soon", None])
def test_a_live_holder_with_a_nonsense_start_time_is_named_without_a_traceback(
        tmp_path: Path, started: object) -> None:
    holder = {"pid": os.getppid(), "hostname": socket.gethostname(), "started": started}
    path = lock_with(tmp_path, holder)
    with pytest.raises(StoreError) as info:
        Journal.open(path)
    assert str(info.value) == (f"This meeting is open in another facilitator (pid "
                               f"{os.getppid()} on {socket.gethostname()}, since an unknown "
                               "time). Close it there, or wait.")


# --- the heartbeat -----------------------------------------------------------------------


def test_a_failing_heartbeat_is_told_once_and_the_meeting_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    live = LiveMeeting.open(LIBRARY, SOURCES, "discussion", clock, group=Group(tmp_path))
    live.do("join Ana")
    real = os.replace

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(args[0]))

    monkeypatch.setattr(os, "replace", full)
    clock.advance(10)
    with pytest.raises(StoreError) as info:
        live.tick()
    assert str(info.value).startswith("The heartbeat of the journal ")
    assert "the disk is full" in str(info.value)
    assert str(info.value).endswith("or refused in a sentence if it cannot be.")
    for _ in range(3):
        clock.advance(10)
        assert live.tick() == []  # said once per outage
    live.do("join Ben")  # commands are still saved
    assert list(tmp_path.rglob("*.tmp-*")) == []
    monkeypatch.setattr(os, "replace", real)
    clock.advance(10)
    live.tick()
    assert float((tmp_path / "journals" / f"{live.id}.jsonl.alive").read_text()) == clock.now()
    live.close()


# --- what kills leave --------------------------------------------------------------------


def test_old_leftovers_of_killed_writes_are_tidied_and_fresh_ones_kept(tmp_path: Path) -> None:
    group_dir = tmp_path / "group"
    held = meeting(group_dir)
    journals = group_dir / "journals"
    old = [group_dir / ".memory.json.tmp-12-abcd", journals / ".x.jsonl.alive.tmp-3-ff",
           journals / ".x.jsonl.lock.12-ab", journals / ".x.jsonl.lock.stale-1-cd",
           journals / "empty.jsonl", group_dir / "minutes" / ".m.md.tmp-9-00"]
    (group_dir / "minutes").mkdir()
    fresh = [journals / ".y.jsonl.tmp-4-aa", journals / "new.jsonl"]
    kept = [group_dir / "notes.txt", journals / "emptyheld.jsonl"]
    for path in old + fresh + kept:
        path.write_bytes(b"")
    here = socket.gethostname()
    lock_path(journals / "emptyheld.jsonl").write_text(
        json.dumps({"pid": os.getppid(), "hostname": here}))
    # killed between taking the lock and writing the header: the lock's process is gone
    old.append(journals / "killed.jsonl")
    (journals / "killed.jsonl").write_bytes(b"")
    lock_path(journals / "killed.jsonl").write_text(json.dumps({"pid": 0, "hostname": here}))
    for path in old + kept:
        os.utime(path, (0, 0))
    Group(group_dir).journal_path(held).touch()
    os.utime(Group(group_dir).journal_path(held), (0, 0))
    open_group(group_dir)
    assert [p for p in old if p.exists()] == []
    assert not lock_path(journals / "killed.jsonl").exists()
    assert lock_path(journals / "emptyheld.jsonl").exists()
    assert all(p.exists() for p in fresh + kept)
    assert Group(group_dir).journal_path(held).stat().st_size  # not empty: kept


def test_the_old_memory_backup_is_private_from_its_first_moment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even when nothing runs after the backup is created (a kill; here chmod refusing),
    the copy of a group's old memory.json is never readable by others."""
    memory = tmp_path / "memory.json"
    memory.write_text("{not json")

    def killed(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", killed)
    old_mask = os.umask(0o022)
    try:
        changes.convert_legacy(memory, tmp_path / "changes")
    except OSError:
        pass
    finally:
        os.umask(old_mask)
    [backup] = tmp_path.glob("memory.json.before-sync*")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert backup.read_text() == "{not json"


def test_the_group_is_refused_in_a_sentence_when_a_file_stands_in_for_a_folder(
        tmp_path: Path) -> None:
    for name, holds in (("", "the group"), ("journals", "its journals"),
                        ("minutes", "its minutes")):
        group_dir = tmp_path / f"g-{name or 'self'}"
        (group_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (group_dir / name).write_text("")
        with pytest.raises(StoreError) as info:
            open_group(group_dir)
        assert str(info.value) == (
            f"{group_dir / name if name else group_dir} is a file, but facilitator keeps "
            f"{holds} there as a folder. Move the file away, or name another group folder "
            "with --group DIR.")


def test_a_journal_not_created_for_a_full_disk_leaves_no_empty_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j" / "m.jsonl"
    path.parent.mkdir()

    real = os.fsync

    def full(fd):
        if lock_path(path).exists():  # the lock is taken; the journal's header is next
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StoreError) as info:
        Journal.create(path, {"meeting": {"id": "m"}, "setup": {}})
    assert str(info.value) == ("The meeting's journal m.jsonl could not be created: the disk "
                               "is full. Free some space, then try again.")
    assert sorted(p.name for p in path.parent.iterdir()) == []  # no journal, no lock


def test_a_journal_whose_name_is_no_meeting_id_does_not_stop_the_group(
        tmp_path: Path) -> None:
    """A file copied in by hand (`journals/old meeting.jsonl`, ended) is told, not fatal."""
    group_dir = tmp_path / "group"
    meeting_id = meeting(group_dir, "start", "end")
    journals = group_dir / "journals"
    (journals / "old meeting.jsonl").write_bytes((journals / f"{meeting_id}.jsonl").read_bytes())
    group, said = told(group_dir)
    assert said == ["'old meeting' cannot be a meeting id: use letters, digits, '-', '_' and '.'."]
    assert [m.id for m in group.meetings()] == [meeting_id]


def test_a_meeting_whose_minutes_fail_at_its_end_lets_go_of_its_journal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`finish` on a full disk: the sentence names the minutes file, the lock is released
    (nothing says the ended meeting is open elsewhere), and the minutes come later."""
    live = LiveMeeting.open(LIBRARY, SOURCES, "discussion", FakeClock(), group=Group(tmp_path))
    for command in ("join Ana", "start", "end"):
        live.do(command)
    real = os.replace

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(args[0]))

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(StoreError) as info:
        live.finish({"md": "# Minutes\n"})
    # The formats are written first, the JSON (which makes the meeting part of the
    # memory) last: the first file to meet the full disk is the Markdown.
    assert str(info.value).startswith(
        f"The minutes of {live.id} could not be written ({tmp_path / 'minutes' / live.id}.md)"
        ": the disk is full.")
    assert live.journal is None
    assert not lock_path(Group(tmp_path).journal_path(live.id)).exists()
    monkeypatch.setattr(os, "replace", real)
    assert [m.id for m in told(tmp_path)[0].meetings()] == [live.id]
