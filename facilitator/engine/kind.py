"""What a step kind is: one record, built at the end of its own module in `steps/`.

A kind says, in one place: its name and its words for people; the outcomes it can end
with; the YAML keys it takes (and those it needs); its own run state (a small frozen
class, kept on the `Run`); and its handlers: entering, the commands that belong to it,
`advance`, a hard timebox running out, someone joining or leaving, a protocol it runs
ending. Every handler is optional; the defaults are what most kinds do.

`facilitator.engine.steps.KINDS` maps names to records. The protocol reader asks it for
keys and outcomes, the engine for handlers, the screens (`facilitator.ui.kinds`) for
nothing but the names: their own table is keyed by the same names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from facilitator.i18n import N_, Said

if TYPE_CHECKING:
    from facilitator.engine.commands import Command
    from facilitator.engine.state import Meeting, Run
    from facilitator.engine.tx import Tx
    from facilitator.protocols.model import Library, Protocol, Step, Where

Handler = Callable[["Tx", "Command"], None]
# (where in the file, sentence (said in the language of the moment it is shown), is it
# only a warning)
Check = tuple["Where", Said, bool]


def _nothing(tx: Tx) -> str | None:
    return None


def _done(tx: Tx) -> str:
    return "done"


def _timeout(tx: Tx) -> str:
    return "timeout"


def _no_state(step: Step) -> object:
    return None


def _no_routes(step: Step) -> Mapping[str, str]:
    return {}


def _no_checks(step: Step, protocol: Protocol, library: Library) -> Iterable[Check]:
    return ()


def _no_refs(step: Step) -> Iterable[tuple[Where, str]]:
    return ()


def _no_facts(step: Step) -> Iterable[str]:
    return ()


def _not_taken(tx: Tx, name: str) -> None:
    return None


def _accepts(tx: Tx) -> None:
    return None


def _owns_nothing(run: Run, m: Meeting, command: Command) -> bool:
    return False


def _says_nothing(run: Run) -> Mapping[str, str]:
    return {}


def _no_roles(step: Step) -> Iterable[tuple[str, str]]:
    return ()


@attrs.frozen
class StepKind:
    name: str
    noun: str  # what people call it: "test for agreement"
    summary: str  # one line for the author guide and the schema
    # Outcomes it ends with (besides timeout, exhausted, skipped); None: any (a protocol's).
    outcomes: tuple[str, ...] | None = ("done",)
    keys: Mapping[str, str] = attrs.field(factory=dict)  # YAML key -> what it means
    required: tuple[str, ...] = ()
    # Its run state: made on entering from the step (None: it keeps none).
    state: Callable[[Step], object] = _no_state
    enter: Callable[[Tx], str | None] = _nothing  # may end the step at once
    commands: Mapping[str, Handler] = attrs.field(factory=dict)
    # Commands that are overrides elsewhere but this kind's own way of working.
    own: frozenset[str] = frozenset()
    # The same, decided by the running step and the command (an answer the step names).
    owns: Callable[[Run, Meeting, Command], bool] = _owns_nothing
    advance: Callable[[Tx], str | None] = _done  # None: the step goes on (an agenda begins)
    timeout: Callable[[Tx], str] = _timeout
    joined: Callable[[Tx, str], None] = _not_taken
    left: Callable[[Tx, str], None] = _not_taken
    # A new proposal is given while it runs: it may refuse (a test with stances given).
    propose: Callable[[Tx], None] = _accepts
    # A protocol it runs ended with an outcome: what its own step does (use, agenda).
    resume: Callable[[Tx, str], str | None] | None = None
    # Routes of its own besides `on` and `next` (a choice's options): outcome -> target.
    routes: Callable[[Step], Mapping[str, str]] = _no_routes
    # Placeholders its running step fills for prompts and titles ({speaker}, {item}).
    says: Callable[[Run], Mapping[str, str]] = _says_nothing
    # Keys whose value names a role of the protocol: (key, role).
    roles: Callable[[Step], Iterable[tuple[str, str]]] = _no_roles
    # Protocol-file checks of its own, and the protocols it runs (for cycles).
    checks: Callable[[Step, Protocol, Library], Iterable[Check]] = _no_checks
    refs: Callable[[Step], Iterable[tuple[Where, str]]] = _no_refs
    # A few words on its settings for `facilitator show`, and lines of detail under it.
    facts: Callable[[Step], Iterable[str]] = _no_facts
    details: Callable[[Step], Iterable[str]] = _no_facts

    @property
    def a(self) -> str:
        """The noun with its article: 'a round', 'an agenda' (`A_NOUNS` marks the built-in
        kinds' for the catalogs)."""
        return f"{'an' if self.noun[0] in 'aeiou' else 'a'} {self.noun}"

    def outcomes_of(self, step: Step) -> tuple[str, ...] | None:
        """Every outcome a step of this kind can end with; None when any can."""
        if self.outcomes is None:
            return None
        return tuple(dict.fromkeys((*self.outcomes, *self.routes(step))))


# The built-in kinds' nouns with their article, as `StepKind.a` says them, for the
# catalogs: a refusal says "this step is a round" in the language (`engine.core`).
A_NOUNS = (N_("a round"), N_("a discussion"), N_("a turn"), N_("a test for agreement"),
           N_("a record step"), N_("a choice"), N_("an agenda"), N_("a nested protocol"),
           N_("a review"), N_("a break"))
