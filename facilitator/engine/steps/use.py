"""`use`: run another protocol in place, in a frame of its own. The step ends when that
protocol ends, with that protocol's outcome (so it can end with any outcome)."""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.engine.flow import push_frame
from facilitator.engine.kind import StepKind
from facilitator.engine.tx import Tx
from facilitator.protocols.model import Step, Where


def enter(tx: Tx) -> str | None:
    protocol = tx.m.library.protocol(tx.run.step.protocol or "")
    assert protocol is not None, "validated at load time"
    return push_frame(tx, protocol)


def resume(tx: Tx, outcome: str) -> str | None:
    return outcome


def _refs(step: Step) -> Iterable[tuple[Where, str]]:
    if step.protocol is not None:
        yield step.place("protocol"), step.protocol


def _facts(step: Step) -> Iterable[str]:
    if step.protocol:
        yield f"protocol {step.protocol}"


KIND = StepKind(
    name="use",
    noun="nested protocol",
    summary="Run another protocol in place; it ends with that protocol's outcome.",
    outcomes=None,
    keys={"protocol": "The id of the protocol to run in place."},
    required=("protocol",),
    enter=enter,
    resume=resume,
    refs=_refs,
    facts=_facts,
)
