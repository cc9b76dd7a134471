"""Reading a meeting's journal (see facilitator.store.journal_lines for its lines).

Rules:
- Reading never locks or changes a journal; `read_to_append` finds what a writer must set
  aside, and facilitator.store.journal does it.
- A line is complete when it ends with a newline and parses as a JSON object. The first
  incomplete line and everything after it are not part of the meeting: a reader skips them
  and says so in a sentence that names the line and counts the commands before it.
- A meeting that ended is read past a damaged line (`read_past_damage`): its journal is
  never written again, and one damaged line must not take the rest of it.
- Resuming parses only what follows the last snapshot; the lines before it were complete
  when the snapshot was written after them, and are parsed only if asked for (`Entries`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.i18n import _
from facilitator.store.files import explained
from facilitator.store.journal_lines import (
    SNAPSHOT_KEY,
    VERSION,
    Entries,
    JournalContents,
    is_snapshot,
)

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
            _("The journal {path} has no readable header, so the meeting cannot be rebuilt "
              "from it. Move the file away to hide this meeting.").format(path=path)
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
    view = head + data[end:]
    header, tail, good, bad_line, _snapshots = _parse(path, view)
    if bad_line and _lines(view, good) > 1:
        # Damage before the last line: the whole journal says which line of the file
        # (`bad_line` counts from the snapshot).
        return None
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
    return (header, [], good + shift, bad_line, [(count, snapshot)]), entries, view, shift


def _last_snapshot(data: bytes, first: int) -> int:
    """Where the line holding the last snapshot key begins, or -1. (Inside a JSON string
    the key's quotes would be escaped, so only a snapshot line holds it.)"""
    found = data.rfind(SNAPSHOT_KEY, first)
    if found < 0:
        return -1
    return data.rfind(b"\n", 0, found) + 1


def _lines(data: bytes, good: int) -> int:
    """How many lines `data` holds from `good` on (the last one may lack its newline)."""
    rest = data[good:]
    return rest.count(b"\n") + (0 if rest.endswith(b"\n") else 1)


def _warning(path: Path, data: bytes, good: int, bad_line: int, kept: int,
             aside: str | None) -> str | None:
    """The sentence for a damaged end (None when there is none); `kept`: the entries
    before it, which stay (snapshot lines and the header are no commands); `aside`: the
    file the damaged end was set aside in (None: it was skipped)."""
    if not bad_line:
        return None
    lines = _lines(data, good)
    if lines == 1:
        said = (_("The last line of the journal {file} was cut off (the facilitator stopped "
                  "while writing it); it is not part of the meeting and was skipped.")
                if aside is None else
                _("The last line of the journal {file} was cut off (the facilitator stopped "
                  "while writing it); it is not part of the meeting and was set aside in "
                  "{aside}."))
    else:
        said = (_("Line {line} of the journal {file} is damaged; the {kept} commands before "
                  "it are kept, and the {lines} lines from it on was skipped.")
                if aside is None else
                _("Line {line} of the journal {file} is damaged; the {kept} commands before "
                  "it are kept, and the {lines} lines from it on was set aside in {aside}."))
    return said.format(file=path.name, aside=aside, line=bad_line, kept=kept, lines=lines)


def read_journal(path: str | os.PathLike[str]) -> JournalContents:
    """Read a journal without locking or changing it; a damaged end is skipped and reported."""
    path = Path(path)
    data = _read_whole(path)
    header, entries, good, bad_line, snapshots = _parse(path, data)
    warning = _warning(path, data, good, bad_line, len(entries), None)
    return JournalContents(header, entries, warning, snapshots)


def read_past_damage(path: str | os.PathLike[str]) -> tuple[JournalContents, list[int]]:
    """Every complete entry of a journal, also those after a damaged line, and the 1-based
    numbers of the lines skipped. For a meeting that ended: its journal is never written
    again, and a damaged line in the middle must not take the rest of the meeting with it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(_("There is no journal at {path}.").format(path=path)) from None
    header = _parse(path, data)[0]
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


def read_to_append(path: Path, lazy: bool,
                   aside: str) -> tuple[JournalContents, int, bytes | None]:
    """Read a journal to go on writing it: its contents (the warning saying its damaged
    end was set aside in the file `aside`), the byte length of its complete part, and the
    damaged end to set aside (None when there is none). `lazy`: parse only the header, the
    last snapshot and what follows it (the contents' entries parse the rest when asked)."""
    entries: Sequence[dict[str, Any]]
    found = _read_from_snapshot(path) if lazy else None
    if found is not None:
        (header, _tail, good, bad_line, snapshots), entries, data, shift = found
    else:
        data = _read_whole(path)
        header, entries, good, bad_line, snapshots = _parse(path, data)
        shift = 0
    # `data` is the file from `shift` on (after its header line, kept in front).
    warning = _warning(path, data, good - shift, bad_line, len(entries), aside)
    damaged = data[good - shift:] if bad_line else None
    return JournalContents(header, entries, warning, snapshots), good, damaged


def _read_whole(path: Path) -> bytes:
    """A journal's bytes, for rebuilding the meeting from them."""
    try:
        with explained(_("The journal {file} could not be read").format(file=path.name)):
            return path.read_bytes()
    except StoreError as error:
        if isinstance(error.__cause__, FileNotFoundError):
            raise StoreError(_("There is no journal at {path}.").format(path=path)) from None
        raise


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


def entry_line(path: Path, index: int) -> int:
    """The line of the journal at `path` (1-based, the header is line 1) that holds its
    entry `index` (0-based, as in `JournalContents.entries`): snapshot lines are counted
    as lines, not as entries. Read from the file each time: for naming a line to a person."""
    number = 1
    with open(path, "rb") as handle:
        handle.readline()  # the header
        entries = 0
        for raw in handle:
            number += 1
            if SNAPSHOT_KEY in raw:
                try:
                    value = json.loads(raw)
                except ValueError:
                    value = None
                if isinstance(value, dict) and is_snapshot(value):
                    continue
            if entries == index:
                return number
            entries += 1
    return number + 1 + index - entries  # past the end: where it would be
