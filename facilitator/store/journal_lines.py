"""A journal's lines, and the entries of a journal once read.

Line 1 is a header, `{"journal": 1, "meeting": {...}, "setup": {...}}`; every further
line is one accepted command, `{"seq", "at", "command", "events"}`, or a snapshot of the
meeting's state after the commands before it, `{"seq", "at", "command": "tick", "events":
[], "snapshot": {...}}`: readers set snapshots apart from the entries, and a reader that
does not know them sees a clock tick at which nothing happened. The store does not look
inside `setup`, `events` or `snapshot`: they belong to the engine.

Rules:
- A line is compact JSON ending with a newline (`encode`), so a key and its value are
  spelled one way only, and a snapshot line is the only line holding `SNAPSHOT_KEY`.
- `Entries` holds the entries (never the snapshots); those before the last snapshot stay
  raw bytes, parsed only when asked for.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, overload

import attrs

from facilitator.errors import StoreError
from facilitator.i18n import _

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
                        _("Line {line} of the journal {path} is damaged; its minutes cannot be "
                          "written. Keep the file and ask for help.").format(line=number,
                                                                              path=self._path)
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
