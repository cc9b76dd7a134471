"""A meeting's journal: one append-only JSON-lines file that survives a crash.

Line 1 is a header, `{"journal": 1, "meeting": {...}, "setup": {...}}`; every further
line is one accepted command, `{"seq", "at", "command", "events"}`, or a snapshot of the
meeting's state after the commands before it, `{"seq", "at", "command": "tick", "events":
[], "snapshot": {...}}`: readers here set snapshots apart from the entries, and a reader
that does not know them sees a clock tick at which nothing happened. The store does not
look inside `setup`, `events` or `snapshot`: they belong to the engine.

Rules:
- `Journal.append` returns only after the line is written and fsynced; a command is
  acknowledged only after that. It never re-reads or rewrites the file.
- A line is complete when it ends with a newline and parses as a JSON object. The
  first incomplete line and everything after it are not part of the meeting: a reader
  skips them and says so; a writer moves them into `<journal>.torn` (appending) and
  truncates the journal to the last complete line, so nothing is ever thrown away.
- Resuming (`Journal.open(path, lazy=True)`) parses only what follows the last snapshot;
  the lines before it were complete when the snapshot was written after them, and are
  parsed only if asked for (`Entries`).
- One writer at a time, guarded by `<journal>.lock` (see `facilitator.store.lock`).
- Files are created 0o600, folders 0o700.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self, overload

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
SNAPSHOT_KEY = b'"snapshot":'


def is_snapshot(value: dict[str, Any]) -> bool:
    """Is this journal line a snapshot (not a command)?"""
    return "snapshot" in value


class Entries(Sequence[dict[str, Any]]):
    """A journal's entries; those before the last snapshot stay raw until asked for."""

    def __init__(self, tail: list[dict[str, Any]] | None = None,
                 raw: bytes | Callable[[], bytes] = b"", count: int = 0,
                 path: Path | None = None) -> None:
        self._source = raw  # complete lines, snapshots among them (or how to read them)
        self._count = count  # entries in `raw`
        self._head: list[dict[str, Any]] | None = None if count else []
        self._tail = tail if tail is not None else []
        self._path = path

    def _parsed(self) -> list[dict[str, Any]]:
        if self._head is None:
            head = []
            for number, raw in enumerate(self._raw().split(b"\n")[:-1], start=2):
                try:
                    value = json.loads(raw)
                except ValueError:
                    raise StoreError(
                        f"Line {number} of the journal {self._path} is damaged; "
                        "its minutes cannot be written. Keep the file and ask for help."
                    ) from None
                if not is_snapshot(value):
                    head.append(value)
            self._head, self._source = head, b""
        return self._head

    def _raw(self) -> bytes:
        if callable(self._source):
            self._source = self._source()
        return self._source

    def __len__(self) -> int:
        return self._count + len(self._tail)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index >= self._count:
            return self._tail[index - self._count]
        return self._parsed()[index]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._count:
            yield from self._parsed()
        yield from self._tail

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def append(self, entry: dict[str, Any]) -> None:
        self._tail.append(entry)

    def tail(self) -> Iterator[dict[str, Any]]:
        """The entries after the last snapshot read (all of them, when there was none)."""
        yield from self._tail

    def commands(self) -> int:
        """How many entries are commands (not the clock's `tick` and `interrupted`), without
        parsing raw lines: compact JSON spells the key and the value one way only."""
        clock = ("tick", "interrupted")
        told = sum(1 for e in self.tail() if e.get("command") not in clock)
        if self._head is not None:
            return told + sum(1 for e in self._head if e.get("command") not in clock)
        raw = self._raw()
        ticks = sum(raw.count(b'"command":"%s"' % c.encode()) for c in clock)
        return told + self._count - (ticks - raw.count(SNAPSHOT_KEY))


@attrs.frozen
class JournalContents:
    """What a journal holds: its header, its complete entries, and a warning sentence
    when something at its end had to be skipped or set aside. `snapshots`: each
    snapshot line with the number of entries before it (when read whole; only the last
    one when read for resuming)."""

    header: dict[str, Any]
    entries: Sequence[dict[str, Any]]
    warning: str | None = None
    snapshots: list[tuple[int, dict[str, Any]]] = attrs.field(factory=list)


def encode(entry: dict[str, Any]) -> bytes:
    """One journal line: compact JSON and a newline."""
    return (json.dumps(entry, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


Parsed = tuple[dict[str, Any], list[dict[str, Any]], int, int,
               list[tuple[int, dict[str, Any]]]]


def _parse(path: Path, data: bytes) -> Parsed:
    """Split `data` into header, entries, the byte length of the complete part, the
    1-based line number of the first incomplete line (0 when there is none) and the
    snapshots (with the number of entries before each)."""
    objects: list[dict[str, Any]] = []
    snapshots: list[tuple[int, dict[str, Any]]] = []
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
        if number > 1 and is_snapshot(value):
            snapshots.append((len(objects) - 1, value))
        else:
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
    return objects[0], objects[1:], good, bad_line, snapshots


def _read_from_snapshot(path: Path) -> tuple[Parsed, Entries, bytes, int] | None:
    """Read a journal from its end back to its last snapshot and the entry before it.

    Returns what `_parse` would (the snapshot alone in the snapshots), the entries (those
    before the snapshot read from the file only if asked for), and the bytes from the
    snapshot on with their offset. None when there is no snapshot or the end is damaged:
    then the journal is read whole."""
    with open(path, "rb") as handle:
        head = handle.readline()
        first = len(head)
        position = handle.seek(0, os.SEEK_END)
        data = b""
        block = 1 << 16
        while True:
            if position <= first:
                return None
            step = min(block, position - first)
            position -= step
            handle.seek(position)
            data = handle.read(step) + data
            block *= 2
            found = _last_snapshot(data, 0)
            if found < 0 or (found == 0 and position > first):
                continue  # no snapshot yet, or not sure it begins a line
            previous = data.rfind(b"\n", 0, max(found - 1, 0)) + 1
            if found == 0 or previous > 0 or position == first:
                break
    end = data.find(b"\n", found) + 1
    try:
        snapshot = json.loads(data[found:end]) if end else None
    except ValueError:
        return None
    if not isinstance(snapshot, dict) or not is_snapshot(snapshot):
        return None
    header, tail, good, bad_line, _ = _parse(path, head + data[end:])
    rest = (head + data[end:])[good:]
    if bad_line and b"\n" in rest.rstrip(b"\n"):
        return None  # damage before the last line: the whole journal says where
    count = int(snapshot.get("seq", 0))  # the entries before the snapshot
    raw: bytes | Callable[[], bytes] = b""
    before = 0
    if found and count:
        # The entry just before the snapshot is read too: resuming looks at the last one.
        try:
            tail = [json.loads(data[previous:found]), *tail]
        except ValueError:
            return None
        before = 1
        stop = position + previous

        def raw() -> bytes:
            with open(path, "rb") as again:
                again.seek(first)
                return again.read(stop - first)

    entries = Entries(tail, raw, count - before, path)
    shift = position + end - first  # where `view` (less its header) starts in the file
    view = head + data[end:]
    return (header, [], good + shift, bad_line, [(count, snapshot)]), entries, view, shift


def _last_snapshot(data: bytes, first: int) -> int:
    """Where the line holding the last snapshot key begins, or -1. (Inside a JSON string
    the key's quotes would be escaped, so only a snapshot line holds it.)"""
    found = data.rfind(SNAPSHOT_KEY, first)
    if found < 0:
        return -1
    return data.rfind(b"\n", 0, found) + 1


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
    header, entries, good, bad_line, snapshots = _parse(path, data)
    return JournalContents(header, entries, _warning(path, data, good, bad_line, "was skipped"),
                           snapshots)


def read_past_damage(path: str | os.PathLike[str]) -> tuple[JournalContents, list[int]]:
    """Every complete entry of a journal, also those after a damaged line, and the 1-based
    numbers of the lines skipped. For a meeting that ended: its journal is never written
    again, and a damaged line in the middle must not take the rest of the meeting with it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"There is no journal at {path}.") from None
    header, _, _, _, _ = _parse(path, data)
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
        if isinstance(value, dict) and is_snapshot(value):
            continue  # a snapshot is no entry
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
    def open(cls, path: str | os.PathLike[str],
             lazy: bool = False) -> tuple[Journal, JournalContents]:
        """Open an existing journal to continue writing, holding its lock.

        A damaged end is moved into `<journal>.torn` and cut off; the warning in the
        returned contents says so. `lazy`: parse only the header, the last snapshot and
        what follows it (the contents' entries parse the rest when asked).
        """
        path = Path(path)
        if not path.exists():
            raise StoreError(f"There is no journal at {path}.")
        held = lock.acquire(path)
        try:
            entries: Sequence[dict[str, Any]]
            found = _read_from_snapshot(path) if lazy else None
            if found is not None:
                (header, _, good, bad_line, snapshots), entries, data, shift = found
            else:
                data = _read_whole(path)
                header, entries, good, bad_line, snapshots = _parse(path, data)
                shift = 0
            torn = path.with_name(path.name + ".torn")
            # `data` is the file from `shift` on (after its header line, kept in front).
            warning = _warning(path, data, good - shift, bad_line,
                               f"was set aside in {torn.name}")
            with explained(f"The journal {path.name} could not be opened for writing"):
                if bad_line:
                    _set_aside(torn, data[good - shift:])
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
        return cls(path, fd, good, held), JournalContents(header, entries, warning, snapshots)

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
                if isinstance(value, dict) and is_snapshot(value):
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
