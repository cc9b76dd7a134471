"""`pause`: a break. Nothing is gathered; every speaker's timer stands still because
nobody holds the floor, and the step's own timebox, if any, says how long the break is."""

from __future__ import annotations

from facilitator.engine.kind import StepKind

KIND = StepKind(
    name="pause",
    noun="break",
    summary="A break.",
)
