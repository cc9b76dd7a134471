"""`choose`: the facilitator picks a path. `choose LABEL` ends the step at once, and the
label is both the outcome and, through `options`, the route."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

from facilitator.engine.commands import Command
from facilitator.engine.events import Chosen, Reminder
from facilitator.engine.flow import finish
from facilitator.engine.kind import Check, StepKind
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import L_, _
from facilitator.protocols.model import Library, Protocol, Step


def choose(tx: Tx, command: Command) -> None:
    options = tx.run.step.options
    label = command.args[0]
    if label not in options:
        raise Refused(_("`{option}` is not an option here; choose one of: {options}.").format(
            option=label, options=", ".join(options)))
    tx.emit(Chosen, option=label)
    finish(tx, label)


def enter(tx: Tx) -> str | None:
    """With `quorum` and a group roster, the choice makes itself: enough of the membership
    is here (`met`) or not (`not-met`). Without a roster the facilitator counts."""
    step, members = tx.run.step, tx.m.setup.members
    if step.quorum is None or members <= 0:
        return None
    here = len(tx.m.present)
    label = "met" if Fraction(here) >= step.quorum * members else "not-met"
    tx.emit(Reminder, text=f"Quorum: {here} of the {members} people on the roster are here "
                           f"({step.quorum} of them needed): {label.replace('-', ' ')}.")
    tx.emit(Chosen, option=label)
    return label


def _checks(step: Step, protocol: Protocol, library: Library) -> Iterable[Check]:
    if step.quorum is not None and not {"met", "not-met"} <= set(step.options):
        yield (step.place("quorum"), L_("Step `{id}` counts a quorum, so its options need "
                                        "`met` and `not-met`.", id=step.id), False)


def advance(tx: Tx) -> str:
    options = ", ".join(tx.run.step.options)
    raise Refused(_("This step ends with a choice; choose one of: {options} (as in "
                    "`choose {first}`).").format(options=options,
                                                 first=next(iter(tx.run.step.options))))


def _routes(step: Step) -> Mapping[str, str]:
    return step.options


KIND = StepKind(
    name="choose",
    noun="choice",
    summary="The facilitator picks a path; each option leads to a step.",
    outcomes=(),
    keys={"options": "Label -> step id or `end`; the facilitator picks one.",
          "quorum": "A share of the group's roster that must be here (`1/2`): with a "
                    "roster the choice makes itself, `met` or `not-met`."},
    required=("options",),
    enter=enter,
    checks=_checks,
    commands={"choose": choose},
    advance=advance,
    routes=_routes,
)
