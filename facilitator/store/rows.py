"""The rows the group's memory answers with: typed, frozen, one class per table.

The cache keeps tables as JSON (`facilitator.store.memory`); `Group` turns each row into
one of these classes as it hands it out, so no reader depends on a dictionary's keys.
`attrs.asdict(row)` gives the JSON form back (`--format json`).
"""

from __future__ import annotations

from typing import Any

import attrs


def _text(value: object) -> str | None:
    return None if value is None else str(value)


@attrs.frozen
class Principle:
    """Something the group holds to: label (P1), stable id, text, the day it was added."""

    id: str
    ref: str
    text: str
    added: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Principle:
        return cls(str(row["id"]), str(row["ref"]), str(row["text"]), str(row.get("added") or ""))


@attrs.frozen
class Moratorium:
    """A pause on new initiatives: why, since when, and when and why it was lifted."""

    reason: str
    since: str | None
    lifted_on: str | None
    lifted_because: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Moratorium:
        return cls(str(row["reason"]), _text(row.get("since")), _text(row.get("lifted_on")),
                   _text(row.get("lifted_because")))


@attrs.frozen
class RoleHeld:
    """Who held which role in which meeting."""

    meeting: str
    date: str
    role: str
    name: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RoleHeld:
        return cls(str(row["meeting"]), str(row.get("date") or ""), str(row["role"]),
                   str(row["name"]))


@attrs.frozen
class Deferred:
    """An agenda item deferred to a later meeting, and the meeting that deferred it."""

    title: str
    protocol: str | None
    meeting: str
    date: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Deferred:
        return cls(str(row.get("title") or ""), _text(row.get("protocol")),
                   str(row.get("meeting") or ""), str(row.get("date") or ""))


@attrs.frozen
class Person:
    """Someone who came to a meeting (or opted out of a role): their pronouns, how often and
    when they came, and the roles they do not want."""

    name: str
    pronouns: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    meetings: int = 0
    opt_outs: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Person:
        return cls(str(row["name"]), _text(row.get("pronouns")), _text(row.get("first_seen")),
                   _text(row.get("last_seen")), int(row.get("meetings") or 0),
                   tuple(str(r) for r in row.get("opt_outs") or ()))


@attrs.frozen
class Review:
    """One review of an action or agreement: where (meeting, or None outside one), when,
    the result (done, keep, drop, hand) and to whom it was handed."""

    meeting: str | None
    date: str
    result: str
    to: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Review:
        return cls(_text(row.get("meeting")), str(row.get("date") or ""),
                   str(row.get("result")), _text(row.get("to")))


def _reviews(row: dict[str, Any]) -> tuple[Review, ...]:
    return tuple(Review.from_row(r) for r in row.get("reviews") or ())


@attrs.frozen
class Action:
    """An action item: label (A1) and stable id (`<meeting>#A1`), what, who, by when,
    open, done or dropped, the meeting that gave it, its reviews and its backup."""

    id: str
    ref: str
    what: str
    owner: str | None
    due: str | None
    status: str
    meeting: str
    date: str
    reviews: tuple[Review, ...] = ()
    backup: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Action:
        return cls(str(row["id"]), str(row["ref"]), str(row.get("what") or ""),
                   _text(row.get("owner")), _text(row.get("due")), str(row["status"]),
                   str(row.get("meeting") or ""), str(row.get("date") or ""), _reviews(row),
                   _text(row.get("backup")))


@attrs.frozen
class Agreement:
    """An agreement: label (G1) and stable id, text, the people it binds (none: the whole
    group), when it is reviewed and every how many days, its status and reviews."""

    id: str
    ref: str
    text: str
    parties: tuple[str, ...]
    review_on: str | None
    review_days: int | None
    status: str
    meeting: str
    date: str
    reviews: tuple[Review, ...] = ()

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Agreement:
        days = row.get("review_days")
        return cls(str(row["id"]), str(row["ref"]), str(row.get("text") or ""),
                   tuple(str(p) for p in row.get("parties") or ()), _text(row.get("review_on")),
                   days if isinstance(days, int) else None, str(row["status"]),
                   str(row.get("meeting") or ""), str(row.get("date") or ""), _reviews(row))


@attrs.frozen
class Airtime:
    """One person's time holding the floor in a meeting."""

    name: str
    seconds: float = 0.0
    turns: int = 0
    share: float = 0.0

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Airtime:
        return cls(str(row["name"]), float(row.get("seconds") or 0),
                   int(row.get("turns") or 0), float(row.get("share") or 0))


@attrs.frozen
class MeetingRecord:
    """An ended meeting in the group's index: when, what ran, who came, the roles (a role
    to one name, a comma-separated list or a list) and the airtime."""

    id: str
    title: str | None = None
    protocol: str | None = None
    started_at: str | None = None
    ended_at: str | None = None
    duration_s: float | None = None
    date: str = ""
    attendance: tuple[str, ...] = ()
    roles: dict[str, Any] = attrs.field(factory=dict)
    airtime: tuple[Airtime, ...] = ()

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MeetingRecord:
        duration = row.get("duration_s")
        return cls(str(row["id"]), _text(row.get("title")), _text(row.get("protocol")),
                   _text(row.get("started_at")), _text(row.get("ended_at")),
                   float(duration) if isinstance(duration, int | float) else None,
                   str(row.get("date") or ""), tuple(str(n) for n in row.get("attendance") or ()),
                   dict(row.get("roles") or {}),
                   tuple(Airtime.from_row(a) for a in row.get("airtime") or ()))


@attrs.frozen
class OpenMeeting:
    """A meeting whose journal has no `end` yet: it can be resumed."""

    id: str
    title: str | None
    protocol: str | None
    created_at: str | float | None


@attrs.frozen
class Stance:
    """One person's stance in a test for agreement, and why."""

    name: str
    stance: str
    reason: str | None = None


@attrs.frozen
class Decision:
    """One test for agreement (or a recorded decision) in the decision log."""

    proposal: str
    outcome: str | None
    meeting: str
    meeting_title: str | None
    date: str
    step: str | None = None
    attempt: int | None = None
    tally: dict[str, int] = attrs.field(factory=dict)
    stances: tuple[Stance, ...] = ()
    recorded: bool = False

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Decision:
        attempt = row.get("attempt")
        return cls(str(row.get("proposal") or ""), _text(row.get("outcome")),
                   str(row.get("meeting") or ""), _text(row.get("meeting_title")),
                   str(row.get("date") or ""), _text(row.get("step")),
                   attempt if isinstance(attempt, int) else None,
                   {str(k): v for k, v in (row.get("tally") or {}).items()},
                   tuple(Stance(str(s.get("name")), str(s.get("stance")), _text(s.get("reason")))
                         for s in row.get("stances") or () if isinstance(s, dict)),
                   bool(row.get("recorded")))


@attrs.frozen
class Holder:
    """Who has an unfinished meeting open, and on which computer."""

    host: str | None
    user: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Holder:
        return cls(_text(row.get("host")), _text(row.get("user")))
