"""`record`, and the `record ...` command that works in any step.

A record step of type `decision` records the last proposal with the result of its last
test (or, with no test before it, an entry with outcome `recorded`) when it ends.
Agreements get a review date from the step's `review_after`. In a confidential protocol or
step, records stay out of the minutes unless the record step is `public: true`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from facilitator.engine.commands import Command
from facilitator.engine.events import (
    ActionRecorded,
    AgreementRecorded,
    DecisionRecorded,
    Noted,
    ShiftRecorded,
)
from facilitator.engine.kind import StepKind
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import _
from facilitator.protocols.model import RECORD_TYPES, Step


def _public(tx: Tx) -> dict[str, Any]:
    run = tx.m.run
    if run is not None and run.kind is KIND and run.step.public:
        return {"confidential": False}
    return {}


def _review_on(tx: Tx) -> str | None:
    """The meeting's date plus the running record step's `review_after`: the date where the
    meeting was opened (`Setup.utc_offset`), whatever computer replays it."""
    run = tx.m.run
    if run is None or run.kind is not KIND or not run.step.review_after:
        return None
    day = dt.datetime.fromtimestamp(tx.now + tx.m.setup.utc_offset, dt.UTC).date()
    return (day + dt.timedelta(seconds=run.step.review_after)).isoformat()


def record(tx: Tx, command: Command) -> None:
    kind, rest = command.args[0], command.args[1:]
    if kind == "decision":
        tx.emit(DecisionRecorded, text=" ".join(rest),
                step=tx.m.step.id if tx.m.step else None, test=None,
                review_on=_review_on(tx), **_public(tx))
    elif kind == "note":
        tx.emit(Noted, text=" ".join(rest), **_public(tx))
    elif kind == "shift":
        if len(rest) < 2:
            raise Refused(_("A shift is written `record shift NAME WHAT`, as in: "
                            "record shift Ana \"Food drive\"."))
        tx.emit(ShiftRecorded, name=rest[0], what=" ".join(rest[1:]), **_public(tx))
    elif kind == "action":
        rest, backup = _backup(rest)
        if len(rest) not in (2, 3):
            raise Refused(_("An action is written `record action TEXT OWNER [DUE] [--backup "
                            "NAME]`, as in: record action \"Book the hall\" Ana 2026-12-01."))
        due = rest[2] if len(rest) == 3 else None
        if due is not None:
            try:
                dt.date.fromisoformat(due)
            except ValueError:
                raise Refused(_("`{due}` is not a date; write the due date like 2026-12-01.")
                              .format(due=due)) from None
        tx.emit(ActionRecorded, what=rest[0], owner=rest[1], due=due, backup=backup,
                **_public(tx))
    elif kind == "agreement":
        tx.emit(AgreementRecorded, text=rest[0], parties=list(rest[1:]),
                review_on=_review_on(tx), **_public(tx))
    else:
        raise Refused(_("`record {kind}` is not a kind of record; use decision, action, "
                        "agreement, shift or note.").format(kind=kind))


def _backup(rest: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """An action's words without `--backup NAME`, and the NAME."""
    if "--backup" not in rest:
        return rest, None
    at = rest.index("--backup")
    if at + 1 >= len(rest):
        raise Refused(_("Say who backs it up: `--backup NAME`."))
    return rest[:at] + rest[at + 2:], rest[at + 1]


def advance(tx: Tx) -> str:
    run = tx.run
    if run.step.type == "decision" and run.step.outcome is not None:
        # The step says how it ended (a block the group judged not principled is set
        # aside and the proposal passes): a decision of its own, not the last test's.
        tx.emit(DecisionRecorded, text=tx.m.proposal, step=run.step.id, test=None,
                outcome=run.step.outcome, review_on=_review_on(tx), **_public(tx))
    elif run.step.type == "decision":
        last = tx.m.last_test
        tx.emit(DecisionRecorded, text=tx.m.proposal, step=run.step.id,
                test=last["index"] if last else None, review_on=_review_on(tx),
                **_public(tx))
    return "done"


def _facts(step: Step) -> Iterable[str]:
    yield step.type


KIND = StepKind(
    name="record",
    noun="record step",
    summary="Take records: a decision, actions, agreements or notes.",
    keys={
        "type": "What is recorded: " + ", ".join(RECORD_TYPES) + ".",
        "public": "true lets the record out of a confidential protocol or step.",
        "review_after": "Agreements and decisions: review them this long after the meeting "
                        "(`30d`, `6w`).",
        "outcome": "Decisions: the outcome recorded, passed or failed, instead of the last "
                   "test's (a block set aside).",
    },
    advance=advance,
    facts=_facts,
)
