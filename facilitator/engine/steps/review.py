"""`review`: walk the group's open action items and agreements due for review.

Each gets `done`, `keep`, `drop`, or `hand NAME` (handed to someone else). The items
come from the group's memory when the meeting is opened (`Setup.review`).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from facilitator.engine.commands import Command
from facilitator.engine.events import Reviewed
from facilitator.engine.kind import StepKind
from facilitator.engine.state import Meeting, Run, frozen_map
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import _

RESULTS = ("done", "keep", "drop", "hand")


@attrs.frozen
class Reviews:
    """A review's own state: what has been decided for each item so far."""

    reviewed: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_map)


def reviews_of(run: Run | None) -> Reviews | None:
    state = run.state if run is not None else None
    return state if isinstance(state, Reviews) else None


def review(tx: Tx, command: Command) -> None:
    items = {i.id: i for i in tx.m.setup.review}
    item_id, result = command.args[0], command.args[1]
    if item_id not in items:
        known = ", ".join(items) or _("none are open")
        raise Refused(_("There is no open item `{item}` to review (items: {known}).").format(
            item=item_id, known=known))
    if result not in RESULTS:
        raise Refused(_("`{result}` is not a review result; use done, keep, drop or hand NAME.")
                      .format(result=result))
    to = None
    if result == "hand":
        if len(command.args) != 3:
            raise Refused(_("Say who takes it over: `review {item} hand NAME`.").format(
                item=item_id))
        to = command.args[2]
    elif len(command.args) != 2:
        raise Refused(_("`review {item} {result}` takes nothing more.").format(
            item=item_id, result=result))
    state = tx.state(Reviews)
    tx.update_state(reviewed={**state.reviewed, item_id: result})
    # The journal names the stable id (`ref`) so the review can never land on another item.
    tx.emit(Reviewed, id=item_id, result=result, to=to, text=items[item_id].text,
            ref=items[item_id].ref)


def open_actions(meeting: Meeting) -> list[tuple[str, str]]:
    """While a review step runs: each action still to review, as (label, owner)."""
    reviews = reviews_of(meeting.run)
    if reviews is None:
        return []
    return [(i.id, i.owner) for i in meeting.setup.review
            if i.kind == "action" and i.id not in reviews.reviewed]


KIND = StepKind(
    name="review",
    noun="review",
    summary="Review the group's open actions and the agreements due.",
    state=lambda step: Reviews(),
    commands={"review": review},
)
