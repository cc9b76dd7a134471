"""Keeping a group's folder usable: its shape checked, what killed processes left
tidied, a damaged journal set aside.

Rules:
- Nothing here deletes what a person said: a damaged journal is renamed, never removed.
- Only what no live write can be using is removed: temporary files of atomic writes and
  locks, and empty journals (a kill before the header) whose writer is gone, once they
  are `LEFTOVER_AGE_S` old.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from facilitator.errors import StoreError
from facilitator.i18n import N_, _
from facilitator.store.files import TEMP_MARK, explained, remove_quietly
from facilitator.store.group import Group
from facilitator.store.lock import held_elsewhere, lock_path

# No live write takes this long, so nothing this old is in progress.
LEFTOVER_AGE_S = 3600.0
DAMAGED = ".damaged"


def check(group: Group) -> None:
    """Raise StoreError with what to do when the group's folder, or its `journals/` or
    `minutes/`, is a file (or anything else that is not a folder)."""
    for path, said in (
            (group.path, N_("{path} is a file, but facilitator keeps the group there as a "
                            "folder. Move the file away, or name another group folder with "
                            "--group DIR.")),
            (group.journals_path, N_("{path} is a file, but facilitator keeps its journals "
                                     "there as a folder. Move the file away, or name another "
                                     "group folder with --group DIR.")),
            (group.minutes_path, N_("{path} is a file, but facilitator keeps its minutes there "
                                    "as a folder. Move the file away, or name another group "
                                    "folder with --group DIR."))):
        if (path.exists() or path.is_symlink()) and not path.is_dir():
            raise StoreError(_(said).format(path=path))


def _leftover(name: str) -> bool:
    """A temporary file of an atomic write (`.x.tmp-…`) or of a lock (`.x.lock.…`)."""
    return name.startswith(".") and (TEMP_MARK in name or ".lock." in name)


def tidy(group: Group, now: float | None = None) -> list[Path]:
    """Remove what killed processes left behind and no live write can be using; returns
    what was removed. An empty journal's stale lock goes with it.

    Only the journals of meetings without minutes are looked at closely: a recorded
    meeting's journal was never empty, so a long history costs one look at each folder."""
    now = time.time() if now is None else now
    recorded = group.recorded()
    removed = []
    for folder in (group.path, group.journals_path, group.minutes_path):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        journals = folder == group.journals_path
        # Names first (no file looked at): leftovers start with a dot; journals count only
        # when their meeting has no minutes.
        for name in [n for n in names if n[:1] == "." or (
                journals and n.endswith(".jsonl") and n[: -len(".jsonl")] not in recorded)]:
            journal = journals and name.endswith(".jsonl")
            if not (journal or _leftover(name)):
                continue
            path = folder / name
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < LEFTOVER_AGE_S:
                continue
            if journal:
                if info.st_size or held_elsewhere(path):
                    continue
                remove_quietly(lock_path(path))  # its writer died holding it
            remove_quietly(path)
            if not path.exists():
                removed.append(path)
    return removed


def set_aside(group: Group, meeting_id: str) -> Path:
    """Rename a damaged journal to `<id>.jsonl.damaged` (numbered if one is there), so
    the group goes on without it; nothing in it is deleted. Returns the new path."""
    path = group.journal_path(meeting_id)
    target = path.with_name(path.name + DAMAGED)
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}{DAMAGED}-{number}")
    with explained(_("The damaged journal {file} could not be set aside").format(
            file=path.name)):
        os.rename(path, target)
    return target
