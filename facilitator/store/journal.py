"""A meeting's journal open for writing: one append-only JSON-lines file that survives a
crash (its lines: facilitator.store.journal_lines; reading it: facilitator.store.journal_read).

Rules:
- `Journal.append` returns only after the line is written and fsynced; a command is
  acknowledged only after that. It never re-reads or rewrites the file.
- Opening a journal to go on writing moves a damaged end (the first incomplete line and
  everything after it) into `<journal>.torn` (appending) and truncates the journal to the
  last complete line, so nothing is ever thrown away.
- One writer at a time, guarded by `<journal>.lock` (see `facilitator.store.lock`).
- The heartbeat (`<journal>.alive`) says when the meeting's computer was last alive.
- Files are created 0o600, folders 0o700.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from facilitator.errors import StoreError
from facilitator.i18n import _
from facilitator.store import lock
from facilitator.store.files import (
    FILE_MODE,
    atomic_write,
    ensure_dir,
    explain,
    explained,
    fsync_dir,
    remove_quietly,
    write_all,
)
from facilitator.store.journal_lines import VERSION, JournalContents, encode
from facilitator.store.journal_read import read_to_append


class Journal:
    """A journal open for writing by this process (it holds the lock)."""

    def __init__(self, path: Path, fd: int, size: int, held: dict[str, Any]) -> None:
        self.path = path
        self._fd: int | None = fd
        self._size = size  # bytes known complete: a failed append truncates back to it
        self._held = held

    @classmethod
    def create(cls, path: str | os.PathLike[str], header: dict[str, Any]) -> Journal:
        """Start a new journal at `path` with `header`, durably, and hold its lock.

        `header` is `{"meeting": {id, title, protocol, created_at}, "setup": {...}}`;
        the `journal` version key is added. An existing empty file (a crash before
        the header was written) is reused; a journal with content is refused.
        """
        path = Path(path)
        ensure_dir(path.parent)
        held = lock.acquire(path)
        try:
            with explained(_("The meeting's journal {file} could not be created").format(
                    file=path.name)):
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
                try:
                    if os.fstat(fd).st_size:
                        raise StoreError(
                            _("A meeting journal already exists at {path}. Resume that "
                              "meeting, or start a new one with another id.").format(path=path)
                        )
                    os.fchmod(fd, FILE_MODE)
                    rest = {key: value for key, value in header.items() if key != "journal"}
                    line = encode({"journal": VERSION, **rest})
                    write_all(fd, line)
                    os.fsync(fd)
                except BaseException as error:
                    os.close(fd)
                    if not isinstance(error, StoreError):
                        # Ours and still without a header: nothing to keep, nothing to resume.
                        remove_quietly(path)
                    raise
                fsync_dir(path.parent)
        except BaseException:
            lock.release(path, held)
            raise
        return cls(path, fd, len(line), held)

    @classmethod
    def open(cls, path: str | os.PathLike[str],
             lazy: bool = False) -> tuple[Journal, JournalContents]:
        """Open an existing journal to continue writing, holding its lock.

        A damaged end is moved into `<journal>.torn` and cut off; the warning in the
        returned contents says so. `lazy`: parse only the header, the last snapshot and
        what follows it (the contents' entries parse the rest when asked).
        """
        path = Path(path)
        if not path.exists():
            raise StoreError(_("There is no journal at {path}.").format(path=path))
        held = lock.acquire(path)
        try:
            torn = path.with_name(path.name + ".torn")
            contents, good, damaged = read_to_append(path, lazy, torn.name)
            with explained(_("The journal {file} could not be opened for writing").format(
                    file=path.name)):
                if damaged is not None:
                    _set_aside(torn, damaged)
                fd = os.open(path, os.O_WRONLY | os.O_APPEND)
                try:
                    if damaged is not None:
                        os.ftruncate(fd, good)
                        os.fsync(fd)
                except BaseException:
                    os.close(fd)
                    raise
        except BaseException:
            lock.release(path, held)
            raise
        return cls(path, fd, good, held), contents

    def append(self, entry: dict[str, Any]) -> None:
        """Write `entry` as one line and fsync it; when this returns, the entry is durable."""
        if self._fd is None:
            raise StoreError(_("The journal {file} is closed; open it again to write.").format(
                file=self.path.name))
        line = encode(entry)
        try:
            write_all(self._fd, line)
            os.fsync(self._fd)
        except OSError as error:
            # Never leave half a line behind for the next append to run into.
            try:
                os.ftruncate(self._fd, self._size)
            except OSError:
                pass
            raise explain(
                error,
                _("The command could not be saved to the journal {file}, so it was not "
                  "accepted").format(file=self.path.name),
            ) from error
        self._size += len(line)

    def beat(self, now: float) -> None:
        """Note that the meeting's computer is alive at `now` (epoch seconds). After a
        crash, the time from the last beat to the resumption is the interruption."""
        atomic_write(alive_path(self.path), repr(float(now)).encode(),
                     _("The heartbeat of the journal {file} could not be written").format(
                         file=self.path.name))

    def close(self) -> None:
        """Close the file and release the lock. Closing twice does nothing."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.close(fd)
        except OSError:
            pass  # every entry was fsynced when it was appended; closing adds nothing
        lock.release(self.path, self._held)

    @property
    def closed(self) -> bool:
        """True once `close` has been called."""
        return self._fd is None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _set_aside(torn: Path, data: bytes) -> None:
    """Append a journal's damaged end to its `.torn` file, durably."""
    if not data.endswith(b"\n"):
        data += b"\n"
    fd = os.open(torn, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(torn.parent)



def alive_path(path: Path) -> Path:
    """Where a journal's heartbeat is kept: beside it, `<name>.alive`."""
    return path.with_name(path.name + ".alive")


def last_alive(path: str | os.PathLike[str]) -> float | None:
    """The last heartbeat of the journal at `path`, or None when there is none to read."""
    try:
        return float(alive_path(Path(path)).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None
