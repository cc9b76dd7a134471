"""Care for the people who carry the work: shifts, rest, backups, capacity checks.

Group memory like the rest (docs/care.md): each is one change file, written once, and the
tables are folded from them in the canonical order of `facilitator.store.memory.fold`, so
merging laptops in any order gives the same memory.

Change kinds (fields):
- shift {name, what, day}: work done outside meetings on `day` (also `record shift` in a
  meeting: the minutes' `shifts`, on the meeting's date);
- rest {name, until, why}: nobody asks NAME until `until`; `why` is theirs, shown to no one
  but on asking for that person's rest, never in any minutes;
- rest_end {name}: ends NAME's rest early;
- backup {role, name}: NAME backs up ROLE (cross-training);
- action_backup {ref, name}: NAME backs up an open action (by its stable id);
- capacity {meeting, red, answered}: written when a meeting with a capacity round ends
  (the round is private: the answers never reach the minutes, only who had no room).

Tables: shifts {name, what, day, meeting}; rests {name, since, until, why, ended_on};
backups {role, name, since}; capacity {meeting, date, red, answered}.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from facilitator.store.group import Group

Row = dict[str, Any]
KINDS = frozenset({"shift", "rest", "rest_end", "backup", "action_backup", "capacity"})
TABLES = ("shifts", "rests", "backups", "capacity")


def _names(value: object) -> list[str]:
    return [str(n) for n in value if n] if isinstance(value, list) else []


def fold_change(tables: dict[str, list[Row]], items: dict[str, tuple[str, Row]],
                change: Row, date: str) -> None:
    """Apply one care change to `tables` (and to an action in `items`, by stable id)."""
    kind, name = change.get("kind"), str(change.get("name") or "")
    if kind == "shift" and name and change.get("what"):
        tables["shifts"].append({"name": name, "what": str(change["what"]),
                                 "day": str(change.get("day") or date), "meeting": None})
    elif kind == "rest" and name and change.get("until"):
        for rest in tables["rests"]:  # a new rest replaces one still running
            if rest["name"].casefold() == name.casefold() and rest["ended_on"] is None:
                rest["ended_on"] = date
        tables["rests"].append({"name": name, "since": date, "until": str(change["until"]),
                                "why": change.get("why") or None, "ended_on": None})
    elif kind == "rest_end" and name:
        for rest in tables["rests"]:
            if rest["name"].casefold() == name.casefold() and rest["ended_on"] is None:
                rest["ended_on"] = date
    elif kind == "backup" and name and change.get("role"):
        role = str(change["role"])
        if not any(b["role"] == role and b["name"].casefold() == name.casefold()
                   for b in tables["backups"]):
            tables["backups"].append({"role": role, "name": name, "since": date})
    elif kind == "action_backup" and name and str(change.get("ref")) in items:
        table, item = items[str(change["ref"])]
        if table == "actions":
            item["backup"] = name
    elif kind == "capacity" and change.get("meeting"):
        tables["capacity"].append({"meeting": str(change["meeting"]), "date": date,
                                   "red": sorted(_names(change.get("red"))),
                                   "answered": sorted(_names(change.get("answered")))})


def fold_shifts(tables: dict[str, list[Row]], shifts: Iterable[Row], where: Row) -> None:
    """Shifts recorded during a meeting (`record shift NAME WHAT`): on the meeting's date."""
    for shift in shifts:
        if shift.get("name") and shift.get("what"):
            tables["shifts"].append({"name": str(shift["name"]), "what": str(shift["what"]),
                                     "day": where["date"], "meeting": where["meeting"]})


def capacity_answers(entries: Iterable[Row]) -> dict[str, str]:
    """Each person's last answer to a `capacity` question in a meeting's journal entries."""
    answers: dict[str, str] = {}
    for entry in entries:
        for event in entry.get("events") or ():
            if event.get("type") == "Collected" and event.get("field") == "capacity":
                answers[str(event["name"])] = str(event["value"])
    return answers


def record_capacity(group: Group, minutes: Row, entries: Iterable[Row]) -> None:
    """After a meeting with a capacity round, keep who answered and who had no room (red)
    as one change file named by the meeting (so written once); the answers stay out of the
    minutes, as a private round's do."""
    answers = capacity_answers(entries)
    if not answers:
        return
    meeting = minutes["meeting"]
    try:
        at = dt.datetime.fromisoformat(str(meeting.get("ended_at"))).timestamp()
    except (TypeError, ValueError, OverflowError, OSError):
        at = None
    group.add_care("capacity", now=at, file_name=f"capacity-{meeting['id']}.json",
                   meeting=meeting["id"], red=sorted(n for n, v in answers.items() if v == "red"),
                   answered=sorted(answers))


@attrs.frozen
class Shift:
    """Work someone did outside meetings (a food drive, a pantry shift), and the day."""

    name: str
    what: str
    day: str
    meeting: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> Shift:
        meeting = row.get("meeting")
        return cls(str(row["name"]), str(row["what"]), str(row["day"]),
                   None if meeting is None else str(meeting))


@attrs.frozen
class Rest:
    """Someone away for a while: since, until, their own reason, and when it ended early."""

    name: str
    since: str
    until: str
    why: str | None = None
    ended_on: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> Rest:
        why, ended = row.get("why"), row.get("ended_on")
        return cls(str(row["name"]), str(row.get("since") or ""), str(row["until"]),
                   None if why is None else str(why), None if ended is None else str(ended))

    def active(self, today: str) -> bool:
        """Whether they are resting on `today` (an ISO date)."""
        return self.ended_on is None and today <= self.until


@attrs.frozen
class Backup:
    """Someone who backs up a role, and since when."""

    role: str
    name: str
    since: str

    @classmethod
    def from_row(cls, row: Row) -> Backup:
        return cls(str(row["role"]), str(row["name"]), str(row.get("since") or ""))


@attrs.frozen
class CapacityCheck:
    """A capacity round: who answered, and who had no room (red). Nothing else is kept."""

    meeting: str
    date: str
    red: tuple[str, ...]
    answered: tuple[str, ...]

    @classmethod
    def from_row(cls, row: Row) -> CapacityCheck:
        return cls(str(row["meeting"]), str(row.get("date") or ""),
                   tuple(_names(row.get("red"))), tuple(_names(row.get("answered"))))


@attrs.frozen
class CareFacts:
    """What care needs from the group's memory, read once."""

    shifts: tuple[Shift, ...] = ()
    rests: tuple[Rest, ...] = ()
    backups: tuple[Backup, ...] = ()
    capacity: tuple[CapacityCheck, ...] = ()
