"""The group's memory file is replaced atomically and never silently overwritten when damaged."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from facilitator.errors import StoreError
from facilitator.store.atomic import AtomicJSONStorage, Transactions
from facilitator.store.group import Group


def test_nothing_is_created_until_the_first_write(tmp_path: Path) -> None:
    """Reading a group that does not exist yet creates no file or folder."""
    group = Group(tmp_path / "group")
    assert group.meetings() == [] and group.roster() == [] and group.unfinished_meetings() == []
    assert group.last_meeting_id() is None
    assert not (tmp_path / "group").exists()


def test_a_write_replaces_the_file_privately_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """memory.json is 0o600 in a 0o700 folder, and only memory.json is there."""
    group = Group(tmp_path / "group")
    group.add_principle("We start on time.")
    assert [p.name for p in (tmp_path / "group").iterdir()] == ["memory.json"]
    assert stat.S_IMODE((tmp_path / "group" / "memory.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "group").stat().st_mode) == 0o700
    assert json.loads((tmp_path / "group" / "memory.json").read_text())["principles"]


def test_a_truncated_memory_file_is_reported_backed_up_and_never_overwritten(
    tmp_path: Path,
) -> None:
    """A cut-off memory.json gives a clear sentence, a backup copy, and no write over it."""
    group = Group(tmp_path)
    group.add_principle("We start on time.")
    group.add_principle("Everyone speaks once before anyone speaks twice.")
    memory = tmp_path / "memory.json"
    damaged = memory.read_bytes()[:-20]
    memory.write_bytes(damaged)
    with pytest.raises(StoreError) as error:
        Group(tmp_path).principles()
    message = str(error.value)
    assert "memory.json is damaged" in message and "copy is kept in memory.json.corrupt-" in message
    backups = list(tmp_path.glob("memory.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == damaged
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    with pytest.raises(StoreError, match="damaged"):
        Group(tmp_path).add_principle("This must not replace the damaged file.")
    assert memory.read_bytes() == damaged
    # Reading again does not pile up copies.
    with pytest.raises(StoreError):
        Group(tmp_path).roster()
    assert len(list(tmp_path.glob("memory.json.corrupt-*"))) == 1
    # The earlier content is all in the backup: nothing earlier is lost.
    assert b"We start on time." in backups[0].read_bytes()


def test_an_empty_memory_file_counts_as_damaged(tmp_path: Path) -> None:
    """Memory is never written empty, so an empty file means it was cut off."""
    (tmp_path / "memory.json").write_bytes(b"")
    with pytest.raises(StoreError, match="damaged"):
        Group(tmp_path).meetings()


def test_a_transaction_writes_once_at_its_end_and_not_at_all_if_it_fails(tmp_path: Path) -> None:
    """Writes inside a transaction are held back until it ends; a failure discards them."""
    storage = Transactions(AtomicJSONStorage)(tmp_path / "memory.json")
    with storage.transaction():
        storage.write({"t": {"1": {"a": 1}}})
        assert not (tmp_path / "memory.json").exists()
        assert storage.read() == {"t": {"1": {"a": 1}}}
    assert json.loads((tmp_path / "memory.json").read_text()) == {"t": {"1": {"a": 1}}}
    with pytest.raises(RuntimeError), storage.transaction():
        storage.write({"t": {}})
        raise RuntimeError
    assert storage.read() == {"t": {"1": {"a": 1}}}
