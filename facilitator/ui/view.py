"""What the screens show, read from a meeting: plain data and sentences, no textual.

Rules:
- Pure functions of a `Meeting` (and `now`, epoch seconds); nothing here changes state.
- Shared by the full-screen app, the projector display and the plain conversation, so all
  three say the same thing in the same words.
- Nothing is told by colour alone: every warning is a sentence, every mark has a word.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from facilitator.engine.events import (
    ActionRecorded,
    AgreementRecorded,
    DecisionRecorded,
    Event,
    Noted,
    ShiftRecorded,
    StepEnded,
    TestEnded,
)
from facilitator.engine.placeholders import current_item, fill
from facilitator.engine.state import Meeting
from facilitator.engine.steps.agenda import agenda_of
from facilitator.engine.steps.decide import result, scale_of, stances_of
from facilitator.engine.steps.discussion import ordered_stack
from facilitator.engine.steps.round import round_of, still_to_speak
from facilitator.minutes.build import effective_events
from facilitator.ui.kinds import view_of, words


def prompt(meeting: Meeting) -> str:
    if meeting.ended:
        return "The meeting has ended."
    if meeting.started_at is None:
        return "Who is here? Join people, name the roles, then start."
    run = meeting.run
    wanted = meeting.waiting_for_roles()
    if run is None and wanted is not None:
        return wanted.replace("`", "")
    if run is None:
        return "The protocol has ended. Add notes or records, or end the meeting."
    if not run.step.prompt and run.step.type == "decision":  # a record step's own type
        return f"Advance records the decision: {meeting.proposal or '(no proposal)'}"
    return fill(meeting, run.step.prompt or view_of(run).prompt)


class OutlineLine(NamedTuple):
    depth: int
    title: str
    kind: str
    mark: str  # "now", "done" or ""


def step_outcomes(entries: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    """How each step last ended, by (protocol, step), undo respected."""
    return {(e.protocol, e.step): e.outcome for e in effective_events(entries)
            if isinstance(e, StepEnded)}


def outline(meeting: Meeting,
            ended: Mapping[tuple[str, str], str] | None = None) -> list[OutlineLine]:
    """Every running protocol's steps, the current one marked `now`, visited ones `done`
    (or `skipped`, when `ended` says the step last ended so)."""
    ended = ended or {}
    if not meeting.frames:
        return [OutlineLine(0, s.display_title, s.kind, "") for s in meeting.protocol.steps]
    lines: list[OutlineLine] = []
    for depth, frame in enumerate(meeting.frames):
        here = frame.run.index if frame.run else -1
        inner: list[OutlineLine] = []
        for index, step in enumerate(frame.protocol.steps):
            mark = "now" if index == here else ("done" if index in frame.trail else "")
            if mark == "done" and ended.get((frame.protocol.id, step.id)) == "skipped":
                mark = "skipped"
            inner.append(OutlineLine(depth, step.display_title, step.kind, mark))
        if depth == 0:
            lines = inner
        else:  # the inner protocol goes under the step that runs it
            at = max((i for i, line in enumerate(lines) if line.mark == "now"), default=-1)
            lines[at + 1:at + 1] = inner
    return lines


def where(meeting: Meeting) -> str:
    """Where we are, through nested protocols: 'Weekly meeting › Agenda › Paint the shed ›
    Test (step 2 of 5, test for agreement)'."""
    title = meeting.protocol.title
    if meeting.frames and meeting.run is None and meeting.waiting_for_roles():
        item = current_item(meeting)
        return f"{title}{f' · item: {item}' if item else ''} · waiting for roles"
    if not meeting.frames or meeting.run is None:
        state = "ended" if meeting.ended or meeting.outcome else "not started"
        return f"{title} · {state}"
    path = [title]
    for frame in meeting.frames:
        if frame.run is None:
            continue
        path.append(frame.run.step.display_title)
        agenda = agenda_of(frame.run)
        if agenda is not None and agenda.current is not None and frame is not meeting.frames[-1]:
            path.append(agenda.current.title)
    run = meeting.run
    steps = len(meeting.frames[-1].protocol.steps)
    return f"{' › '.join(path)} (step {run.index + 1} of {steps}, {run.kind.noun})"


def header(meeting: Meeting) -> str:
    """The top line: the meeting's title (unless it is the protocol's), where it is, PAUSED,
    CONFIDENTIAL."""
    title = meeting.setup.title if meeting.setup.title != meeting.protocol.title else ""
    paused = "PAUSED · " if meeting.paused_since is not None else ""  # first: never cut
    marks = " · CONFIDENTIAL: kept out of the minutes" if confidential(meeting) else ""
    return paused + (f"{title} · {where(meeting)}" if title else where(meeting)) + marks


def confidential(meeting: Meeting) -> bool:
    """Whether what is said now stays out of the minutes (a confidential protocol or step)."""
    run = meeting.run
    return bool(run is not None and run.confidential)


def role_title(meeting: Meeting, role: str) -> str:
    """A role's name for people: its `title` in any running protocol, else its id in words."""
    for protocol in [meeting.protocol, *(f.protocol for f in meeting.frames)]:
        if role in protocol.roles:
            return protocol.roles[role].display_title
    return role.replace("_", " ").replace("-", " ")


def stack(meeting: Meeting, limit: int | None = None) -> list[tuple[str, str]]:
    """Who speaks next, in order, each with the reason they stand there (the first
    `limit` of them, when given)."""
    run = meeting.run
    if run is None:
        return []
    return [(hand.name, reason) for hand, reason in ordered_stack(meeting, run, limit)]


def round_queue(meeting: Meeting) -> list[str]:
    """In a round: who is still to speak, in order."""
    state = round_of(meeting.run)
    return still_to_speak(meeting, state) if state is not None else []


class PersonRow(NamedTuple):
    name: str
    pronouns: str
    roles: tuple[str, ...]
    turns: int
    airtime: float
    share: float  # of all airtime so far, 0..1
    present: bool
    speaking: bool


def people(meeting: Meeting, now: float) -> list[PersonRow]:
    return list(people_rows(meeting, now))


def people_rows(meeting: Meeting, now: float) -> Iterator[PersonRow]:
    """Everyone who joined, in seating order, made one at a time: a panel that has room
    for twenty of three hundred makes twenty."""
    floor = meeting.floor
    live = meeting.active(now) - floor.since if floor else 0.0
    speaking = floor.name if floor else None
    total = sum(meeting.speech(n).airtime for n in meeting.seating) + live or 1.0
    holding: dict[str, list[str]] = {}
    for role, holders in meeting.roles.items():
        for holder in holders:
            holding.setdefault(holder, []).append(role)
    for name in meeting.seating:
        person = meeting.people[name]
        speech = meeting.speech(name)
        airtime = speech.airtime + (live if name == speaking else 0.0)
        yield PersonRow(name, person.pronouns, tuple(holding.get(name, ())), speech.turns,
                        airtime, airtime / total, person.present, name == speaking)


class StanceBoard(NamedTuple):
    given: int
    expected: int
    hidden: bool  # `reveal: together` and not all in yet
    rows: list[tuple[str, str, int, list[str]]]  # key, label, count, names (with reasons)
    outcome: str  # what `advance` would give now
    proposal: str


def stance_board(meeting: Meeting) -> StanceBoard | None:
    run = meeting.run
    state = stances_of(run)
    if run is None or state is None:
        return None
    scale = scale_of(meeting, run)
    present = meeting.present
    given = {n: s for n, s in state.stances.items() if n in present}
    hidden = run.step.reveal == "together" and len(given) < len(present)
    if run.step.ballot == "secret":  # only who took part, ever; the count comes at the end
        hidden = True
        given = {n: ("", None) for n in given}
    rows = []
    for option in scale.options:
        names = [n + (f": {reason}" if reason else "")
                 for n, (key, reason) in given.items() if key == option.key]
        rows.append((option.key, option.label, len(names), names))
    outcome, _ = result(meeting, run)
    return StanceBoard(len(given), len(present), hidden, rows, outcome,
                       meeting.proposal or "")


def stance_keys(meeting: Meeting) -> list[str]:
    """In a test for agreement: each stance's key and what it is ("block: Block")."""
    run = meeting.run
    if run is None or stances_of(run) is None:
        return []
    return [f"{o.key}: {o.label}" for o in scale_of(meeting, run).options]


def last_test(meeting: Meeting) -> str:
    test = meeting.last_test
    if not test:
        return ""
    tally = ", ".join(f"{words(k)} {v}" for k, v in test["tally"].items()) or "none"
    return (f"Last test: {words(test['outcome'])}, attempt {test['attempt']} "
            f"({tally}).")


def record_of(e: Event) -> str | None:
    """The line a record event shows as (decision, action, agreement, note, test); None
    for any other event."""
    match e:
        case DecisionRecorded():
            return f"Decision: {e.text or '(no proposal)'}"
        case ActionRecorded():
            due = f" by {e.due}" if e.due else ""
            backup = f", backup {e.backup}" if e.backup else ""
            return f"Action: {e.what} ({e.owner}{due}{backup})"
        case ShiftRecorded():
            return f"Shift: {e.name}, {e.what}"
        case AgreementRecorded():
            parties = f" ({', '.join(e.parties)})" if e.parties else ""
            return f"Agreement: {e.text}{parties}"
        case Noted():
            return f"Note: {e.text}"
        case TestEnded():
            return f"Test: {words(e.outcome)}, attempt {e.attempt}"
    return None


def records(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    """The records taken so far (decisions, actions, agreements, notes), undo respected."""
    return [r for r in map(record_of, effective_events(entries)) if r is not None]


def hint(meeting: Meeting) -> str:
    """What to do next, when the work of the step is complete or nothing can move."""
    if meeting.ended:
        return ""
    if meeting.paused_since is not None:
        return "Paused: every timer stands still. Resume when the group is back."
    if meeting.started_at is None:
        missing = [r for r in meeting.protocol.roles if not meeting.holders(r)]
        if not meeting.present:
            return "Nobody has joined yet: join people by name."
        if missing:
            return "Name the " + ", ".join(missing) + " before starting."
        return "Ready: start the meeting when everyone is here."
    run = meeting.run
    if run is None:
        return ""  # the prompt says it
    return view_of(run).hint(meeting, run)
