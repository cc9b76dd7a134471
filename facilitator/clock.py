"""Clocks. Only `ui/` and `cli.py` read the real one; the engine is handed `now`.

Times are float seconds since the Unix epoch. `FakeClock` is public: tests and
scripts use it, and it refuses to go backwards.
"""

from __future__ import annotations

import time
from typing import Protocol

# 2026-01-01T00:00:00Z: the fake clock's default start, so replays and golden files agree.
FAKE_EPOCH = 1767225600.0


class Clock(Protocol):
    def now(self) -> float: ...


class SystemClock:
    """The wall clock."""

    def now(self) -> float:
        return time.time()


class FakeClock:
    """A clock that starts where told and moves only on `advance`."""

    def __init__(self, start: float = FAKE_EPOCH) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("The clock cannot go backwards.")
        self._now += seconds
        return self._now
