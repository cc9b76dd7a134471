"""`choose`: the facilitator picks a path. `choose LABEL` ends the step at once."""

from __future__ import annotations

from facilitator.engine.commands import Command
from facilitator.engine.flow import finish
from facilitator.engine.tx import Handler, Tx
from facilitator.errors import Refused


def enter(tx: Tx) -> str | None:
    return None


def choose(tx: Tx, command: Command) -> None:
    options = tx.run.step.options
    label = command.args[0]
    if label not in options:
        raise Refused(f"`{label}` is not an option here; choose one of: {', '.join(options)}.")
    tx.emit("Chosen", option=label)
    finish(tx, label)


def advance(tx: Tx) -> str:
    options = ", ".join(tx.run.step.options)
    raise Refused(f"This step ends with a choice; choose one of: {options} "
                  f"(as in `choose {next(iter(tx.run.step.options))}`).")


COMMANDS: dict[str, Handler] = {"choose": choose}
