"""Commands that do not belong to one kind of step: attendance, roles, the flow, time."""

from __future__ import annotations

from collections.abc import Callable

from facilitator.engine import flow
from facilitator.engine.commands import Command
from facilitator.engine.events import (
    Extended,
    ItemDeferred,
    Joined,
    Left,
    MeetingEnded,
    MeetingStarted,
    Noted,
    Paused,
    Proposed,
    Resumed,
    RoleAssigned,
    Suggested,
)
from facilitator.engine.floor import end_floor, point_heard, stopped_leaves
from facilitator.engine.state import Meeting, Person, evolve
from facilitator.engine.steps import agenda, record
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import _, current
from facilitator.protocols.model import BUILTIN_ROLES, AgendaItem, Protocol, Role
from facilitator.protocols.values import parse_duration


def join(tx: Tx, cmd: Command) -> None:
    name = cmd.args[0].strip()
    pronouns = cmd.args[1] if len(cmd.args) > 1 else ""
    if not name:
        raise Refused(_("Give the person's name: `join NAME [PRONOUNS]`."))
    person = tx.m.people.get(name)
    if person is not None and person.present:
        raise Refused(_("{name} is already here.").format(name=name))
    pronouns = pronouns or (person.pronouns if person else "")
    seating = tx.m.seating if person else tx.m.seating + (name,)
    tx.update(people={**tx.m.people, name: Person(name, pronouns, True)}, seating=seating)
    tx.emit(Joined, name=name, pronouns=pronouns)
    if tx.m.run is not None:
        tx.m.run.kind.joined(tx, name)


def leave(tx: Tx, cmd: Command) -> None:
    name = cmd.args[0]
    person = tx.m.people.get(name)
    if person is None or not person.present:
        raise Refused(_("{name} is not here.").format(name=name))
    if tx.m.point is not None and tx.m.point.name == name:
        point_heard(tx)
    stopped_leaves(tx, name)
    if tx.m.floor is not None and tx.m.floor.name == name:
        end_floor(tx)
    if tx.m.run is not None:
        tx.m.run.kind.left(tx, name)
    tx.update(people={**tx.m.people, name: evolve(person, present=False)})
    tx.emit(Left, name=name)


def roles_in_play(m: Meeting) -> dict[str, Role]:
    """Every role the meeting's protocol, and the protocols it runs, declare: also those
    of agenda items given live and of the protocols running now."""
    found: dict[str, Role] = {r: Role(r) for r in BUILTIN_ROLES}
    seen: set[str] = set()
    todo = [m.protocol, *(f.protocol for f in m.frames)]
    if m.setup.rules >= 2:
        items = [*m.pending_items]
        for frame in m.frames:
            items += agenda.agenda_items(frame.run)
        for ref in (i.protocol for i in items):
            inner = m.library.protocol(ref) if ref else None
            if inner is not None:
                todo.append(inner)
    while todo:
        protocol: Protocol = todo.pop()
        if protocol.id in seen:
            continue
        seen.add(protocol.id)
        found.update(protocol.roles)
        for step in protocol.steps:
            refs = [step.protocol, *(i.protocol for i in step.items or ())]
            if m.setup.rules >= 2 and step.items is None:
                refs.append(step.default_protocol)
            for ref in refs:
                inner = m.library.protocol(ref) if ref else None
                if inner is not None:
                    todo.append(inner)
    return found


def role(tx: Tx, cmd: Command) -> None:
    role_id, name = cmd.args
    roles = roles_in_play(tx.m)
    if role_id not in roles:
        raise Refused(_("This meeting has no role `{role}`; its roles are: {roles}.").format(
            role=role_id, roles=", ".join(roles)))
    person = tx.m.people.get(name)
    if person is None or not person.present:
        raise Refused(_("Name {name} to a role once they have joined: `join {name}`.").format(
            name=name))
    definition = roles[role_id]
    for other, holders in tx.m.roles.items():
        if other == role_id or name not in holders:
            continue
        kept_apart = other in definition.not_ or role_id in roles.get(other, Role(other)).not_
        if kept_apart:
            raise Refused(_("{name} is {a_role} here and cannot also be {another}. Choose "
                            "someone outside the dispute.").format(
                name=name, a_role=_a(roles.get(other, Role(other))), another=_a(definition)))
    holders = tx.m.roles.get(role_id, ())
    if name in holders:
        raise Refused(_("{name} is already {a_role}.").format(name=name, a_role=_a(definition)))
    if definition.count == 1:
        holders = (name,)
    elif len(holders) >= definition.count:
        raise Refused(_("The role {role} takes {count} people and has them: {names}.").format(
            role=role_id, count=definition.count, names=", ".join(holders)))
    else:
        holders = holders + (name,)
    tx.update(roles={**tx.m.roles, role_id: holders})
    tx.emit(RoleAssigned, role=role_id, name=name, title=definition.title)
    if tx.m.setup.rules >= 2:
        flow.begin_if_ready(tx)


def _a(role: Role) -> str:
    """The role's name for people, with its article: 'a presenter', 'a Party A'."""
    words = current().text(role.title) if role.title else role.display_title
    if not current().english:
        return _("the role {role}").format(role=words)
    return f"{'an' if words[0].lower() in 'aeiou' else 'a'} {words}"


def start(tx: Tx, cmd: Command) -> None:
    if tx.m.started_at is not None:
        raise Refused(_("The meeting has already started."))
    if not tx.m.present:
        raise Refused(_("Nobody has joined yet; add people with `join NAME`."))
    for role_id, definition in tx.m.protocol.roles.items():
        if not tx.m.holders(role_id):
            raise Refused(_("Name {a_role} before starting: `role {role} NAME`.").format(
                a_role=_a(definition), role=role_id))
        missing = definition.count - len(tx.m.holders(role_id))
        if missing > 0 and tx.m.setup.rules >= 2:
            raise Refused(_("The role {role} takes {count} people; name {missing} more before "
                            "starting: `role {role} NAME`.").format(
                role=role_id, count=definition.count, missing=missing))
    tx.update(started_at=tx.now)
    tx.emit(MeetingStarted, protocol=tx.m.protocol.id, guests=tx.m.protocol.guests)
    flow.finish(tx, flow.push_frame(tx, tx.m.protocol))


def propose(tx: Tx, cmd: Command) -> None:
    if tx.m.run is not None:
        tx.m.run.kind.propose(tx)
    tx.update(proposal=cmd.args[0])
    tx.emit(Proposed, text=cmd.args[0])
    agenda.remind_moratorium(tx)


def note(tx: Tx, cmd: Command) -> None:
    tx.emit(Noted, text=cmd.args[0])


def suggest(tx: Tx, cmd: Command) -> None:
    """Into the anonymous suggestion box, which the process review reads ({suggestions})."""
    if tx.confidential:
        raise Refused(_("The suggestion box is closed while something is said in confidence; "
                        "put it in once this step is over."))
    tx.update(suggestions=tx.m.suggestions + (cmd.args[0],))
    tx.emit(Suggested, text=cmd.args[0])


def extend(tx: Tx, cmd: Command) -> None:
    try:
        seconds = parse_duration(cmd.args[0])
    except ValueError as error:
        raise Refused(str(error)) from None
    run = tx.m.run
    floor = tx.m.floor
    if run is None or (not run.step.time and (floor is None or floor.limit is None)):
        raise Refused(_("Nothing here has a timebox to extend."))
    if run.step.time:
        tx.update_run(extended=run.extended + seconds)
    if floor is not None and floor.limit is not None:
        tx.update(floor=evolve(floor, limit=floor.limit + seconds))
    tx.emit(Extended, seconds=seconds)


def pause(tx: Tx, cmd: Command) -> None:
    if tx.m.paused_since is not None:
        raise Refused(_("The meeting is already paused; `resume` when the group is back."))
    tx.update(paused_since=tx.now)
    tx.emit(Paused)


def resume(tx: Tx, cmd: Command) -> None:
    since = tx.m.paused_since
    if since is None:
        raise Refused(_("The meeting is not paused."))
    tx.update(paused_since=None, paused_total=tx.m.paused_total + (tx.now - since))
    tx.emit(Resumed, seconds=round(tx.now - since, 3))


def advance(tx: Tx, cmd: Command) -> None:
    run = tx.require_run(cmd.name)
    flow.finish(tx, run.kind.advance(tx))


def skip(tx: Tx, cmd: Command) -> None:
    tx.require_run(cmd.name)
    flow.finish(tx, "skipped")


def back(tx: Tx, cmd: Command) -> None:
    tx.require_run(cmd.name)
    frame = tx.m.frames[-1]
    if len(frame.trail) < 2:
        raise Refused(_("This is the first step; there is nothing to go back to."))
    target = frame.trail[-2]
    tx.set_frame(evolve(frame, trail=frame.trail[:-2]))
    flow.jump(tx, target, "back")


def goto(tx: Tx, cmd: Command) -> None:
    tx.require_run(cmd.name)
    protocol = tx.m.frames[-1].protocol
    if protocol.step(cmd.args[0]) is None:
        steps = ", ".join(s.id for s in protocol.steps)
        raise Refused(_("There is no step `{step}` here; the steps are: {steps}.").format(
            step=cmd.args[0], steps=steps))
    flow.jump(tx, protocol.index(cmd.args[0]), "goto")


def end(tx: Tx, cmd: Command) -> None:
    if tx.m.paused_since is not None:
        resume(tx, cmd)
    if tx.m.point is not None:
        point_heard(tx)
    end_floor(tx)
    _defer_the_rest(tx)
    if tx.m.frames:
        flow.cut_to(tx, -1, "ended")
        tx.update(outcome=tx.m.outcome or "ended")
    tx.emit(MeetingEnded)
    tx.update(ended=True)


def _defer_the_rest(tx: Tx) -> None:
    """Agenda items the meeting did not reach are kept for the next one."""
    left: list[AgendaItem] = []
    for frame in tx.m.frames:
        if frame.run is not None:
            left += agenda.left_over(frame.run)
    for item in left + list(tx.m.pending_items):
        tx.emit(ItemDeferred, title=item.title, protocol=item.protocol, confidential=False)
    tx.update(pending_items=())


GENERAL: dict[str, Callable[[Tx, Command], None]] = {
    "join": join, "leave": leave, "role": role, "start": start, "propose": propose,
    "note": note, "suggest": suggest, "extend": extend, "pause": pause, "resume": resume,
    "advance": advance,
    "skip": skip, "back": back, "goto": goto, "end": end, "record": record.record,
    "item": agenda.item, "defer": agenda.defer, "move": agenda.move,
}
