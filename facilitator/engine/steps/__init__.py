"""The step kinds: one module each, each ending with its `KIND` record.

`KINDS` maps a kind's name to its record (see `facilitator.engine.kind`). It is the one
list: the protocol reader takes kinds' keys and outcomes from it, the engine its handlers,
and a test checks that every other table keyed by kind (the screens') covers it.
"""

from __future__ import annotations

from facilitator.engine.kind import StepKind
from facilitator.engine.steps import (
    agenda,
    choose,
    decide,
    discussion,
    pause,
    record,
    review,
    round,
    turn,
    use,
)

KINDS: dict[str, StepKind] = {kind.name: kind for kind in (
    round.KIND, discussion.KIND, turn.KIND, decide.KIND, record.KIND, choose.KIND,
    agenda.KIND, use.KIND, review.KIND, pause.KIND,
)}
