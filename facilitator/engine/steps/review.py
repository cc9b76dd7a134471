"""`review`: walk the group's open action items and agreements due for review.

Each gets `done`, `keep`, `drop`, or `hand NAME` (handed to someone else). The items
come from the group's memory when the meeting is opened (`Setup.review`).
"""

from __future__ import annotations

from facilitator.engine.commands import Command
from facilitator.engine.state import Meeting
from facilitator.engine.tx import Handler, Tx
from facilitator.errors import Refused

RESULTS = ("done", "keep", "drop", "hand")


def enter(tx: Tx) -> str | None:
    return None


def review(tx: Tx, command: Command) -> None:
    items = {i.id: i for i in tx.m.setup.review}
    item_id, result = command.args[0], command.args[1]
    if item_id not in items:
        known = ", ".join(items) or "none are open"
        raise Refused(f"There is no open item `{item_id}` to review (items: {known}).")
    if result not in RESULTS:
        raise Refused(f"`{result}` is not a review result; use done, keep, drop or hand NAME.")
    to = None
    if result == "hand":
        if len(command.args) != 3:
            raise Refused(f"Say who takes it over: `review {item_id} hand NAME`.")
        to = command.args[2]
    elif len(command.args) != 2:
        raise Refused(f"`review {item_id} {result}` takes nothing more.")
    run = tx.run
    tx.update_run(reviewed={**run.reviewed, item_id: result})
    # The journal names the stable id (`ref`) so the review can never land on another item.
    ref = {"ref": items[item_id].ref} if items[item_id].ref else {}
    tx.emit("Reviewed", id=item_id, result=result, to=to, text=items[item_id].text, **ref)


def open_actions(meeting: Meeting) -> list[tuple[str, str]]:
    """While a review step runs: each action still to review, as (label, owner)."""
    run = meeting.run
    if run is None or run.step.kind != "review":
        return []
    return [(i.id, i.owner) for i in meeting.setup.review
            if i.kind == "action" and i.id not in run.reviewed]


COMMANDS: dict[str, Handler] = {"review": review}
