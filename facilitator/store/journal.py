"""A meeting's journal: one append-only JSON-lines file that survives a crash.

Line 1 is a header, `{"journal": 1, "meeting": {...}, "setup": {...}}`; every further
line is one accepted command, `{"seq", "at", "command", "events"}`. The store does not
look inside `setup` or `events`: they belong to the engine.

Rules:
- `Journal.append` returns only after the line is written and fsynced; a command is
  acknowledged only after that. It never re-reads or rewrites the file.
- A line is complete when it ends with a newline and parses as a JSON object. The
  first incomplete line and everything after it are not part of the meeting: a reader
  skips them and says so; a writer moves them into `<journal>.torn` (appending) and
  truncates the journal to the last complete line, so nothing is ever thrown away.
- One writer at a time, guarded by `<journal>.lock` (see `facilitator.store.lock`).
- Files are created 0o600, folders 0o700.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import attrs

from facilitator.errors import StoreError
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

VERSION = 1


@attrs.frozen
class JournalContents:
    """What a journal holds: its header, its complete entries, and a warning sentence
    when something at its end had to be skipped or set aside."""

    header: dict[str, Any]
    entries: list[dict[str, Any]]
    warning: str | None = None


def encode(entry: dict[str, Any]) -> bytes:
    """One journal line: compact JSON and a newline."""
    return (json.dumps(entry, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


def _parse(path: Path, data: bytes) -> tuple[dict[str, Any], list[dict[str, Any]], int, int]:
    """Split `data` into header, entries, the byte length of the complete part, and the
    1-based line number of the first incomplete line (0 when there is none)."""
    objects: list[dict[str, Any]] = []
    good = 0
    bad_line = 0
    lines = data.split(b"\n")
    # What follows the last newline is empty, or a line that was never finished.
    for number, raw in enumerate(lines[:-1], start=1):
        try:
            value = json.loads(raw)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            bad_line = number
            break
        objects.append(value)
        good += len(raw) + 1
    else:
        if lines[-1]:
            bad_line = len(lines)
    if not objects or objects[0].get("journal") != VERSION:
        raise StoreError(
            f"The journal {path} has no readable header, so the meeting cannot be "
            "rebuilt from it. Move the file away to hide this meeting."
        )
    return objects[0], objects[1:], good, bad_line


def _warning(path: Path, data: bytes, good: int, bad_line: int, where: str) -> str | None:
    if not bad_line:
        return None
    rest = data[good:]
    lines = rest.count(b"\n") + (0 if rest.endswith(b"\n") else 1)
    if lines == 1:
        return (
            f"The last line of the journal {path.name} was cut off (the facilitator stopped "
            f"while writing it); it is not part of the meeting and {where}."
        )
    return (
        f"Line {bad_line} of the journal {path.name} is damaged; the {bad_line - 2} commands "
        f"before it are kept, and the {lines} lines from it on {where}."
    )


def read_journal(path: str | os.PathLike[str]) -> JournalContents:
    """Read a journal without locking or changing it; a damaged end is skipped and reported."""
    path = Path(path)
    data = _read_whole(path)
    header, entries, good, bad_line = _parse(path, data)
    return JournalContents(header, entries, _warning(path, data, good, bad_line, "was skipped"))


def read_past_damage(path: str | os.PathLike[str]) -> tuple[JournalContents, list[int]]:
    """Every complete entry of a journal, also those after a damaged line, and the 1-based
    numbers of the lines skipped. For a meeting that ended: its journal is never written
    again, and a damaged line in the middle must not take the rest of the meeting with it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"There is no journal at {path}.") from None
    header, _, _, _ = _parse(path, data)
    entries: list[dict[str, Any]] = []
    skipped: list[int] = []
    lines = data.split(b"\n")
    for number, raw in enumerate(lines[1:], start=2):
        if not raw and number == len(lines):
            break  # what follows the last newline
        try:
            value = json.loads(raw)
        except ValueError:
            value = None
        if isinstance(value, dict) and isinstance(value.get("events"), list) and \
                isinstance(value.get("at"), (int, float)):
            entries.append(value)
        else:
            skipped.append(number)
    return JournalContents(header, entries), skipped


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
            with explained(f"The meeting's journal {path.name} could not be created"):
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
                try:
                    if os.fstat(fd).st_size:
                        raise StoreError(
                            f"A meeting journal already exists at {path}. Resume that "
                            "meeting, or start a new one with another id."
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
    def open(cls, path: str | os.PathLike[str]) -> tuple[Journal, JournalContents]:
        """Open an existing journal to continue writing, holding its lock.

        A damaged end is moved into `<journal>.torn` and cut off; the warning in the
        returned contents says so.
        """
        path = Path(path)
        if not path.exists():
            raise StoreError(f"There is no journal at {path}.")
        held = lock.acquire(path)
        try:
            data = _read_whole(path)
            header, entries, good, bad_line = _parse(path, data)
            torn = path.with_name(path.name + ".torn")
            warning = _warning(path, data, good, bad_line, f"was set aside in {torn.name}")
            with explained(f"The journal {path.name} could not be opened for writing"):
                if bad_line:
                    _set_aside(torn, data[good:])
                fd = os.open(path, os.O_WRONLY | os.O_APPEND)
                try:
                    if bad_line:
                        os.ftruncate(fd, good)
                        os.fsync(fd)
                except BaseException:
                    os.close(fd)
                    raise
        except BaseException:
            lock.release(path, held)
            raise
        return cls(path, fd, good, held), JournalContents(header, entries, warning)

    def append(self, entry: dict[str, Any]) -> None:
        """Write `entry` as one line and fsync it; when this returns, the entry is durable."""
        if self._fd is None:
            raise StoreError(f"The journal {self.path.name} is closed; open it again to write.")
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
                f"The command could not be saved to the journal {self.path.name}, so it was "
                "not accepted",
            ) from error
        self._size += len(line)

    def beat(self, now: float) -> None:
        """Note that the meeting's computer is alive at `now` (epoch seconds). After a
        crash, the time from the last beat to the resumption is the interruption."""
        atomic_write(alive_path(self.path), repr(float(now)).encode(),
                     f"The heartbeat of the journal {self.path.name} could not be written")

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


def _read_whole(path: Path) -> bytes:
    """A journal's bytes, for rebuilding the meeting from them."""
    try:
        with explained(f"The journal {path.name} could not be read"):
            return path.read_bytes()
    except StoreError as error:
        if isinstance(error.__cause__, FileNotFoundError):
            raise StoreError(f"There is no journal at {path}.") from None
        raise


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


def last_line(path: Path, block: int = 8192) -> dict[str, Any] | None:
    """The last complete entry of a journal (None if there is none), read from its end.

    Used to tell whether a meeting ended without reading a long journal whole.
    """
    with open(path, "rb") as handle:
        end = handle.seek(0, os.SEEK_END)
        tail = b""
        position = end
        while position > 0:
            step = min(block, position)
            position -= step
            handle.seek(position)
            tail = handle.read(step) + tail
            lines = tail.split(b"\n")
            # lines[-1] is what follows the last newline: torn or empty.
            complete = lines[:-1] if position == 0 else lines[1:-1]
            for raw in reversed(complete):
                try:
                    value = json.loads(raw)
                except ValueError:
                    continue
                return value if isinstance(value, dict) else None
    return None


def alive_path(path: Path) -> Path:
    """Where a journal's heartbeat is kept: beside it, `<name>.alive`."""
    return path.with_name(path.name + ".alive")


def last_alive(path: str | os.PathLike[str]) -> float | None:
    """The last heartbeat of the journal at `path`, or None when there is none to read."""
    try:
        return float(alive_path(Path(path)).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None
