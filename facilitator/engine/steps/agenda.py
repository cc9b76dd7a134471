"""`agenda`: run items one after another, each through its protocol in a frame of its own.

Each item runs through its protocol (`default_protocol` for items that name none); the
agenda ends after the last. Items given with `item` before the agenda begins, and items
the group deferred last time, join the agenda when it begins (with `agree: true` it then
waits for the room to agree it, and `advance` starts the first item); `item` during an agenda
that waits starts the item at once. `defer` ends the running item and keeps it for the
next meeting, and `end` keeps every item not reached. `item`, `defer` and `move` are
commands of any step: they act on the innermost running agenda.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from facilitator.engine.commands import Command
from facilitator.engine.events import ItemAdded, ItemDeferred, ItemMoved, ItemStarted, Reminder
from facilitator.engine.flow import cut_to, finish, push_frame
from facilitator.engine.kind import StepKind
from facilitator.engine.state import Meeting, Run, evolve
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import _
from facilitator.protocols.model import AgendaItem, Step, Where


@attrs.frozen
class Agenda:
    """An agenda's own state: its items, and the index of the running one."""

    items: tuple[AgendaItem, ...] = ()
    item: int = -1

    @property
    def current(self) -> AgendaItem | None:
        return self.items[self.item] if 0 <= self.item < len(self.items) else None

    @property
    def to_come(self) -> tuple[AgendaItem, ...]:
        return self.items[self.item + 1:] if self.item >= 0 else self.items


def agenda_of(run: Run | None) -> Agenda | None:
    state = run.state if run is not None else None
    return state if isinstance(state, Agenda) else None


def agenda_items(run: Run | None) -> tuple[AgendaItem, ...]:
    """Every item of an agenda, run or to come (for the roles they bring)."""
    state = agenda_of(run)
    return state.items if state is not None else ()


def remind_moratorium(tx: Tx) -> None:
    """While the group takes on no new work, a new proposal or item says so."""
    if tx.m.setup.moratorium:
        tx.emit(Reminder, text="The group has a moratorium on new initiatives: "
                f"{tx.m.setup.moratorium}. Is this new work?")


def enter(tx: Tx) -> str | None:
    items = tuple(tx.run.step.items or ()) + tx.m.pending_items
    tx.update(pending_items=())
    tx.update_state(items=items)
    if tx.run.step.agree and items:
        return None  # the room agrees the agenda first: `advance` starts the first item
    return _start_item(tx, 0)


def advance(tx: Tx) -> str | None:
    """While the agenda waits to be agreed, `advance` starts its first item."""
    state = tx.state(Agenda)
    if state.item < 0 and state.items:
        return _start_item(tx, 0)
    return "done"


def _start_item(tx: Tx, index: int) -> str | None:
    run = tx.run
    state = tx.state(Agenda)
    if index >= len(state.items):
        tx.update_state(item=len(state.items))
        # An agenda built live waits for more items (or `advance`); a planned one is over.
        return None if run.step.items is None else "done"
    item = state.items[index]
    tx.update_state(item=index)
    protocol_id = item.protocol or run.step.default_protocol
    protocol = tx.m.library.protocol(protocol_id)
    if protocol is None:
        raise Refused(_("The item {title} names the protocol `{protocol}`, which this group "
                        "does not have; `facilitator protocols` lists them.").format(
            title=repr(item.title), protocol=protocol_id))
    tx.emit(ItemStarted, title=item.title, protocol=protocol_id, owner=item.owner,
            time=item.time)
    return push_frame(tx, protocol)


def resume(tx: Tx, outcome: str) -> str | None:
    return _start_item(tx, tx.state(Agenda).item + 1)


def _innermost(m: Meeting) -> tuple[int, Agenda] | None:
    for depth in range(len(m.frames) - 1, -1, -1):
        state = agenda_of(m.frames[depth].run)
        if state is not None:
            return depth, state
    return None


def _set_agenda(tx: Tx, depth: int, **changes: Any) -> None:
    frame = tx.m.frames[depth]
    assert frame.run is not None
    run = evolve(frame.run, state=evolve(frame.run.state, **changes))
    tx.set_frame(evolve(frame, run=run), depth)


def item(tx: Tx, command: Command) -> None:
    title = command.args[0]
    protocol = command.args[1] if len(command.args) > 1 else None
    if protocol is not None and tx.m.library.protocol(protocol) is None:
        raise Refused(_("There is no protocol `{protocol}`; `facilitator protocols` lists "
                        "them.").format(protocol=protocol))
    new = AgendaItem(title=title, protocol=protocol)
    tx.emit(ItemAdded, title=title, protocol=protocol)
    remind_moratorium(tx)
    found = _innermost(tx.m)
    if found is None:
        tx.update(pending_items=tx.m.pending_items + (new,))
        return
    depth, state = found
    _set_agenda(tx, depth, items=state.items + (new,))
    if depth == len(tx.m.frames) - 1 and state.item >= len(state.items):
        finish(tx, _start_item(tx, len(state.items)))


def defer(tx: Tx, command: Command) -> None:
    found = _innermost(tx.m)
    if found is None or found[0] == len(tx.m.frames) - 1:
        raise Refused(_("No agenda item is running; `defer` keeps the running item for the "
                        "next meeting."))
    depth, state = found
    current = state.items[state.item]
    cut_to(tx, depth, "deferred")
    tx.emit(ItemDeferred, title=current.title, protocol=current.protocol)
    finish(tx, _start_item(tx, state.item + 1))


def move(tx: Tx, command: Command) -> None:
    """Reorder the items still to come: `move TITLE POSITION` (1 is the next item)."""
    title, where = command.args
    # ASCII digits only (`²` is a digit to isdigit, not to int); a position past the end
    # is the end, however many digits it has.
    number = where.lstrip("0")
    if not (where.isascii() and where.isdigit()) or not number:
        raise Refused(_("`{where}` is not a position; 1 is the next item, as in "
                        "`move {title} 1`.").format(where=where, title=repr(title)))
    found = _innermost(tx.m)
    waiting = list(tx.m.pending_items if found is None else found[1].items[found[1].item + 1:])
    at = next((i for i, item in enumerate(waiting) if item.title == title), None)
    if at is None:
        names = ", ".join(repr(i.title) for i in waiting) or _("none")
        raise Refused(_("No item {title} is waiting on the agenda (waiting: {names}).").format(
            title=repr(title), names=names))
    item = waiting.pop(at)
    position = int(number) if len(number) <= 9 else len(waiting) + 1
    waiting.insert(min(position, len(waiting) + 1) - 1, item)
    if found is None:
        tx.update(pending_items=tuple(waiting))
    else:
        depth, state = found
        _set_agenda(tx, depth, items=state.items[:state.item + 1] + tuple(waiting))
    tx.emit(ItemMoved, title=title, position=waiting.index(item) + 1)


def left_over(run: Run) -> tuple[AgendaItem, ...]:
    """The items an agenda did not reach (the meeting ends: they are deferred)."""
    state = agenda_of(run)
    return state.to_come if state is not None else ()


def _says(run: Run) -> Mapping[str, str]:
    state = agenda_of(run)
    current = state.current if state is not None else None
    return {"item": current.title} if current is not None else {}


def _refs(step: Step) -> Iterable[tuple[Where, str]]:
    refs = [(step.place(f"items[{j}].protocol"), item.protocol)
            for j, item in enumerate(step.items or ()) if item.protocol is not None]
    needed = step.items is None or any(item.protocol is None for item in step.items)
    if needed or "default_protocol" in step.places:
        refs.append((step.place("default_protocol"), step.default_protocol))
    return refs


def _details(step: Step) -> Iterable[str]:
    items = step.items
    listed = _("asked live") if items is None else "; ".join(
        f"{item.title} ({item.protocol or step.default_protocol})" for item in items)
    yield f"items: {listed}"


KIND = StepKind(
    name="agenda",
    noun="agenda",
    summary="Run items one after another, each through its protocol.",
    keys={
        "items": "A list of {title, protocol, time, owner}, or `ask` (built live).",
        "default_protocol": "Protocol for items that name none (default discussion).",
        "agree": "true: with items waiting, the agenda is agreed first; `advance` starts "
                 "the first item.",
    },
    state=lambda step: Agenda(),
    enter=enter,
    advance=advance,
    resume=resume,
    says=_says,
    refs=_refs,
    details=_details,
)
