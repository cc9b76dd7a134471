"""The validated, frozen model of protocol files.

Rules:
- Built only by `facilitator.protocols.loader` (YAML text -> model) or by tests.
- Durations are whole seconds (`int`); fractions are `fractions.Fraction`.
- A `Step` carries the keys of every kind; keys that do not belong to its kind keep
  their defaults (the loader refuses them in YAML). Which keys a kind takes, its
  outcomes and its behaviour are its record's (`facilitator.engine.steps.KINDS`).
- Positions (`line`, `col`, 1-based) point into the file the object came from, so later
  checks can still name a place.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType

import attrs

BUILTIN_ROLES = ("facilitator", "notetaker", "timekeeper", "vibeswatcher")
RECORD_OUTCOMES = ("passed", "failed")  # what a decision record may say it ended with
INTERJECTIONS = ("point-of-process", "clarify", "direct-response")
ORDERS = ("seating", "reverse", "random", "facilitator-last")
POLICIES = ("progressive", "airtime", "fifo")
RECORD_TYPES = ("decision", "action", "agreement", "note")
REVEALS = ("together", "open")
BALLOTS = ("open", "secret")
REASONS = ("required", "optional", "none")
END = "end"


def _frozen_map(value: Mapping[str, object] | None) -> Mapping[str, object]:
    return MappingProxyType(dict(value or {}))


@attrs.frozen
class Where:
    """A place in a file."""

    file: str = "<memory>"
    line: int = 1
    col: int = 1


@attrs.frozen
class ScaleOption:
    key: str
    label: str
    support: bool | None = True
    veto: bool = False
    reason: str = "none"
    meaning: str = ""


@attrs.frozen
class Scale:
    id: str
    options: tuple[ScaleOption, ...]

    def option(self, key: str) -> ScaleOption | None:
        for option in self.options:
            if option.key == key:
                return option
        return None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.options)


@attrs.frozen
class Role:
    id: str
    count: int = 1
    not_: tuple[str, ...] = ()
    title: str = ""  # its name for people ("Party A"); the id, in words, when not given

    @property
    def display_title(self) -> str:
        return self.title or self.id.replace("_", " ").replace("-", " ")


@attrs.frozen
class Rule:
    quorum: Fraction = Fraction(1)
    threshold: Fraction = Fraction(1)
    max_stand_asides: int | None = None


@attrs.frozen
class Collect:
    """A field kept per person in a round: a choice among `choices`, or free text."""

    field: str
    choices: tuple[str, ...] | None = None  # None: free text


@attrs.frozen
class AgendaItem:
    title: str
    protocol: str | None = None
    time: int | None = None
    owner: str | None = None


@attrs.frozen
class Step:
    id: str
    kind: str
    title: str = ""
    prompt: str = ""
    time: int | None = None
    hard: bool = False
    next: str | None = None  # None: the following step, or `end` after the last
    on: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_map)
    max_visits: int = 10
    every: int | None = None
    confidential: bool | None = None  # None: as the protocol says
    # round
    order: str = "seating"
    time_per_speaker: int | None = None
    allow_pass: bool = True
    revisit_passes: bool = False
    think: int | None = None
    collect: Collect | None = None
    private: bool = False
    # discussion
    policy: str = "progressive"
    interjections: tuple[str, ...] = INTERJECTIONS
    direct_responses_per_person: int = 1
    answers: str | None = None  # a role id: who answers (clarifying questions)
    # turn
    speaker: str | None = None  # a role id, or "choose"
    # decide
    scale: str = "consensus"
    rule: Rule = Rule()
    attempts: int | None = None
    reveal: str = "together"
    ballot: str = "open"  # secret: stances only from people's own devices, kept by no name
    in_turn: bool = False  # stances are given in turn, the floor going round (a consent round)
    # record
    type: str = "note"
    public: bool = False
    agree: bool = False  # an agenda waits to be agreed before its first item
    review_after: int | None = None  # agreement records: seconds (days and weeks allowed)
    outcome: str | None = None  # decision records: the outcome recorded (a block set aside)
    # choose
    options: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_map)
    quorum: Fraction | None = None  # choose: share of the roster present -> met / not-met
    # agenda
    items: tuple[AgendaItem, ...] | None = None  # None: `ask` (built live with `item`)
    default_protocol: str = "discussion"
    # use
    protocol: str | None = None
    where: Where = attrs.field(factory=Where, eq=False)
    # Where each key's value sat in the file ("scale", "on.passed", "items[1].protocol"),
    # so checks made after building can still name the exact place.
    places: Mapping[str, Where] = attrs.field(factory=dict, converter=_frozen_map, eq=False)

    def place(self, key: str) -> Where:
        """The position of `key`'s value, or of the whole object when unknown."""
        return self.places.get(key, self.where)

    @property
    def display_title(self) -> str:
        return self.title or self.id.replace("-", " ").replace("_", " ").capitalize()


@attrs.frozen
class Protocol:
    id: str
    title: str
    steps: tuple[Step, ...]
    summary: str = ""
    roles: Mapping[str, Role] = attrs.field(factory=dict, converter=_frozen_map)
    confidential: bool = False
    guests: bool = False  # who holds no role is a guest, not a member (feedback sessions)
    where: Where = attrs.field(factory=Where, eq=False)
    # Where each key's value sat in the file ("scale", "on.passed", "items[1].protocol"),
    # so checks made after building can still name the exact place.
    places: Mapping[str, Where] = attrs.field(factory=dict, converter=_frozen_map, eq=False)

    def place(self, key: str) -> Where:
        """The position of `key`'s value, or of the whole object when unknown."""
        return self.places.get(key, self.where)

    def step(self, step_id: str) -> Step | None:
        for step in self.steps:
            if step.id == step_id:
                return step
        return None

    def index(self, step_id: str) -> int:
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                return i
        raise KeyError(step_id)

    def route(self, index: int, outcome: str) -> str:
        """Where the step at `index` goes with `outcome`: a step id or `end`."""
        step = self.steps[index]
        if outcome in step.on:
            return step.on[outcome]
        if step.next is not None:
            return step.next
        if index + 1 < len(self.steps):
            return self.steps[index + 1].id
        return END

    def all_roles(self) -> tuple[str, ...]:
        return BUILTIN_ROLES + tuple(r for r in self.roles if r not in BUILTIN_ROLES)


@attrs.frozen
class Library:
    """Every protocol and scale a meeting can use, after overriding by id."""

    protocols: Mapping[str, Protocol] = attrs.field(factory=dict, converter=_frozen_map)
    scales: Mapping[str, Scale] = attrs.field(factory=dict, converter=_frozen_map)

    def protocol(self, protocol_id: str) -> Protocol | None:
        return self.protocols.get(protocol_id)

    def scale(self, scale_id: str) -> Scale | None:
        return self.scales.get(scale_id)
