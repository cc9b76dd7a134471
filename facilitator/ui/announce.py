"""Events told as sentences, one per change, for the plain conversation and the status line.

Rules: one short sentence per event that a person in the room would notice; bookkeeping
events (Override, a protocol that ended because the meeting did) say nothing.
No textual here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from facilitator.engine.floor import INTERJECTION_REASON
from facilitator.ui.timing import span
from facilitator.ui.view import KIND_NAMES

Event = Mapping[str, Any]


def _words(key: str) -> str:
    return str(key).replace("_", " ").replace("-", " ")


def sentence(event: Event) -> str | None:
    """One sentence for one event, or None when there is nothing to say."""
    e = event
    kind = e["type"]
    simple = {
        "MeetingStarted": "The meeting has started.",
        "MeetingEnded": "The meeting has ended.",
        "Paused": "Paused: every timer stands still.",
        "Undone": "The last command is undone.",
    }
    if kind in simple:
        return simple[kind]
    if kind == "Joined":
        pronouns = f" ({e['pronouns']})" if e.get("pronouns") else ""
        return f"{e['name']}{pronouns} joined."
    if kind == "Left":
        return f"{e['name']} left."
    if kind == "RoleAssigned":
        return f"{e['name']} is {_words(e['role'])}."
    if kind == "StepStarted":
        return f"Step: {e['title']}, a {KIND_NAMES.get(e['kind'], e['kind'])}."
    if kind == "StepEnded":
        return f"{_words(e['step']).capitalize()} ended: {_words(e['outcome'])}."
    if kind == "ProtocolEnded" and e.get("outcome") != "ended":
        return f"The protocol {e['protocol']} ended: {_words(e['outcome'])}."
    if kind == "FloorTaken":
        return f"{e['name']} has the floor ({e['reason']})."
    if kind == "FloorEnded":
        if not e.get("counted", True):
            return None  # a pass: the Passed event says it
        return f"{e['name']} is done after {span(e['seconds'])}."
    if kind == "HandRaised":
        what = INTERJECTION_REASON.get(e["kind"])
        extra = f" for a {what}" if what else ""
        return f"{e['name']} raised a hand{extra}."
    if kind == "HandLowered":
        return f"{e['name']} lowered their hand."
    if kind == "Invited":
        return f"{e['name']} is invited to speak next."
    if kind == "Passed":
        return f"{e['name']} passed."
    if kind == "Proposed":
        return f"Proposal: {e['text']}"
    if kind == "StanceGiven":
        return f"{e['name']} gave a stance."
    if kind == "TestEnded":
        tally = ", ".join(f"{_words(k)} {v}" for k, v in e["tally"].items()) or "no stances"
        return f"The test ended {_words(e['outcome'])}, attempt {e['attempt']} ({tally})."
    if kind == "Collected":
        return f"{e['name']}'s {e['field']}: {e['value']}."
    if kind == "DecisionRecorded":
        return f"Decision recorded: {e.get('text') or '(no proposal)'}"
    if kind == "ActionRecorded":
        backup = f", backup {e['backup']}" if e.get("backup") else ""
        return f"Action recorded: {e['what']}, owner {e['owner']}{backup}."
    if kind == "ShiftRecorded":
        return f"Shift recorded: {e['name']}, {e['what']}. Thank you."
    if kind == "AgreementRecorded":
        return f"Agreement recorded: {e['text']}"
    if kind == "Noted":
        return f"Noted: {e['text']}"
    if kind == "Extended":
        return f"Extended by {span(e['seconds'])}."
    if kind == "Resumed":
        return f"Resumed after {span(e['seconds'])}."
    if kind == "Chosen":
        return f"Chosen: {e['option']}."
    if kind == "ItemStarted":
        return f"Agenda item: {e['title']}."
    if kind == "ItemAdded":
        return f"Item added to the agenda: {e['title']}."
    if kind == "ItemMoved":
        return f"Agenda item {e['title']} is now number {e['position']} of those to come."
    if kind == "ItemDeferred":
        return f"Item deferred to the next meeting: {e['title']}."
    if kind == "Reviewed":
        return f"{e['id']} reviewed: {_words(e['result'])}."
    if kind == "Interrupted":
        return (f"Taken up again after {span(e['seconds'])} away; the timers stood still "
                "meanwhile.")
    if kind in ("Reminder", "StepWaiting"):
        return str(e.get("text") or e.get("reason"))
    return None


def sentences(events: Iterable[Event]) -> list[str]:
    """The sentences for a command's events, in order."""
    out: list[str] = []
    for event in events:
        text = sentence(event)
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
