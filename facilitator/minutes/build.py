"""Events -> the minutes: `build_minutes` reads a journal's entries through
`minutes.fold.MinutesFold`; `Standing` and `effective_events` are the undo rule of the
minutes for the screens, which keep their records as entries arrive.

As in the engine, an `undo` takes back the events of the command it undid, with what the
clock did after it (the timeboxes that ran out fire again in the undo's own entry).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from facilitator.engine.events import Event, Override, Undone, from_json
from facilitator.minutes.fold import HIDDEN_ITEM, HIDDEN_PROPOSAL, MINUTES_VERSION, MinutesFold

__all__ = ["HIDDEN_ITEM", "HIDDEN_PROPOSAL", "MINUTES_VERSION", "Standing", "build_minutes",
           "effective_events"]


class Standing:
    """The events that still stand, kept up to date as entries arrive (`add`), each turned
    into what the reader keeps by `keep` (None: left out).

    As in the engine: an undo takes back the last command, with what the clock did after
    it (the timeboxes that ran out fire again in the undo's own entry); the clock's own
    entries are not commands; nothing is taken back across an interruption, nor further
    back than `reach` commands (the engine's UNDO_LIMIT, for a reader that keeps up with
    a live meeting: the work per entry is then the same in hour 1 and hour 8).
    """

    def __init__(self, keep: Callable[[Event], Any] = lambda e: e,
                 reach: int | None = None) -> None:
        self._keep = keep
        self._reach = reach
        self._stack: list[list[Any]] = []  # one per command an undo could still take back
        self._kept: list[Any] = []  # what no undo can take back (and the record of each undo)
        self._in_stack = 0

    def _kept_of(self, events: Iterable[Event]) -> list[Any]:
        return [k for k in map(self._keep, events) if k is not None]

    def _onto_top(self, items: list[Any]) -> None:
        if self._stack:
            self._stack[-1].extend(items)
            self._in_stack += len(items)
        else:
            self._kept.extend(items)

    def add(self, entry: Mapping[str, Any]) -> None:
        events = [from_json(e) for e in entry.get("events", ())]
        command = entry.get("command")
        if command == "interrupted":
            for chunk in self._stack:
                self._kept.extend(chunk)
            self._stack.clear()
            self._in_stack = 0
            self._kept.extend(self._kept_of(events))
        elif command == "tick":
            self._onto_top(self._kept_of(events))
        elif any(isinstance(e, Undone) for e in events):
            if self._stack:
                self._in_stack -= len(self._stack.pop())
            self._kept.extend(self._kept_of(e for e in events if isinstance(e, Override)))
            self._onto_top(self._kept_of(
                e for e in events if not isinstance(e, Override | Undone)))
        else:
            chunk = self._kept_of(events)
            self._stack.append(chunk)
            self._in_stack += len(chunk)
            if self._reach is not None and len(self._stack) > self._reach:
                # beyond undo's reach: it stands for good
                oldest = self._stack.pop(0)
                self._in_stack -= len(oldest)
                self._kept.extend(oldest)

    def __len__(self) -> int:
        return len(self._kept) + self._in_stack

    def items(self) -> list[Any]:
        """Everything that stands, in the order it was kept (the undo records first)."""
        return self._kept + [item for chunk in self._stack for item in chunk]

    def last(self, count: int) -> list[Any]:
        """The last `count` items of `items()`, without going through the rest."""
        out: list[Any] = []
        for chunk in reversed(self._stack):
            out[:0] = chunk[-(count - len(out)):] if len(out) < count else []
            if len(out) >= count:
                return out
        need = count - len(out)
        return (self._kept[-need:] if need else []) + out


def effective_events(entries: Iterable[Mapping[str, Any]]) -> list[Event]:
    """The events that still stand once every undo has taken back its command (`Standing`),
    in the order of their time."""
    standing = Standing()
    for entry in entries:
        standing.add(entry)
    merged: list[Event] = standing.items()
    merged.sort(key=lambda e: e.at)  # stable: same-time events keep their order
    return merged


def build_minutes(setup: Mapping[str, Any], entries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The minutes of a meeting from its journal's header setup and entries.

    Entries that can be read twice (a journal's) are folded holding only undo's reach; a
    journal whose times break the engine's rules (`Settled.unsure`) is read again holding
    everything, so its minutes are what they always were. Entries that go by once are
    read holding everything."""
    if not isinstance(entries, Sequence):
        fold = MinutesFold(setup, hold=True)
        for entry in entries:
            fold.add(entry)
        return fold.minutes()
    fold = MinutesFold(setup)
    for entry in entries:
        fold.add(entry)
    minutes = fold.minutes()
    if not fold.settled.unsure:
        return minutes
    fold = MinutesFold(setup, hold=True)
    for entry in entries:
        fold.add(entry)
    return fold.minutes()
