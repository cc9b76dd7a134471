"""The meeting's state: frozen, changed only by `facilitator.engine.core.handle`.

Rules:
- Every object here is frozen; a change is a new object (`evolve`, below). Mappings are
  replaced, never mutated, so a state handed out stays as it was.
- What grows with the length of a meeting (notes, records, the events themselves) is not
  kept here: the journal holds it and the minutes are built from events. State holds only
  what the next command needs, so a command costs the same in minute 1 and in hour 8.
- Times: `*_at` are epoch seconds; `since`/`entered` are *active* seconds, a clock that
  starts when the meeting is opened and stands still while the meeting is paused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from facilitator.protocols.model import AgendaItem, Library, Protocol, Step

UNDO_LIMIT = 50  # commands `undo` can take back in a row; docs/protocol-language.md says so

if TYPE_CHECKING:
    from facilitator.engine.kind import StepKind
    from facilitator.i18n import Translator

T = TypeVar("T")


_EVOLVERS: dict[type, tuple[frozenset[str], Callable[[Any, dict[str, Any]], Any]]] = {}


def _evolver(cls: type) -> tuple[frozenset[str], Callable[[Any, dict[str, Any]], Any]]:
    """A function made for `cls` (as attrs makes `__init__`): one line per field, the
    changed ones through their converters, the others the instance's own."""
    found = attrs.fields(cls)
    assert all(f.validator is None and f.alias == f.name for f in found)
    scope: dict[str, Any] = {"new_of": object.__new__, "cls": cls, "put": object.__setattr__}
    lines = ["def evolve(instance, changes):", "    new = new_of(cls)"]
    for f in found:
        value = f"changes[{f.name!r}]"
        if f.converter is not None:
            scope[f"convert_{f.name}"] = f.converter
            value = f"convert_{f.name}({value})"
        lines.append(f"    put(new, {f.name!r}, {value} if {f.name!r} in changes "
                     f"else instance.{f.name})")
    lines.append("    return new")
    exec("\n".join(lines), scope)  # noqa: S102 -- our own field names, as attrs does
    return frozenset(f.name for f in found), scope["evolve"]


def evolve(instance: T, **changes: Any) -> T:
    """`attrs.evolve` for the engine's frozen state, on its hot path: the fields that change
    go through their converters as in `__init__`; the others are the instance's own, already
    converted. (attrs.evolve, which calls `__init__` with every field, was half the engine's
    time per command.) The state classes have no validators."""
    cls = type(instance)
    made = _EVOLVERS.get(cls)
    if made is None:
        made = _EVOLVERS[cls] = _evolver(cls)
    known, make = made
    if not changes.keys() <= known:
        raise TypeError(f"{cls.__name__} has no field {sorted(set(changes) - known)}")
    new: T = make(instance, changes)
    return new


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
    due: str = ""  # an action's due date, an agreement's review date (ISO), when known


# Rules 2 (issue 11, "correct to the practice"): `next` counts the turn it ends before the
# stack is ordered; airtime is compared in whole seconds and each place says what decided it;
# a pass is not airtime; a direct response answers someone who has spoken; a point of process
# is heard at once in any step; `count: N` roles are filled before the meeting starts.
RULES = 2


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
    # The rules of practice the meeting was opened under. Journals written before there
    # was a number read as 1 and replay as they were taken; see RULES.
    rules: int = RULES
    principles: tuple[str, ...] = ()  # the group's principles, shown by {principles}
    members: int = 0  # people on the group's roster (0: no roster), for a quorum
    # The anonymous suggestion box: what people put in it since the group's last process
    # review (no names were ever kept), read by {suggestions}.
    suggestions: tuple[str, ...] = ()
    # Seconds east of UTC on the computer the meeting was opened on: the meeting's calendar
    # day (an agreement's review date) is read there, and the same wherever the journal is
    # replayed. Journals written before there was an offset read as 0 (UTC), as they were
    # taken.
    utc_offset: int = 0

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
            rules=int(data.get("rules", 1)),
            principles=tuple(data.get("principles", ())),
            members=int(data.get("members", 0)),
            suggestions=tuple(str(t) for t in data.get("suggestions", ())),
            utc_offset=int(data.get("utc_offset", 0)),
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
class Point:
    """A point of process being heard: who raised it, and the floor it stopped (its
    speaker goes on where they were once the point is heard)."""

    name: str
    held: Floor | None
    at: float  # active seconds when it was raised


@attrs.frozen
class Run:
    """One visit to one step. What the step gathers is its kind's own `state` (a frozen
    class owned by the kind's module, e.g. the discussion's stack)."""

    step: Step
    kind: StepKind = attrs.field(eq=False, repr=False)
    index: int
    entered: float  # active seconds
    entered_at: float  # epoch
    visit: int
    state: Any = None
    extended: int = 0
    confidential: bool = False


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
    point: Point | None = None  # a point of process holds the floor
    frames: tuple[Frame, ...] = ()
    last_test: Mapping[str, Any] | None = None
    tests: int = 0  # tests for agreement ended so far (index of the next one)
    hand_seq: int = 0
    pending_items: tuple[AgendaItem, ...] = ()
    suggestions: tuple[str, ...] = ()  # the suggestion box: the group's, then this meeting's
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
        return cls(setup=setup, library=library, pending_items=setup.deferred,
                   suggestions=setup.suggestions)

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

    def unfilled(self, protocol: Protocol) -> list[tuple[str, int]]:
        """The roles `protocol` declares that want people: (role, how many more)."""
        wanted = []
        for role_id, role in protocol.roles.items():
            have = sum(1 for n in self.holders(role_id) if self.people[n].present)
            if have < role.count:
                wanted.append((role_id, role.count - have))
        return wanted

    def waiting_for_roles(self, t: Translator | None = None) -> str | None:
        """A protocol run inside the meeting that has not begun for want of its roles:
        the sentence saying whom to name (in English, as the journal keeps it, unless a
        translator `t` is given), else None."""
        if len(self.frames) < 2 or self.frames[-1].run is not None or self.frames[-1].trail:
            return None
        return roles_wanted(self.frames[-1].protocol, self.unfilled(self.frames[-1].protocol),
                            t)


def role_words(role_id: str, many: int = 1) -> str:
    """`a presenter`, `an objector`, `2 timekeepers`."""
    words = role_id.replace("_", " ").replace("-", " ")
    if many != 1:
        return f"{many} {words}s"
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def role_title(protocol: Protocol, role: str, t: Translator) -> str:
    """A role of `protocol` as people read it in `t`'s language: its title, else its id in
    words (the command that names someone keeps the id)."""
    found = protocol.roles.get(role)
    title = getattr(found, "title", None)
    if title:
        return t.text(title)
    return t.gettext(found.display_title if found is not None else
                     role.replace("_", " ").replace("-", " "))


def roles_wanted(protocol: Protocol, wanted: list[tuple[str, int]],
                 t: Translator | None = None) -> str | None:
    """One sentence: whom to name before `protocol` can begin."""
    if not wanted:
        return None
    if t is not None and not t.english:
        roles = t.gettext(" and ").join(
            t.ngettext("someone for the role {role}", "{n} people for the role {role}", n)
            .format(n=n, role=role_title(protocol, r, t)) for r, n in wanted)
        return t.gettext("{protocol} needs {roles} before it can begin; name them: "
                         "`role {role} NAME`.").format(protocol=t.text(protocol.title),
                                                       roles=roles, role=wanted[0][0])
    names = " and ".join(f"{role_words(r, n)}" for r, n in wanted)
    first = wanted[0][0]
    return (f"{protocol.title} needs {names} before it can begin; name "
            f"{'them' if len(wanted) > 1 or wanted[0][1] > 1 else 'one'}: "
            f"`role {first} NAME`.")
