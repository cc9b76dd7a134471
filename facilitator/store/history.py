"""What the group's commands need of the meetings' history, kept small: totals per person
and the most recent meetings.

`History.of(meetings)` folds the whole index of ended meetings; the cache keeps one, built
when the memory is rebuilt (`facilitator.store.derived`), so `roles suggest`, `workload`,
`airtime` and `meetings` read a summary whose size does not grow with the number of
meetings (only with the number of people and roles).

Rules:
- Built from the typed rows (`MeetingRecord`) in the order the readers use: `chronological`
  (oldest first) and `newest_first` (the listing), meetings that started at the same moment
  kept in the order given. So a History read from the cache equals one folded from scratch
  (a test says so), and the fair-share functions give the same answers from either.
- `recent` holds the last `keep` meetings, oldest first; `newest` the first `keep` of the
  listing, newest first. They hold the same meetings except when start times tie.
- A History that keeps fewer meetings than asked for says so (`last`), never answers short.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from facilitator.store.memory import Row, Tables, when
from facilitator.store.rows import MeetingRecord

KEEP = 20  # meetings kept whole: the listing's length, and more than any fair-share window


def started(meeting: MeetingRecord) -> float:
    """When a meeting started, as a sortable number (0 when unreadable)."""
    return when(meeting.started_at)


def chronological(meetings: Iterable[MeetingRecord]) -> list[MeetingRecord]:
    """The meetings oldest first; meetings that started at the same moment keep their order."""
    return sorted(meetings, key=started)


def newest_first(meetings: Iterable[MeetingRecord]) -> list[MeetingRecord]:
    """The meetings newest first; meetings that started at the same moment keep their order."""
    return sorted(meetings, key=started, reverse=True)


def role_names(names: object) -> list[str]:
    """The people a meeting's role names: one name or a list of them."""
    return [str(n) for n in (names if isinstance(names, list) else [names]) if n]


@attrs.frozen
class History:
    """The index of ended meetings, summed up.

    count: how many meetings ended; attended: how many each person came to, by the name
    as written (in the order first seen); roles: {role: {casefolded name: (the position,
    oldest first from 0, of the last meeting they held it in, how many times)}}; seen:
    {casefolded name: (the date of the last meeting they came to, the latest date of any
    they came to, how many meetings have a later date than that last one)}; recent and
    newest: see the module's rules.
    """

    count: int = 0
    attended: dict[str, int] = attrs.field(factory=dict)
    roles: dict[str, dict[str, tuple[int, int]]] = attrs.field(factory=dict)
    recent: tuple[MeetingRecord, ...] = ()
    newest: tuple[MeetingRecord, ...] = ()
    seen: dict[str, tuple[str, str, int]] = attrs.field(factory=dict)

    @classmethod
    def of(cls, meetings: Iterable[MeetingRecord], keep: int = KEEP) -> History:
        """Fold the whole index (in `Group.meetings()` order, or any order: ties in start
        time keep the order given), keeping the last `keep` meetings whole."""
        given = list(meetings)
        history = chronological(given)
        attended: Counter[str] = Counter()
        roles: dict[str, dict[str, tuple[int, int]]] = {}
        came: dict[str, tuple[str, str]] = {}  # casefolded name -> (last date, latest date)
        for index, meeting in enumerate(history):
            # Each name once a meeting, in the order given: names that differ only in case
            # then sort the same way in every process (a set's order changes with the hash).
            attended.update(list(dict.fromkeys(meeting.attendance)))
            for key in dict.fromkeys(name.casefold() for name in meeting.attendance):
                latest = came[key][1] if key in came else meeting.date
                came[key] = (meeting.date, max(latest, meeting.date))
            for role, names in meeting.roles.items():
                held = roles.setdefault(str(role), {})
                for name in role_names(names):
                    key = name.casefold()
                    held[key] = (index, held.get(key, (0, 0))[1] + 1)
        dates = sorted(m.date for m in history)
        seen = {key: (last, latest, len(dates) - bisect.bisect_right(dates, last))
                for key, (last, latest) in came.items()}
        keep = max(keep, 0)
        return cls(len(history), dict(attended), roles,
                   tuple(history[max(len(history) - keep, 0):]),
                   tuple(newest_first(given)[:keep]), seen)

    def last(self, n: int) -> list[MeetingRecord]:
        """The last `n` meetings, oldest first (all of them when there are fewer)."""
        if n <= 0:
            return []
        if n > len(self.recent) and len(self.recent) < self.count:
            raise ValueError(f"This history keeps the last {len(self.recent)} meetings, not "
                             f"{n}: fold it again with keep={n}.")
        return list(self.recent[-n:])

    def to_row(self) -> Row:
        """The JSON form the cache keeps."""
        return {"count": self.count, "attended": [[n, c] for n, c in self.attended.items()],
                "roles": {r: {k: list(v) for k, v in held.items()}
                          for r, held in self.roles.items()},
                "recent": [attrs.asdict(m) for m in self.recent],
                "newest": [attrs.asdict(m) for m in self.newest],
                "seen": {k: list(v) for k, v in self.seen.items()}}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> History:
        """The History `to_row` gave (KeyError, TypeError or ValueError when it is not)."""
        roles = {str(r): {str(k): (int(v[0]), int(v[1])) for k, v in held.items()}
                 for r, held in row["roles"].items()}
        return cls(int(row["count"]), {str(n): int(c) for n, c in row["attended"]}, roles,
                   tuple(MeetingRecord.from_row(m) for m in row["recent"]),
                   tuple(MeetingRecord.from_row(m) for m in row["newest"]),
                   {str(k): (str(v[0]), str(v[1]), int(v[2])) for k, v in row["seen"].items()})


SUMMARIES = ("history", "open_actions", "open_agreements")


def summaries(tables: Tables) -> Tables:
    """The tables kept beside the fold's, for readers that need only a part: the history
    summed up (one row), and the actions and agreements still open."""
    records = [MeetingRecord.from_row(r) for r in tables["meetings"]]
    return {"history": [History.of(records).to_row()],
            "open_actions": [r for r in tables["actions"] if r.get("status") == "open"],
            "open_agreements": [r for r in tables["agreements"] if r.get("status") == "open"]}
