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
from facilitator.i18n import _
from facilitator.store.files import explained, fsync_dir, remove_quietly, write_new

# The locks this process holds. A lock file with our own pid that is not among them is
# one whose release could not remove it (a file system that refused): it is stale.
_HELD: list[dict[str, Any]] = []

# A lock file that cannot be read is taken as stale once it is this old: its writer
# died between creating it and writing it (only possible without hard links).
UNREADABLE_GRACE_S = 5.0


def lock_path(journal: Path) -> Path:
    """The lock file that guards `journal`."""
    return journal.with_name(journal.name + ".lock")


# Larger than any process id a system hands out (Linux's limit is 2**22).
MAX_PID = 2**31 - 1


def _pid_alive(pid: int) -> bool:
    if not 0 < pid <= MAX_PID:
        # 0 and -1 would ask about a whole process group or every process, and always
        # answer "alive"; no process has such an id, so the lock is stale.
        return False
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
    if not isinstance(data, dict) or type(data.get("pid")) is not int:
        return None
    return data


def _since(started: object) -> str:
    if not isinstance(started, int | float) or isinstance(started, bool):
        return _("an unknown time")
    try:
        when = dt.datetime.fromtimestamp(started)
    except (OverflowError, OSError, ValueError):
        return _("an unknown time")
    if when.date() == dt.date.today():
        return when.strftime("%H:%M")
    return when.strftime("%Y-%m-%d %H:%M")


def _refusal(holder: dict[str, Any]) -> StoreError:
    return StoreError(
        _("This meeting is open in another facilitator (pid {pid} on {host}, since {since}). "
          "Close it there, or wait.").format(pid=holder["pid"],
                                             host=holder.get("hostname", _("an unknown host")),
                                             since=_since(holder.get("started")))
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
    if holder["pid"] == os.getpid():
        return holder not in _HELD
    return not _pid_alive(holder["pid"])


def _publish(path: Path, content: bytes) -> bool:
    """Create the lock with `content`; False if a lock is already there."""
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}")
    write_new(temp, content)
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    except OSError:
        # No hard links here: fall back to O_EXCL on the lock itself.
        try:
            write_new(path, content)
        except FileExistsError:
            return False
    finally:
        remove_quietly(temp)
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
    with explained(_("The meeting {id} could not be locked for writing").format(
            id=journal.stem),
                   str(lock_path(journal))):
        return _acquire(journal)


def _acquire(journal: Path) -> dict[str, Any]:
    path = lock_path(journal)
    mine = {"pid": os.getpid(), "hostname": socket.gethostname(), "started": time.time()}
    content = json.dumps(mine).encode()
    for _attempt in range(5):
        if _publish(path, content):
            _HELD.append(mine)
            return mine
        holder = _read(path)
        if not _is_stale(holder, path):
            if holder is None:
                raise StoreError(
                    _("This meeting is being opened by another facilitator right now. "
                      "Try again in a few seconds.")
                )
            raise _refusal(holder)
        _remove_stale(path, holder)
    raise StoreError(_("This meeting's lock keeps changing hands. Try again in a few "
                       "seconds."))


def held_elsewhere(journal: Path) -> bool:
    """True when a live process (or another host) holds the lock on `journal`."""
    path = lock_path(journal)
    if not path.exists():
        return False
    return not _is_stale(_read(path), path)


def release(journal: Path, mine: dict[str, Any]) -> None:
    """Give the lock on `journal` back, if it is still ours."""
    path = lock_path(journal)
    if mine in _HELD:
        _HELD.remove(mine)
    if _read(path) == mine:
        # A lock left behind is taken over as stale: our pid will not be running.
        remove_quietly(path)
