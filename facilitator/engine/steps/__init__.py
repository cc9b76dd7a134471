"""One module per step kind. This registry says which module answers what, per kind.

`KIND_COMMANDS[kind]` maps the step commands a kind takes to their handlers; a step
command the running kind does not take is refused by `facilitator.engine.core`.
`ADVANCE[kind]` computes the outcome `advance` ends a step with (default `done`).
"""

from __future__ import annotations

from collections.abc import Callable

from facilitator.engine import flow
from facilitator.engine.steps import choose, decide, discussion, nested, record, review, round, turn
from facilitator.engine.tx import Handler, Tx


def _nothing(tx: Tx) -> str | None:
    return None


flow.ENTER.update({
    "round": round.enter, "discussion": discussion.enter, "turn": turn.enter,
    "decide": decide.enter, "record": record.enter, "choose": choose.enter,
    "agenda": nested.enter_agenda, "use": nested.enter_use, "review": review.enter,
    "pause": _nothing,
})
flow.RESUME.update({"use": nested.resume_use, "agenda": nested.resume_agenda})

KIND_COMMANDS: dict[str, dict[str, Handler]] = {
    "round": round.COMMANDS, "discussion": discussion.COMMANDS, "turn": turn.COMMANDS,
    "decide": decide.COMMANDS, "choose": choose.COMMANDS, "review": review.COMMANDS,
}
ADVANCE: dict[str, Callable[[Tx], str]] = {
    "decide": decide.advance, "record": record.advance, "choose": choose.advance,
    "agenda": nested.advance_agenda,
}
# Commands that belong to particular kinds of step.
STEP_COMMANDS = frozenset({"hand", "lower", "next", "done", "pass", "invite", "stance",
                           "collect", "choose", "review"})
