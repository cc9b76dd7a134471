"""`use` and `agenda`: steps that run other protocols in a frame of their own.

A `use` step ends when its protocol ends, with that protocol's outcome. An agenda runs
its items one after another, each through its protocol (`default_protocol` for items that
name none), and ends after the last. Items given with `item` before the agenda begins,
and items the group deferred last time, join the agenda when it begins; `item` during
an agenda that waits starts the item at once. `defer` ends the running item and keeps it
for the next meeting.
"""

from __future__ import annotations

from typing import Any

import attrs

from facilitator.engine.commands import Command
from facilitator.engine.flow import cut_to, finish, push_frame
from facilitator.engine.state import Run
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.protocols.model import AgendaItem


def enter_use(tx: Tx) -> str | None:
    protocol = tx.m.library.protocol(tx.run.step.protocol or "")
    assert protocol is not None, "validated at load time"
    return push_frame(tx, protocol)


def resume_use(tx: Tx, outcome: str) -> str | None:
    return outcome


def enter_agenda(tx: Tx) -> str | None:
    run = tx.run
    items = tuple(run.step.items or ()) + tx.m.pending_items
    tx.update(pending_items=())
    tx.update_run(items=items)
    return _start_item(tx, 0)


def _start_item(tx: Tx, index: int) -> str | None:
    run = tx.run
    if index >= len(run.items):
        tx.update_run(item=len(run.items))
        # An agenda built live waits for more items (or `advance`); a planned one is over.
        return None if run.step.items is None else "done"
    item = run.items[index]
    tx.update_run(item=index)
    protocol_id = item.protocol or run.step.default_protocol
    protocol = tx.m.library.protocol(protocol_id)
    if protocol is None:
        raise Refused(f"The item {item.title!r} names the protocol `{protocol_id}`, which "
                      "this group does not have; `facilitator protocols` lists them.")
    tx.emit("ItemStarted", title=item.title, protocol=protocol_id, owner=item.owner,
            time=item.time)
    return push_frame(tx, protocol)


def resume_agenda(tx: Tx, outcome: str) -> str | None:
    return _start_item(tx, tx.run.item + 1)


def advance_agenda(tx: Tx) -> str:
    return "done"


def _agenda_depth(tx: Tx) -> int | None:
    for depth in range(len(tx.m.frames) - 1, -1, -1):
        run = tx.m.frames[depth].run
        if run is not None and run.step.kind == "agenda":
            return depth
    return None


def item(tx: Tx, command: Command) -> None:
    title = command.args[0]
    protocol = command.args[1] if len(command.args) > 1 else None
    if protocol is not None and tx.m.library.protocol(protocol) is None:
        raise Refused(f"There is no protocol `{protocol}`; `facilitator protocols` lists them.")
    new = AgendaItem(title=title, protocol=protocol)
    tx.emit("ItemAdded", title=title, protocol=protocol)
    if tx.m.setup.moratorium:
        from facilitator.engine.general import remind_moratorium

        remind_moratorium(tx)
    depth = _agenda_depth(tx)
    if depth is None:
        tx.update(pending_items=tx.m.pending_items + (new,))
        return
    run = tx.m.frames[depth].run
    assert run is not None
    _set_agenda(tx, depth, run, items=run.items + (new,))
    if depth == len(tx.m.frames) - 1 and run.item >= len(run.items):
        finish(tx, _start_item(tx, len(run.items)))


def _set_agenda(tx: Tx, depth: int, run: Run, **changes: Any) -> None:
    frame = tx.m.frames[depth]
    tx.set_frame(attrs.evolve(frame, run=attrs.evolve(run, **changes)), depth)


def defer(tx: Tx, command: Command) -> None:
    depth = _agenda_depth(tx)
    if depth is None or depth == len(tx.m.frames) - 1:
        raise Refused("No agenda item is running; `defer` keeps the running item for the "
                      "next meeting.")
    run = tx.m.frames[depth].run
    assert run is not None
    current = run.items[run.item]
    cut_to(tx, depth, "deferred")
    tx.emit("ItemDeferred", title=current.title, protocol=current.protocol)
    finish(tx, _start_item(tx, run.item + 1))


def move(tx: Tx, command: Command) -> None:
    """Reorder the items still to come: `move TITLE POSITION` (1 is the next item)."""
    title, where = command.args
    # ASCII digits only (`²` is a digit to isdigit, not to int); a position past the end
    # is the end, however many digits it has.
    number = where.lstrip("0")
    if not (where.isascii() and where.isdigit()) or not number:
        raise Refused(f"`{where}` is not a position; 1 is the next item, as in "
                      f"`move {title!r} 1`.")
    depth = _agenda_depth(tx)
    if depth is None:
        waiting, run = list(tx.m.pending_items), None
    else:
        run = tx.m.frames[depth].run
        assert run is not None
        waiting = list(run.items[run.item + 1:])
    found = next((i for i, item in enumerate(waiting) if item.title == title), None)
    if found is None:
        names = ", ".join(repr(i.title) for i in waiting) or "none"
        raise Refused(f"No item {title!r} is waiting on the agenda (waiting: {names}).")
    item = waiting.pop(found)
    position = int(number) if len(number) <= 9 else len(waiting) + 1
    waiting.insert(min(position, len(waiting) + 1) - 1, item)
    if run is None:
        tx.update(pending_items=tuple(waiting))
    else:
        assert depth is not None
        _set_agenda(tx, depth, run, items=run.items[:run.item + 1] + tuple(waiting))
    tx.emit("ItemMoved", title=title, position=waiting.index(item) + 1)
