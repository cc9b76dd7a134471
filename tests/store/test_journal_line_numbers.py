"""Sentences that name a line of a journal, or count the commands before one, are right
when the journal holds snapshot lines: a snapshot is a line of the file but no command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator import session
from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.opening import record_ended
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting, check_snapshots
from facilitator.store.group import Group
from facilitator.store.journal_read import entry_line, read_journal
from facilitator.ui.follow import Follower

SOURCES = [builtin_source()]
LIBRARY, _ = build_library(SOURCES, include_builtin=False)
CYCLE = ["hand Ana", "next", 'note "a point"', "done", "hand Ben", "next", "done"]


def meeting(tmp_path: Path, commands: int) -> tuple[Group, Path]:
    """A group meeting of 5 + `commands` entries, left unfinished, with the snapshots the
    meeting itself writes (one every `session.SNAPSHOT_EVERY` entries)."""
    group = Group(tmp_path / "group")
    clock = FakeClock()
    live = LiveMeeting.open(LIBRARY, SOURCES, "discussion", clock, group=group)
    for command in ("join Ana", "join Ben", "join Cy", "join Dee", "start"):
        live.do(command)
    for i in range(commands):
        clock.advance(3)
        live.do(CYCLE[i % len(CYCLE)])
    live.close()
    return group, group.journal_path(live.id)


def snapshot_lines(path: Path) -> list[int]:
    return [number for number, raw in enumerate(path.read_text().splitlines(), start=1)
            if '"snapshot":' in raw]


def line_of_seq(path: Path, seq: int) -> int:
    """The file's line holding the command numbered `seq` (not the snapshot after it)."""
    return next(number for number, raw in enumerate(path.read_text().splitlines(), start=1)
                if number > 1 and '"snapshot":' not in raw and json.loads(raw)["seq"] == seq)


def rewrite(path: Path, line: int, text: str) -> None:
    lines = path.read_text().split("\n")
    lines[line - 1] = text
    path.write_text("\n".join(lines))


@pytest.fixture(scope="module")
def long_journal(tmp_path_factory) -> tuple[Group, Path]:
    """265 entries: one snapshot line, after entry 250 (line 252)."""
    group, path = meeting(tmp_path_factory.mktemp("long"), 260)
    assert snapshot_lines(path) == [252]
    return group, path


def copy(long_journal: tuple[Group, Path], tmp_path: Path) -> tuple[Group, Path]:
    group, path = long_journal
    target = tmp_path / "group" / "journals" / path.name
    target.parent.mkdir(parents=True)
    target.write_bytes(path.read_bytes())
    return Group(tmp_path / "group"), target


def test_a_damaged_line_after_a_snapshot_counts_the_commands_before_it(long_journal,
                                                                       tmp_path) -> None:
    """Line 258 holds entry 256; the 255 commands before it are kept (not 256: line 252
    is the snapshot, line 1 the header)."""
    group, path = copy(long_journal, tmp_path)
    assert line_of_seq(path, 256) == 258
    rewrite(path, 258, '{"seq":256,"at":3.0,"com#and')
    total = len(path.read_text().splitlines())
    contents = read_journal(path)
    assert len(contents.entries) == 255
    assert contents.warning == (
        f"Line 258 of the journal {path.name} is damaged; the 255 commands before it are "
        f"kept, and the {total - 257} lines from it on was skipped.")
    last = contents.entries[-1]["at"]  # taken up at once: no interruption
    resumed = LiveMeeting.resume(group, path.stem, FakeClock(last + 1))
    resumed.close()
    assert resumed.warning == (
        f"Line 258 of the journal {path.name} is damaged; the 255 commands before it are "
        f"kept, and the {total - 257} lines from it on was set aside in {path.name}.torn.")
    assert len(read_journal(path).entries) == 255


def test_damage_read_from_the_last_snapshot_is_named_by_the_files_line(long_journal,
                                                                       tmp_path) -> None:
    """Resuming reads from the last snapshot on; a damaged line followed by another line
    (an empty one here) is still named by its line in the file, not counted from the
    snapshot."""
    group, path = copy(long_journal, tmp_path)
    last = read_journal(path).entries[-1]["at"]
    with open(path, "ab") as handle:
        handle.write(b"garbage\n\n")
    resumed = LiveMeeting.resume(group, path.stem, FakeClock(last + 1))
    resumed.close()
    assert resumed.warning == (
        f"Line 268 of the journal {path.name} is damaged; the 265 commands before it are "
        f"kept, and the 2 lines from it on was set aside in {path.name}.torn.")
    assert path.with_name(path.name + ".torn").read_bytes() == b"garbage\n\n"


def test_a_damaged_line_before_any_snapshot_counts_as_before(long_journal, tmp_path) -> None:
    """Without a snapshot before it, line N is preceded by N - 2 commands, as always."""
    _, path = copy(long_journal, tmp_path)
    rewrite(path, 10, "garbage")
    warning = read_journal(path).warning
    assert warning is not None
    assert warning.startswith(f"Line 10 of the journal {path.name} is damaged; the 8 "
                              "commands before it are kept")


@pytest.mark.parametrize("from_start", [False, True])
def test_an_entry_after_a_snapshot_that_cannot_be_replayed_is_named_by_its_line(
        long_journal, tmp_path, from_start: bool) -> None:
    """Resuming from the snapshot or from the start names the file's line, not the entry's
    index plus two."""
    group, path = copy(long_journal, tmp_path)
    line = line_of_seq(path, 256)
    entry = json.loads(path.read_text().splitlines()[line - 1])
    rewrite(path, line, json.dumps({**entry, "command": "leave Zed"}))
    with pytest.raises(StoreError) as caught:
        LiveMeeting.resume(group, path.stem, FakeClock(10_000), from_start=from_start)
    assert str(caught.value).startswith(
        f"{path}:258: this journal entry cannot be replayed (")
    assert str(caught.value).endswith(
        "Move the lines from 258 on into another file to go on from line 257, or move the "
        "whole file away to hide this meeting.")
    with pytest.raises(StoreError, match=rf"^{path}:258: this journal entry cannot be"):
        Follower(path).refresh()


def test_with_many_snapshots_each_entry_is_named_by_its_own_line(tmp_path,
                                                                 monkeypatch) -> None:
    """A snapshot every 7 entries: every entry's line skips the snapshot lines before it,
    and `facilitator check` names a command it cannot replay by that line too."""
    monkeypatch.setattr(session, "SNAPSHOT_EVERY", 7)
    _, path = meeting(tmp_path, 40)
    lines = path.read_text().splitlines()
    snapshots = snapshot_lines(path)
    assert len(snapshots) == 6
    commands = [n for n in range(2, len(lines) + 1) if n not in snapshots]
    assert [entry_line(path, i) for i in range(len(commands))] == commands
    assert entry_line(path, 30) == 30 + 2 + 4  # four snapshots before it
    entry = json.loads(lines[35])
    rewrite(path, 36, json.dumps({**entry, "command": "leave Zed"}))
    with pytest.raises(StoreError, match=rf"^{path}:36: this journal entry cannot be"):
        check_snapshots(path)


def test_an_ended_meeting_names_its_damaged_line_after_a_snapshot(tmp_path,
                                                                  monkeypatch) -> None:
    """Recording a meeting that ended unrecorded names the file's line it skipped, snapshot
    lines counted, in the warning and in its minutes."""
    monkeypatch.setattr(session, "SNAPSHOT_EVERY", 7)
    group = Group(tmp_path / "group")
    clock = FakeClock()
    live = LiveMeeting.open(LIBRARY, SOURCES, "discussion", clock, group=group)
    for command in ("join Ana", "join Ben", "start", *['note "a point"'] * 20, "end"):
        clock.advance(3)
        live.do(command)
    live.close()  # not finish(): nothing recorded
    path = group.journal_path(live.id)
    line = line_of_seq(path, 20)
    assert line == 20 + 1 + 2  # two snapshots before it
    rewrite(path, line, '{"seq":20,"at":3.0,"com#and')
    said: list[str] = []
    assert record_ended(group, said.append) == [live.id]
    assert said == [f"The meeting {live.id} ended unrecorded with a damaged journal ({path}, "
                    f"line {line}); it is now recorded without that line, and its minutes "
                    "say so."]
    minutes = Group(group.path).minutes(live.id)
    assert minutes is not None
    assert minutes["notes"][-1]["text"] == (
        f"Line {line} of this meeting's journal was damaged; what it held is missing from "
        "these minutes.")
