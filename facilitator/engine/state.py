"""The meeting's state: frozen, changed only by `facilitator.engine.core.handle`.

Rules:
- Every object here is frozen; a change is a new object (`attrs.evolve`). Mappings are
  replaced, never mutated, so a state handed out stays as it was.
- What grows with the length of a meeting (notes, records, the events themselves) is not
  kept here: the journal holds it and the minutes are built from events. State holds only
  what the next command needs, so a command costs the same in minute 1 and in hour 8.
- Times: `*_at` are epoch seconds; `since`/`entered` are *active* seconds, a clock that
  starts when the meeting is opened and stands still while the meeting is paused.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from facilitator.protocols.model import AgendaItem, Library, Protocol, Step

UNDO_LIMIT = 50  # commands `undo` can take back in a row; docs/protocol-language.md says so


def frozen_map(value: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    """A read-only copy; one that is already read-only is kept (evolve runs this for every
    field, and copying every mapping on every change would cost more as people join)."""
    if isinstance(value, MappingProxyType):
        return value
    return MappingProxyType(dict(value or {}))


@attrs.frozen
class ReviewItem:
    """An open action item or an agreement due for review, from the group's memory."""

    id: str
    kind: str  # "action" | "agreement"
    text: str
    owner: str = ""
    ref: str = ""  # the stable id in the group's memory; "" in journals written before it


@attrs.frozen
class Setup:
    """What a meeting is opened with; stored in the journal's header so it can be rebuilt."""

    meeting_id: str
    title: str
    protocol: str
    created_at: float
    meeting_number: int = 1  # among the group's meetings of this protocol, this one included
    review: tuple[ReviewItem, ...] = ()
    deferred: tuple[AgendaItem, ...] = ()
    moratorium: str | None = None  # the group takes no new work: why, shown as a reminder

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=True)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Setup:
        return cls(
            meeting_id=data["meeting_id"],
            title=data.get("title", ""),
            protocol=data["protocol"],
            created_at=float(data["created_at"]),
            meeting_number=int(data.get("meeting_number", 1)),
            review=tuple(ReviewItem(**r) for r in data.get("review", ())),
            deferred=tuple(AgendaItem(**d) for d in data.get("deferred", ())),
            moratorium=data.get("moratorium"),
        )


@attrs.frozen
class Person:
    name: str
    pronouns: str = ""
    present: bool = True


@attrs.frozen
class Speech:
    """A person's share of the floor in this meeting."""

    airtime: float = 0.0
    turns: int = 0


@attrs.frozen
class Floor:
    name: str
    since: float  # active seconds
    limit: int | None = None  # soft limit for this speaker, seconds
    reason: str = ""


@attrs.frozen
class Hand:
    name: str
    kind: str  # "hand" or an interjection
    seq: int  # order of raising, meeting-wide
    invited: int = 0  # >0: moved to the front by `invite`; later invites go first


@attrs.frozen
class Run:
    """One visit to one step: what the step has gathered so far."""

    step: Step
    index: int
    entered: float  # active seconds
    entered_at: float  # epoch
    visit: int
    extended: int = 0
    confidential: bool = False
    # discussion
    stack: tuple[Hand, ...] = ()
    spoken: frozenset[str] = frozenset()
    direct_used: Mapping[str, int] = attrs.field(factory=dict, converter=frozen_map)
    # round
    order: tuple[str, ...] = ()
    position: int = -1  # index in `order` of the current or last speaker
    passed: tuple[str, ...] = ()
    revisiting: bool = False
    thinking: bool = False
    collected: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_map)
    # decide
    attempt: int = 0
    stances: Mapping[str, tuple[str, str | None]] = attrs.field(
        factory=dict, converter=frozen_map
    )
    # agenda
    items: tuple[AgendaItem, ...] = ()
    item: int = -1  # index of the running item
    # review
    reviewed: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_map)
    # turn
    speaker: str | None = None


@attrs.frozen
class Frame:
    """One run of one protocol; `use` and agenda items push a frame on top."""

    protocol: Protocol
    confidential: bool
    run: Run | None = None
    visits: Mapping[str, int] = attrs.field(factory=dict, converter=frozen_map)
    failures: Mapping[str, int] = attrs.field(factory=dict, converter=frozen_map)
    trail: tuple[int, ...] = ()  # indexes of steps visited, for `back`


@attrs.frozen
class Meeting:
    setup: Setup
    library: Library = attrs.field(eq=False, repr=False)
    started_at: float | None = None
    ended: bool = False
    outcome: str | None = None  # set when the meeting's protocol has ended
    paused_since: float | None = None
    paused_total: float = 0.0
    people: Mapping[str, Person] = attrs.field(factory=dict, converter=frozen_map)
    seating: tuple[str, ...] = ()
    roles: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=frozen_map)
    proposal: str | None = None
    stats: Mapping[str, Speech] = attrs.field(factory=dict, converter=frozen_map)
    floor: Floor | None = None
    frames: tuple[Frame, ...] = ()
    last_test: Mapping[str, Any] | None = None
    tests: int = 0  # tests for agreement ended so far (index of the next one)
    hand_seq: int = 0
    pending_items: tuple[AgendaItem, ...] = ()
    seq: int = attrs.field(default=0, eq=False)  # commands accepted
    # What `undo` goes back to: the meetings before the last UNDO_LIMIT commands, newest
    # last, each without a history of its own, so memory stays flat however long the
    # meeting runs. `undo_cut`: older ones were let go.
    undo: tuple[Meeting, ...] = attrs.field(default=(), eq=False, repr=False)
    undo_cut: bool = attrs.field(default=False, eq=False, repr=False)

    @classmethod
    def open(cls, setup: Setup, library: Library) -> Meeting:
        """A meeting not yet started: people may join and roles be named. Items the group
        deferred last time wait for the meeting's first agenda."""
        return cls(setup=setup, library=library, pending_items=setup.deferred)

    # --- reading ---------------------------------------------------------------------

    def active(self, now: float) -> float:
        """Seconds since the meeting was opened, less every pause."""
        paused = self.paused_total + (now - self.paused_since if self.paused_since else 0.0)
        return now - self.setup.created_at - paused

    @property
    def protocol(self) -> Protocol:
        protocol = self.library.protocol(self.setup.protocol)
        assert protocol is not None
        return protocol

    @property
    def run(self) -> Run | None:
        """The innermost step being run, if any."""
        return self.frames[-1].run if self.frames else None

    @property
    def step(self) -> Step | None:
        run = self.run
        return run.step if run else None

    @property
    def present(self) -> tuple[str, ...]:
        return tuple(n for n in self.seating if self.people[n].present)

    def holders(self, role: str) -> tuple[str, ...]:
        return self.roles.get(role, ())

    def speech(self, name: str) -> Speech:
        return self.stats.get(name, Speech())
