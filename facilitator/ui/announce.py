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
from facilitator.ui.kinds import REVIEW_WORDS, words
from facilitator.ui.timing import span


def _words(key: str) -> str:
    return words(key)


def _step_title(meeting: Any, protocol: str, step: str) -> str:
    found = meeting.library.protocol(protocol) if meeting is not None else None
    at = found.step(step) if found is not None else None
    return at.display_title if at is not None else _words(step).capitalize()


def _protocol_title(meeting: Any, protocol: str) -> str:
    found = meeting.library.protocol(protocol) if meeting is not None else None
    return found.title if found is not None else protocol


def _noun(kind: str) -> str:
    return KINDS[kind].noun if kind in KINDS else kind


def sentence(event: Event, meeting: Any = None) -> str | None:
    """One sentence for one event, or None when there is nothing to say. With the meeting,
    steps, protocols and roles are named by their titles."""
    match event:
        case ev.MeetingStarted():
            return "The meeting has started."
        case ev.MeetingEnded():
            return "The meeting has ended."
        case ev.Paused():
            return "Paused: every timer stands still."
        case ev.Undone():
            return "The last command is undone."
        case ev.Joined(name=name, pronouns=pronouns):
            return f"{name}{f' ({pronouns})' if pronouns else ''} joined."
        case ev.Left(name=name):
            return f"{name} left."
        case ev.RoleAssigned(role=role, name=name):
            if meeting is not None:
                from facilitator.ui.view import role_title

                return f"{name} is {role_title(meeting, role)}."
            return f"{name} is {_words(role)}."
        case ev.StepStarted(title=title, kind=kind):
            noun = _noun(kind)
            return f"Step: {title}, {'an' if noun[0] in 'aeiou' else 'a'} {noun}."
        case ev.StepEnded(protocol=protocol, step=step, outcome=outcome):
            return f"{_step_title(meeting, protocol, step)} ended: {_words(outcome)}."
        case ev.ProtocolEnded(protocol=protocol, outcome=outcome) if outcome != "ended":
            return f"{_protocol_title(meeting, protocol)} ended: {_words(outcome)}."
        case ev.FloorTaken(name=name, reason=reason):
            return f"{name} has the floor ({reason})."
        case ev.FloorEnded(counted=False):
            return None  # a pass: the Passed event says it
        case ev.FloorEnded(name=name, seconds=seconds):
            return f"{name} is done after {span(seconds)}."
        case ev.HandRaised(name=name, kind=kind):
            what = INTERJECTION_REASON.get(kind)
            return f"{name} raised a hand{f' for a {what}' if what else ''}."
        case ev.PointRaised(name=name, stopped=stopped):
            held = f"; {stopped}'s time stands still" if stopped else ""
            return f"{name} makes a point of process{held}."
        case ev.HandLowered(name=name):
            return f"{name} lowered their hand."
        case ev.Invited(name=name):
            return f"{name} is invited to speak next."
        case ev.Passed(name=name):
            return f"{name} passed."
        case ev.Proposed(text=text):
            return f"Proposal: {text}"
        case ev.StanceGiven(name=name):
            return f"{name} gave a stance."
        case ev.BallotCast(name=name):
            return f"{name} voted in the secret ballot."
        case ev.Suggested():
            return "A suggestion went into the box."
        case ev.TestEnded(tally=tally, outcome=outcome, attempt=attempt):
            counts = ", ".join(f"{_words(k)} {v}" for k, v in tally.items()) or "no stances"
            return f"The test ended {_words(outcome)}, attempt {attempt} ({counts})."
        case ev.Collected(name=name, field=field, value=value):
            return f"{name}'s {field}: {value}."
        case ev.Noted(text=text, confidential=True):
            return f"Noted, and kept out of the minutes (a confidential step): {text}"
        case ev.DecisionRecorded(text=text):
            return f"Decision recorded: {text or '(no proposal)'}"
        case ev.ActionRecorded(what=what, owner=owner, backup=backup):
            also = f", backup {backup}" if backup else ""
            return f"Action recorded: {what}, owner {owner}{also}."
        case ev.ShiftRecorded(name=name, what=what):
            return f"Shift recorded: {name}, {what}. Thank you."
        case ev.AgreementRecorded(text=text):
            return f"Agreement recorded: {text}"
        case ev.Noted(text=text):
            return f"Noted: {text}"
        case ev.Extended(seconds=seconds):
            return f"Extended by {span(seconds)}."
        case ev.Resumed(seconds=seconds):
            return f"Resumed after {span(seconds)}."
        case ev.Chosen(option=option):
            return f"Chosen: {option}."
        case ev.ItemStarted(title=title):
            return f"Agenda item: {title}."
        case ev.ItemAdded(title=title):
            return f"Item added to the agenda: {title}."
        case ev.ItemMoved(title=title, position=position):
            return f"Agenda item {title} is now number {position} of those to come."
        case ev.ItemDeferred(title=title):
            return f"Item deferred to the next meeting: {title}."
        case ev.Reviewed(id=item, result=result, to=to, text=text):
            what = f"{item} ({text})" if text else item
            said = f"handed to {to}" if to else REVIEW_WORDS.get(result, _words(result))
            return f"{what}: {said}."
        case ev.Interrupted(seconds=seconds):
            return (f"Taken up again after {span(seconds)} away; the timers stood still "
                    "meanwhile.")
        case ev.Reminder(text=text):
            return text
        case ev.StepWaiting(reason=reason):
            return reason
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
        limit = f" of {span(floor.limit)}" if floor.limit else ""
        said.append(f"{meeting.floor.name} has the floor, {span(floor.elapsed)}{limit}.")
    step = timing.step_timing(meeting, now)
    if step is not None and step.limit:
        said.append(f"The step has run {span(step.elapsed)} of {span(step.limit)}.")
    for timed in (floor, step):
        if timed is not None and timed.warning:
            said.append(timed.warning)
    stack = view.stack(meeting)
    if stack:
        said.append("Next: " + "; ".join(f"{n} ({why})" for n, why in stack) + ".")
    queue = view.round_queue(meeting)
    if queue:
        said.append("Still to speak in the round: " + ", ".join(queue) + ".")
    board = view.stance_board(meeting)
    if board is not None:
        said.append(f"{board.given} of {board.expected} stances are in.")
        if not board.hidden:
            said += [f"{label}: {', '.join(names)}." for _, label, _, names in board.rows
                     if names]
    last = view.last_test(meeting)
    if last:
        said.append(last)
    present = [f"{r.name} ({r.pronouns})" if r.pronouns else r.name
               for r in view.people(meeting, now) if r.present]
    said.append("Present: " + (", ".join(present) or "nobody") + ".")
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
