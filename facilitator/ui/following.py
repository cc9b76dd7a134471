"""What a panel keeps of the journal, brought up to date as entries arrive.

A panel that shows something of every entry (records, how steps ended) reads only the
entries added since its last refresh, so a key costs the same at entry 100 and at entry
30,000. Undo is respected as the minutes respect it (`facilitator.minutes.build.Standing`),
reaching back no further than the engine's undo.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from facilitator.engine.events import Event
from facilitator.engine.state import UNDO_LIMIT
from facilitator.minutes.build import Standing


class Following:
    """The `keep` of each standing event of a live meeting's entries."""

    def __init__(self, keep: Callable[[Event], Any]) -> None:
        self._keep = keep
        self.standing = Standing(keep, reach=UNDO_LIMIT)
        self._read: tuple[int, int] = (0, 0)  # (id of the entries, how many were read)

    def catch_up(self, entries: Sequence[Mapping[str, Any]]) -> Standing:
        """Read the entries added since the last call (all of them for other entries: the
        live meeting's own sequence only grows)."""
        source, read = self._read
        if source != id(entries) or read > len(entries):  # another meeting: start over
            self.standing, read = Standing(self._keep, reach=UNDO_LIMIT), 0
        for index in range(read, len(entries)):
            self.standing.add(entries[index])
        self._read = (id(entries), len(entries))
        return self.standing
