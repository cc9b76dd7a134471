"""`turn`: one person holds the floor, uninterrupted.

The speaker is the holder of a role (`speaker: presenter`), who holds the floor at once,
or, with `speaker: choose`, whoever the facilitator names with `invite NAME`. Naming the
speaker of a `choose` turn is the step's own way of working, not an override.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from facilitator.engine.commands import Command
from facilitator.engine.floor import end_floor, give_floor, must_be_here
from facilitator.engine.kind import StepKind
from facilitator.engine.state import Run
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import _
from facilitator.protocols.model import Step


@attrs.frozen
class Turn:
    speaker: str | None = None


def enter(tx: Tx) -> str | None:
    run = tx.run
    role = run.step.speaker
    if role is None or role == "choose":
        return None
    holders = [n for n in tx.m.holders(role) if tx.m.people[n].present]
    if not holders:
        raise Refused(_("This turn belongs to the {role}; name one first: `role {role} NAME`.")
                      .format(role=role))
    tx.update_state(speaker=holders[0])
    give_floor(tx, holders[0], f"the {role}'s turn", run.step.time_per_speaker or run.step.time)
    return None


def invite(tx: Tx, command: Command) -> None:
    run = tx.run
    if run.step.speaker != "choose" and tx.state(Turn).speaker is not None:
        raise Refused(_("This turn belongs to the {role}; it is not passed around.").format(
            role=run.step.speaker))
    name = command.args[0]
    must_be_here(tx, name)
    tx.update_state(speaker=name)
    give_floor(tx, name, "named by the facilitator", run.step.time_per_speaker or run.step.time)


def next_(tx: Tx, command: Command) -> None:
    if tx.m.floor is None:
        raise Refused(_("The turn is over; `advance` to move on."))
    end_floor(tx)


def hand(tx: Tx, command: Command) -> None:
    speaker = tx.state(Turn).speaker or _("the speaker")
    raise Refused(_("{name} holds the floor uninterrupted in this turn; hands are taken in a "
                    "discussion.").format(name=speaker))


def _says(run: Run) -> Mapping[str, str]:
    speaker = run.state.speaker if isinstance(run.state, Turn) else None
    return {"speaker": speaker} if speaker else {}


def _roles(step: Step) -> Iterable[tuple[str, str]]:
    if step.speaker not in (None, "choose"):
        yield "speaker", str(step.speaker)


def _facts(step: Step) -> Iterable[str]:
    if step.speaker:
        yield f"speaker {step.speaker}"


KIND = StepKind(
    name="turn",
    noun="turn",
    summary="One person holds the floor, uninterrupted.",
    keys={"speaker": "A role id, or `choose` (the facilitator names one)."},
    required=("speaker",),
    state=lambda step: Turn(),
    enter=enter,
    commands={"invite": invite, "next": next_, "done": next_, "hand": hand},
    own=frozenset({"invite"}),
    says=_says,
    roles=_roles,
    facts=_facts,
)
