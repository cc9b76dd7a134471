"""`choose`: the facilitator picks a path. `choose LABEL` ends the step at once, and the
label is both the outcome and, through `options`, the route."""

from __future__ import annotations

from collections.abc import Mapping

from facilitator.engine.commands import Command
from facilitator.engine.events import Chosen
from facilitator.engine.flow import finish
from facilitator.engine.kind import StepKind
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.protocols.model import Step


def choose(tx: Tx, command: Command) -> None:
    options = tx.run.step.options
    label = command.args[0]
    if label not in options:
        raise Refused(f"`{label}` is not an option here; choose one of: {', '.join(options)}.")
    tx.emit(Chosen, option=label)
    finish(tx, label)


def advance(tx: Tx) -> str:
    options = ", ".join(tx.run.step.options)
    raise Refused(f"This step ends with a choice; choose one of: {options} "
                  f"(as in `choose {next(iter(tx.run.step.options))}`).")


def _routes(step: Step) -> Mapping[str, str]:
    return step.options


KIND = StepKind(
    name="choose",
    noun="choice",
    summary="The facilitator picks a path; each option leads to a step.",
    outcomes=(),
    keys={"options": "Label -> step id or `end`; the facilitator picks one."},
    required=("options",),
    commands={"choose": choose},
    advance=advance,
    routes=_routes,
)
