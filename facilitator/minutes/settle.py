"""The events that still stand, handed on one at a time in the order of their time, as soon
as nothing that comes later can take them back or come before them.

The minutes read a meeting's events once every undo has taken back its command, in the
order of their time (`Standing` holds them all, then sorts them, stably). `Settled` gives
the same events in the same order while holding only the last `reach` commands' worth:

- an undo takes back the last command with what the clock did after it, as in `Standing`;
  a command more than `reach` commands back stands for good (the engine's UNDO_LIMIT);
- an event that stands for good waits until no later event can be earlier: one that a
  command within undo's reach holds, or one of an entry still to come. The engine never
  says anything earlier than the entry before the oldest command undo can still take back
  (an undo's timeboxes fire again at their old moments, which come after it), nor earlier
  than the last entry said;
- `unsure` says that a journal broke those rules (an event earlier than one handed on, an
  undo reaching past `reach`): the order handed on may then not be the minutes' own.
  `build_minutes` reads such a journal again with `hold=True`: everything held, sorted at
  the end, exactly as `Standing` does.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from facilitator.engine.events import Event, Override, Undone, from_json
from facilitator.engine.state import UNDO_LIMIT

NEVER = float("inf")


class Settled:
    def __init__(self, take: Callable[[Event], None], *, reach: int = UNDO_LIMIT,
                 hold: bool = False) -> None:
        self._take = take
        self._hold = hold
        self._reach = None if hold else reach
        self._stack: list[list[Event]] = []  # one per command an undo could still take back
        self._lows: list[float] = []  # each one's earliest time, or the entry's before it
        self._rising = True  # `_lows` never goes down (as the clock): its least is its first
        # Standing for good, by time (and by when each came to stand, as a stable sort)
        self._waiting: deque[tuple[float, Event]] = deque()
        self._held: list[Event] = []  # with `hold`: everything, sorted at the end
        self._last = -NEVER  # the earliest time the last entry said (its own or an event's)
        self._handed = -NEVER  # the time of the last event handed on
        self._cut = False  # commands stand for good because of `reach` (since a crash)
        self.unsure = False

    def add(self, entry: Mapping[str, Any]) -> None:
        events = [from_json(e) for e in entry.get("events", ())]
        command = entry.get("command")
        at = entry.get("at")
        low = float(at) if at is not None else NEVER
        for event in events:
            low = min(low, event.at)
        if low == NEVER:
            low = self._last
        if command == "interrupted":
            for chunk in self._stack:
                self._stand(chunk)
            self._stack.clear()
            self._lows.clear()
            self._rising = True
            self._cut = False
            self._stand(events)
        elif command == "tick":
            self._onto_top(events, low)
        elif any(isinstance(e, Undone) for e in events):
            if self._stack:
                self._stack.pop()
                self._lows.pop()
            elif self._cut:
                self.unsure = True  # the undone command was handed on already
            self._stand(e for e in events if isinstance(e, Override))
            self._onto_top([e for e in events if not isinstance(e, Override | Undone)], low)
        else:
            lows = self._lows
            first = min(low, self._last)
            if lows and first < lows[-1]:
                self._rising = False
            self._stack.append(events)
            lows.append(first)
            if self._reach is not None and len(self._stack) > self._reach:
                self._stand(self._stack.pop(0))  # beyond undo's reach: it stands for good
                self._lows.pop(0)
                self._cut = True
        self._last = low
        if not self._hold and self._waiting:
            lows = self._lows
            least = (lows[0] if self._rising else min(lows)) if lows else NEVER
            self._hand_on(min(least, self._last))

    def holding(self) -> int:
        """How many events are held (within undo's reach, or waiting to be handed on)."""
        return sum(map(len, self._stack)) + len(self._waiting) + len(self._held)

    def finish(self) -> None:
        """The meeting is over: what undo could still take back stands, and all is handed on."""
        for chunk in self._stack:
            self._stand(chunk)
        self._stack.clear()
        self._lows.clear()
        if self._hold:
            self._held.sort(key=lambda e: e.at)  # stable: same-time events keep their order
            for event in self._held:
                self._take(event)
            self._held.clear()
        self._hand_on(NEVER)

    def _onto_top(self, events: list[Event], low: float) -> None:
        if self._stack:
            self._stack[-1].extend(events)
            lows = self._lows
            if low < lows[-1]:
                lows[-1] = low
                if len(lows) > 1 and low < lows[-2]:
                    self._rising = False
        else:
            self._stand(events)

    def _stand(self, events: Iterable[Event]) -> None:
        if self._hold:
            self._held.extend(events)
            return
        waiting = self._waiting
        for event in events:
            at = event.at
            if at < self._handed:
                self.unsure = True
            if not waiting or waiting[-1][0] <= at:
                waiting.append((at, event))
            else:  # after the last that is not later: the order of a stable sort
                place = len(waiting) - 1
                while place and waiting[place - 1][0] > at:
                    place -= 1
                waiting.insert(place, (at, event))

    def _hand_on(self, until: float) -> None:
        waiting = self._waiting
        while waiting and waiting[0][0] <= until:
            at, event = waiting.popleft()
            self._handed = at
            self._take(event)
