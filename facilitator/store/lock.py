"""One writer per meeting: a lock file beside the journal.

The lock file (`<journal>.lock`) holds the pid, host name and start time of the process
that has the meeting open for writing. It is published atomically: its content is
written to a private file created with O_CREAT|O_EXCL, then hard-linked to the lock's
name, which fails if a lock is already there. So a lock is never seen half-written
(except on file systems without hard links, where O_EXCL on the lock itself is used).

A lock whose pid no longer runs on this host is stale (its process crashed) and is
taken over. A lock from another host cannot be checked and is always respected.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
import time
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.store.files import FILE_MODE, fsync_dir, write_all

# A lock file that cannot be read is taken as stale once it is this old: its writer
# died between creating it and writing it (only possible without hard links).
UNREADABLE_GRACE_S = 5.0


def lock_path(journal: Path) -> Path:
    """The lock file that guards `journal`."""
    return journal.with_name(journal.name + ".lock")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it belongs to someone else
    except OSError:
        return True
    return True


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("pid"), int):
        return None
    return data


def _since(started: object) -> str:
    if not isinstance(started, int | float):
        return "an unknown time"
    when = dt.datetime.fromtimestamp(started)
    if when.date() == dt.date.today():
        return when.strftime("%H:%M")
    return when.strftime("%Y-%m-%d %H:%M")


def _refusal(holder: dict[str, Any]) -> StoreError:
    return StoreError(
        f"This meeting is open in another facilitator (pid {holder['pid']} on "
        f"{holder.get('hostname', 'an unknown host')}, since {_since(holder.get('started'))}). "
        "Close it there, or wait."
    )


def _is_stale(holder: dict[str, Any] | None, path: Path) -> bool:
    if holder is None:
        try:
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            return True
        return age > UNREADABLE_GRACE_S
    if holder.get("hostname") != socket.gethostname():
        return False
    return not _pid_alive(holder["pid"])


def _publish(path: Path, content: bytes) -> bool:
    """Create the lock with `content`; False if a lock is already there."""
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        write_all(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    except OSError:
        # No hard links here: fall back to O_EXCL on the lock itself.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            return False
        try:
            write_all(fd, content)
            os.fsync(fd)
        finally:
            os.close(fd)
    finally:
        temp.unlink(missing_ok=True)
    fsync_dir(path.parent)
    return True


def _remove_stale(path: Path, seen: dict[str, Any] | None) -> None:
    """Set a stale lock aside, making sure it is the one judged stale, not a newer one."""
    aside = path.with_name(f".{path.name}.stale-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return
    if _read(aside) == seen:
        aside.unlink(missing_ok=True)
        return
    # Another process took the lock between our look and the rename: give it back.
    try:
        os.link(aside, path)
    except FileExistsError:
        pass
    aside.unlink(missing_ok=True)


def acquire(journal: Path) -> dict[str, Any]:
    """Take the lock on `journal` for this process and return what it holds.

    Raises StoreError naming the holder when another live process has it.
    """
    path = lock_path(journal)
    mine = {"pid": os.getpid(), "hostname": socket.gethostname(), "started": time.time()}
    content = json.dumps(mine).encode()
    for _ in range(5):
        if _publish(path, content):
            return mine
        holder = _read(path)
        if not _is_stale(holder, path):
            if holder is None:
                raise StoreError(
                    "This meeting is being opened by another facilitator right now. "
                    "Try again in a few seconds."
                )
            raise _refusal(holder)
        _remove_stale(path, holder)
    raise StoreError("This meeting's lock keeps changing hands. Try again in a few seconds.")


def release(journal: Path, mine: dict[str, Any]) -> None:
    """Give the lock on `journal` back, if it is still ours."""
    path = lock_path(journal)
    if _read(path) == mine:
        path.unlink(missing_ok=True)
