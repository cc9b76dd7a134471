"""Events told as sentences, one per change, for the plain conversation and the status line.

Rules: one short sentence per event that a person in the room would notice; bookkeeping
events (Override, a protocol that ended because the meeting did) say nothing.
No textual here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facilitator.engine import events as ev
from facilitator.engine.events import Event
from facilitator.engine.steps import KINDS
from facilitator.engine.steps.discussion import INTERJECTION_REASON
from facilitator.i18n import _, current
from facilitator.ui.kinds import REVIEW_WORDS, engine_words, noun, role_title, words
from facilitator.ui.timing import span
from facilitator.ui.titles import title_of


def _words(key: str) -> str:
    return words(key)


def _step_title(meeting: Any, protocol: str, step: str) -> str:
    found = meeting.library.protocol(protocol) if meeting is not None else None
    at = found.step(step) if found is not None else None
    if at is not None:
        return title_of(at)
    return _words(step).capitalize()


def _protocol_title(meeting: Any, protocol: str) -> str:
    found = meeting.library.protocol(protocol) if meeting is not None else None
    return current().text(found.title) if found is not None else protocol


def _noun(kind: str) -> str:
    return KINDS[kind].noun if kind in KINDS else kind


def _step(title: str, kind: str) -> str:
    english = _noun(kind)
    if current().english:
        return f"Step: {title}, {'an' if english[0] in 'aeiou' else 'a'} {english}."
    return _("Step: {title} ({kind}).").format(title=title, kind=noun(english))


def sentence(event: Event, meeting: Any = None) -> str | None:
    """One sentence for one event, or None when there is nothing to say. With the meeting,
    steps, protocols and roles are named by their titles."""
    match event:
        case ev.MeetingStarted():
            return _("The meeting has started.")
        case ev.MeetingEnded():
            return _("The meeting has ended.")
        case ev.Paused():
            return _("Paused: every timer stands still.")
        case ev.Undone():
            return _("The last command is undone.")
        case ev.Joined(name=name, pronouns=pronouns):
            if pronouns:
                return _("{name} ({pronouns}) joined.").format(name=name, pronouns=pronouns)
            return _("{name} joined.").format(name=name)
        case ev.Left(name=name):
            return _("{name} left.").format(name=name)
        case ev.RoleAssigned(role=role, name=name):
            if meeting is not None:
                return _("{name} is {role}.").format(name=name, role=role_title(meeting, role))
            return _("{name} is {role}.").format(name=name, role=_words(role))
        case ev.StepStarted(protocol=protocol, step=step, title=title, kind=kind):
            return _step(title if current().english or meeting is None
                         else _step_title(meeting, protocol, step), kind)
        case ev.StepEnded(protocol=protocol, step=step, outcome=outcome):
            return _("{step} ended: {outcome}.").format(
                step=_step_title(meeting, protocol, step), outcome=_words(outcome))
        case ev.ProtocolEnded(protocol=protocol, outcome=outcome) if outcome != "ended":
            return _("{protocol} ended: {outcome}.").format(
                protocol=_protocol_title(meeting, protocol), outcome=_words(outcome))
        case ev.FloorTaken(name=name, reason=reason):
            return _("{name} has the floor ({reason}).").format(
                name=name, reason=engine_words(reason, meeting))
        case ev.FloorEnded(counted=False):
            return None  # a pass: the Passed event says it
        case ev.FloorEnded(name=name, seconds=seconds):
            return _("{name} is done after {time}.").format(name=name, time=span(seconds))
        case ev.HandRaised(name=name, kind=kind):
            what = INTERJECTION_REASON.get(kind)
            if what:
                return _("{name} raised a hand for a {what}.").format(
                    name=name, what=engine_words(what))
            return _("{name} raised a hand.").format(name=name)
        case ev.PointRaised(name=name, stopped=stopped):
            if stopped:
                return _("{name} makes a point of process; {stopped}'s time stands "
                         "still.").format(name=name, stopped=stopped)
            return _("{name} makes a point of process.").format(name=name)
        case ev.HandLowered(name=name):
            return _("{name} lowered their hand.").format(name=name)
        case ev.Invited(name=name):
            return _("{name} is invited to speak next.").format(name=name)
        case ev.Passed(name=name):
            return _("{name} passed.").format(name=name)
        case ev.Proposed(text=text):
            return _("Proposal: {text}").format(text=text)
        case ev.StanceGiven(name=name):
            return _("{name} gave a stance.").format(name=name)
        case ev.BallotCast(name=name):
            return _("{name} voted in the secret ballot.").format(name=name)
        case ev.Suggested():
            return _("A suggestion went into the box.")
        case ev.TestEnded(tally=tally, outcome=outcome, attempt=attempt):
            counts = ", ".join(f"{_words(k)} {v}" for k, v in tally.items()) or \
                _("no stances")
            return _("The test ended {outcome}, attempt {attempt} ({counts}).").format(
                outcome=_words(outcome), attempt=attempt, counts=counts)
        case ev.Collected(name=name, field=field, value=value):
            return _("{name}'s {field}: {value}.").format(name=name, field=field, value=value)
        case ev.Noted(text=text, confidential=True):
            return _("Noted, and kept out of the minutes (a confidential step): {text}").format(
                text=text)
        case ev.DecisionRecorded(text=text):
            return _("Decision recorded: {text}").format(text=text or _("(no proposal)"))
        case ev.ActionRecorded(what=what, owner=owner, backup=backup):
            if backup:
                return _("Action recorded: {what}, owner {owner}, backup {backup}.").format(
                    what=what, owner=owner, backup=backup)
            return _("Action recorded: {what}, owner {owner}.").format(what=what, owner=owner)
        case ev.ShiftRecorded(name=name, what=what):
            return _("Shift recorded: {name}, {what}. Thank you.").format(name=name, what=what)
        case ev.AgreementRecorded(text=text):
            return _("Agreement recorded: {text}").format(text=text)
        case ev.Noted(text=text):
            return _("Noted: {text}").format(text=text)
        case ev.Extended(seconds=seconds):
            return _("Extended by {time}.").format(time=span(seconds))
        case ev.Resumed(seconds=seconds):
            return _("Resumed after {time}.").format(time=span(seconds))
        case ev.Chosen(option=option):
            return _("Chosen: {option}.").format(option=option)
        case ev.ItemStarted(title=title):
            return _("Agenda item: {title}.").format(title=title)
        case ev.ItemAdded(title=title):
            return _("Item added to the agenda: {title}.").format(title=title)
        case ev.ItemMoved(title=title, position=position):
            return _("Agenda item {title} is now number {position} of those to come.").format(
                title=title, position=position)
        case ev.ItemDeferred(title=title):
            return _("Item deferred to the next meeting: {title}.").format(title=title)
        case ev.Reviewed(id=item, result=result, to=to, text=text):
            what = f"{item} ({text})" if text else item
            said = _("handed to {name}").format(name=to) if to else \
                _(REVIEW_WORDS.get(result, _words(result)))
            return f"{what}: {said}."
        case ev.Interrupted(seconds=seconds):
            return _("Taken up again after {time} away; the timers stood still "
                     "meanwhile.").format(time=span(seconds))
        case ev.Reminder(text=text):
            return engine_words(text, meeting)
        case ev.StepWaiting(reason=reason):
            return engine_words(reason, meeting)

    return None


def sentences(events: Iterable[Event], meeting: Any = None) -> list[str]:
    """The sentences for a command's events, in order."""
    out: list[str] = []
    for event in events:
        text = sentence(event, meeting)
        if text:
            out.append(text)
    return out


def situation(meeting: Any, now: float) -> list[str]:
    """Where the meeting stands, in a few sentences (the plain conversation's `status`)."""
    from facilitator.ui import timing, view

    said = [view.where(meeting) + ".", view.prompt(meeting)]
    floor = timing.floor_timing(meeting, now)
    if meeting.floor is not None and floor is not None:
        if floor.limit:
            said.append(_("{name} has the floor, {time} of {limit}.").format(
                name=meeting.floor.name, time=span(floor.elapsed), limit=span(floor.limit)))
        else:
            said.append(_("{name} has the floor, {time}.").format(
                name=meeting.floor.name, time=span(floor.elapsed)))
    step = timing.step_timing(meeting, now)
    if step is not None and step.limit:
        said.append(_("The step has run {time} of {limit}.").format(
            time=span(step.elapsed), limit=span(step.limit)))
    for timed in (floor, step):
        if timed is not None and timed.warning:
            said.append(timed.warning)
    stack = view.stack(meeting)
    if stack:
        said.append(_("Next: {stack}.").format(
            stack="; ".join(f"{n} ({engine_words(why, meeting)})" for n, why in stack)))
    queue = view.round_queue(meeting)
    if queue:
        said.append(_("Still to speak in the round: {names}.").format(names=", ".join(queue)))
    board = view.stance_board(meeting)
    if board is not None:
        said.append(_("{given} of {expected} stances are in.").format(
            given=board.given, expected=board.expected))
        if not board.hidden:
            said += [f"{label}: {', '.join(names)}." for _k, label, _n, names in board.rows
                     if names]
    last = view.last_test(meeting)
    if last:
        said.append(last)
    present = [f"{r.name} ({r.pronouns})" if r.pronouns else r.name
               for r in view.people(meeting, now) if r.present]
    said.append(_("Present: {names}.").format(names=", ".join(present) or _("nobody")))

    hint = view.hint(meeting)
    if hint:
        said.append(hint)
    return said


def undoable(entries: Iterable[Any]) -> str:
    """What `undo` would take back now, in words ("" when nothing): the events of the
    last command that still stands, as the engine counts them (see `effective_events`)."""
    stack: list[Any] = []
    for entry in entries:
        command = entry.get("command")
        events = [ev.from_json(e) for e in entry.get("events", ())]
        if command == "interrupted":
            stack.clear()
        elif command == "tick":
            continue
        elif any(isinstance(e, ev.Undone) for e in events):
            if stack:
                stack.pop()
        else:
            stack.append(entry)
    if not stack:
        return ""
    said = sentences(ev.from_json(e) for e in stack[-1].get("events", ()))
    return " ".join(said) or f"`{stack[-1].get('command')}`"
