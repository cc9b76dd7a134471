"""What happened: one small frozen class per event, named in the past tense.

Rules:
- Events carry no behaviour. Every reader (the minutes, the screens, the plain
  conversation) dispatches on the class (`match event: case HandRaised(name=n): ...`).
- `at` is when it happened (epoch seconds). `confidential` marks what was said inside a
  confidential protocol or step; classes marked `PUBLIC` (timing, attendance) never are.
- The JSON form is the journal's: `{"type": NAME, "at": ..., <fields in order>}`, plus
  `"confidential": true` only when it is. It is made and read here only (`to_json`,
  `from_json`), and journals written before these classes existed read back the same
  (tests/engine/journals holds such journals as fixtures). A field missing from an older
  journal takes its default; a key this version does not know is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import attrs

from facilitator.errors import FacilitatorError


@attrs.frozen(kw_only=True)
class Event:
    at: float = 0.0
    confidential: bool = False
    # Timing and attendance are never confidential.
    PUBLIC: ClassVar[bool] = False
    # Fields written to JSON only when true (a private round's marks).
    WHEN_TRUE: ClassVar[tuple[str, ...]] = ()


# --- the meeting ---------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class MeetingStarted(Event):
    PUBLIC = True
    WHEN_TRUE = ("guests",)
    protocol: str
    guests: bool = False  # who holds no role is a guest: the minutes keep no trace of them


@attrs.frozen(kw_only=True)
class MeetingEnded(Event):
    PUBLIC = True


@attrs.frozen(kw_only=True)
class Paused(Event):
    PUBLIC = True


@attrs.frozen(kw_only=True)
class Resumed(Event):
    PUBLIC = True
    seconds: float


@attrs.frozen(kw_only=True)
class Extended(Event):
    PUBLIC = True
    seconds: int


@attrs.frozen(kw_only=True)
class Interrupted(Event):
    """The facilitator's computer was off from `since`; timers stood still."""

    PUBLIC = True
    since: float
    seconds: float


@attrs.frozen(kw_only=True)
class Override(Event):
    """The facilitator overruled the process (the minutes list these)."""

    PUBLIC = True
    command: str


@attrs.frozen(kw_only=True)
class Undone(Event):
    PUBLIC = True


@attrs.frozen(kw_only=True)
class Reminder(Event):
    PUBLIC = True
    text: str


# --- people --------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Joined(Event):
    PUBLIC = True
    name: str
    pronouns: str = ""


@attrs.frozen(kw_only=True)
class Left(Event):
    PUBLIC = True
    name: str


@attrs.frozen(kw_only=True)
class RoleAssigned(Event):
    PUBLIC = True
    WHEN_TRUE = ("title",)
    role: str
    name: str
    title: str = ""  # the role's name for people, when its protocol gives one ("Party A")


# --- steps and protocols -------------------------------------------------------------

@attrs.frozen(kw_only=True)
class StepStarted(Event):
    PUBLIC = True
    protocol: str
    step: str
    kind: str
    title: str
    depth: int = 0
    visit: int = 1
    closed: bool = False  # the step is confidential: its outcome stays out of the minutes


@attrs.frozen(kw_only=True)
class StepWaiting(Event):
    """A step that time entered cannot begin yet; `reason` says what it waits for."""

    PUBLIC = True
    reason: str


@attrs.frozen(kw_only=True)
class StepEnded(Event):
    PUBLIC = True
    protocol: str
    step: str
    kind: str
    outcome: str
    duration_s: float
    overrun_s: float = 0.0


@attrs.frozen(kw_only=True)
class ProtocolEnded(Event):
    PUBLIC = True
    protocol: str
    outcome: str


# --- the floor -----------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class FloorTaken(Event):
    PUBLIC = True
    name: str
    reason: str


@attrs.frozen(kw_only=True)
class FloorEnded(Event):
    PUBLIC = True
    name: str
    seconds: float
    counted: bool = True  # False: a pass, not a turn


@attrs.frozen(kw_only=True)
class HandRaised(Event):
    name: str
    kind: str  # "hand" or an interjection


@attrs.frozen(kw_only=True)
class HandLowered(Event):
    name: str


@attrs.frozen(kw_only=True)
class Invited(Event):
    name: str


@attrs.frozen(kw_only=True)
class PointRaised(Event):
    """A point of process is heard at once; `stopped` is the speaker whose time stands
    still meanwhile (None when nobody held the floor)."""

    name: str
    stopped: str | None = None


@attrs.frozen(kw_only=True)
class Passed(Event):
    WHEN_TRUE = ("private",)
    name: str
    private: bool = False


@attrs.frozen(kw_only=True)
class Collected(Event):
    WHEN_TRUE = ("private",)
    name: str
    field: str
    value: str
    private: bool = False


# --- proposals and tests -------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Proposed(Event):
    text: str


@attrs.frozen(kw_only=True)
class StanceGiven(Event):
    name: str
    stance: str
    reason: str | None = None


@attrs.frozen(kw_only=True)
class BallotCast(Event):
    """Someone gave (or changed) a stance in a secret ballot: who, never what."""

    name: str


@attrs.frozen(kw_only=True)
class Suggested(Event):
    """A note for the anonymous suggestion box, which the process review reads: no name."""

    text: str


@attrs.frozen(kw_only=True)
class TestEnded(Event):
    """A test for agreement ended; one entry in the minutes' decisions."""

    __test__: ClassVar[bool] = False  # not a pytest test class
    index: int
    step: str
    proposal: str | None
    outcome: str
    attempt: int
    tally: Mapping[str, int]
    scale: str | None = None
    rule: Mapping[str, Any] | None = None
    stances: Sequence[Mapping[str, Any]] = ()
    # A secret ballot keeps the count and who took part, never who chose what.
    secret: bool = False
    voters: Sequence[str] = ()
    WHEN_TRUE = ("secret", "voters")


@attrs.frozen(kw_only=True)
class Chosen(Event):
    option: str


# --- records -------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class DecisionRecorded(Event):
    WHEN_TRUE = ("outcome", "review_on")
    text: str | None
    step: str | None = None
    test: int | None = None  # the index of the test it records, if any
    outcome: str | None = None  # said by the record step (a block set aside: passed)
    review_on: str | None = None  # the decision comes back for review on this date


@attrs.frozen(kw_only=True)
class ActionRecorded(Event):
    WHEN_TRUE = ("backup",)  # written only when named: journals before backups read the same
    what: str
    owner: str
    due: str | None = None
    backup: str | None = None


@attrs.frozen(kw_only=True)
class ShiftRecorded(Event):
    """Work someone did outside meetings, told in a meeting (`record shift NAME WHAT`)."""

    name: str
    what: str


@attrs.frozen(kw_only=True)
class AgreementRecorded(Event):
    text: str
    parties: Sequence[str] = ()
    review_on: str | None = None


@attrs.frozen(kw_only=True)
class Noted(Event):
    text: str


# --- the agenda and the review -------------------------------------------------------

@attrs.frozen(kw_only=True)
class ItemAdded(Event):
    title: str
    protocol: str | None = None


@attrs.frozen(kw_only=True)
class ItemStarted(Event):
    title: str
    protocol: str
    owner: str | None = None
    time: int | None = None


@attrs.frozen(kw_only=True)
class ItemMoved(Event):
    title: str
    position: int


@attrs.frozen(kw_only=True)
class ItemDeferred(Event):
    title: str
    protocol: str | None = None


@attrs.frozen(kw_only=True)
class Reviewed(Event):
    WHEN_TRUE = ("ref",)
    id: str  # the label people typed (`A1`)
    result: str
    to: str | None = None
    text: str | None = None
    ref: str = ""  # the item's stable id (journals before stable ids have none)


# --- the JSON form -------------------------------------------------------------------

# Every event class of this module, by the name its JSON form carries.
BY_NAME: dict[str, type[Event]] = {
    name: value for name, value in dict(globals()).items()
    if isinstance(value, type) and issubclass(value, Event) and value is not Event
}
_BASE = ("at", "confidential")
_FIELDS: dict[type[Event], tuple[str, ...]] = {
    cls: tuple(f.name for f in attrs.fields(cls) if f.name not in _BASE)
    for cls in BY_NAME.values()
}


class UnknownEvent(FacilitatorError):
    """A journal names an event type this version does not know."""


def to_json(e: Event) -> dict[str, Any]:
    """The journal's form of `e`."""
    out: dict[str, Any] = {"type": type(e).__name__, "at": e.at}
    skip = e.WHEN_TRUE
    for name in _FIELDS[type(e)]:
        value = getattr(e, name)
        if name in skip and not value:
            continue
        out[name] = list(value) if isinstance(value, tuple) else value
    if e.confidential:
        out["confidential"] = True
    return out


def from_json(data: Mapping[str, Any]) -> Event:
    """The event a journal line holds; UnknownEvent for a type this version lacks."""
    cls = BY_NAME.get(str(data.get("type")))
    if cls is None:
        raise UnknownEvent(f"`{data.get('type')}` is not an event this version knows")
    fields = _FIELDS[cls]
    kwargs = {k: data[k] for k in fields if k in data}
    return cls(at=float(data["at"]), confidential=bool(data.get("confidential")), **kwargs)
