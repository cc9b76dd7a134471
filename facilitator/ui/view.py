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
from facilitator.i18n import N_, _, current
from facilitator.minutes.build import effective_events
from facilitator.ui.kinds import noun, role_title, view_of, words
from facilitator.ui.titles import title_of


def prompt(meeting: Meeting) -> str:
    if meeting.ended:
        return _("The meeting has ended.")
    if meeting.started_at is None:
        return _("Who is here? Join people, name the roles, then start.")
    run = meeting.run
    wanted = meeting.waiting_for_roles()
    if run is None and wanted is not None:
        said = meeting.waiting_for_roles(current()) or wanted  # the engine's, in words
        return said.replace("`", "")
    if run is None:
        return _("The protocol has ended. Add notes or records, or end the meeting.")
    if not run.step.prompt and run.step.type == "decision":  # a record step's own type
        return _("Advance records the decision: {proposal}").format(
            proposal=meeting.proposal or _("(no proposal)"))
    if run.step.prompt:
        return fill(meeting, current().text(run.step.prompt), t=current())
    return fill(meeting, _(view_of(run).prompt), t=current())


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
        return [OutlineLine(0, title_of(s), s.kind, "") for s in meeting.protocol.steps]

    lines: list[OutlineLine] = []
    for depth, frame in enumerate(meeting.frames):
        here = frame.run.index if frame.run else -1
        inner: list[OutlineLine] = []
        for index, step in enumerate(frame.protocol.steps):
            mark = "now" if index == here else ("done" if index in frame.trail else "")
            if mark == "done" and ended.get((frame.protocol.id, step.id)) == "skipped":
                mark = "skipped"
            inner.append(OutlineLine(depth, title_of(step), step.kind, mark))
        if depth == 0:
            lines = inner
        else:  # the inner protocol goes under the step that runs it
            at = max((i for i, line in enumerate(lines) if line.mark == "now"), default=-1)
            lines[at + 1:at + 1] = inner
    return lines


def where(meeting: Meeting) -> str:
    """Where we are, through nested protocols: 'Weekly meeting › Agenda › Paint the shed ›
    Test (step 2 of 5, test for agreement)'."""
    title = current().text(meeting.protocol.title)
    if meeting.frames and meeting.run is None and meeting.waiting_for_roles():
        item = current_item(meeting)
        if item:
            return _("{title} · item: {item} · waiting for roles").format(title=title,
                                                                          item=item)
        return _("{title} · waiting for roles").format(title=title)
    if not meeting.frames or meeting.run is None:
        state = _("ended") if meeting.ended or meeting.outcome else _("not started")
        return f"{title} · {state}"
    path = [title]
    for frame in meeting.frames:
        if frame.run is None:
            continue
        path.append(title_of(frame.run.step))
        agenda = agenda_of(frame.run)
        if agenda is not None and agenda.current is not None and frame is not meeting.frames[-1]:
            path.append(agenda.current.title)
    run = meeting.run
    steps = len(meeting.frames[-1].protocol.steps)
    return _("{path} (step {n} of {steps}, {kind})").format(
        path=" › ".join(path), n=run.index + 1, steps=steps, kind=noun(run.kind.noun))


def header(meeting: Meeting) -> str:
    """The top line: the meeting's title (unless it is the protocol's), where it is, PAUSED,
    CONFIDENTIAL."""
    title = meeting.setup.title if meeting.setup.title != meeting.protocol.title else ""
    paused = _("PAUSED") + " · " if meeting.paused_since is not None else ""  # never cut
    marks = " · " + _("CONFIDENTIAL: kept out of the minutes") if confidential(meeting) \
        else ""
    return paused + (f"{title} · {where(meeting)}" if title else where(meeting)) + marks


def confidential(meeting: Meeting) -> bool:
    """Whether what is said now stays out of the minutes (a confidential protocol or step)."""
    run = meeting.run
    return bool(run is not None and run.confidential)


# The roles the built-in library and every meeting know, by id, for the catalogs (a
# protocol's own role with a `title` is said in its own words).
ROLE_WORDS = (N_("facilitator"), N_("notetaker"), N_("timekeeper"), N_("vibeswatcher"),
              N_("presenter"), N_("proposer"), N_("host"), N_("mediator"))


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


def spoken(meeting: Meeting) -> float:
    """Everyone's airtime in finished turns (a running turn is added by who shows it)."""
    return sum(meeting.speech(n).airtime for n in meeting.seating)


def people_rows(meeting: Meeting, now: float) -> Iterator[PersonRow]:
    """Everyone who joined, in seating order, made one at a time: a panel that has room
    for twenty of three hundred makes twenty."""
    floor = meeting.floor
    live = meeting.active(now) - floor.since if floor else 0.0
    speaking = floor.name if floor else None
    total = spoken(meeting) + live or 1.0
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
        rows.append((option.key, current().text(option.label), len(names), names))
    outcome, _ = result(meeting, run)
    return StanceBoard(len(given), len(present), hidden, rows, outcome,
                       meeting.proposal or "")


def stance_keys(meeting: Meeting) -> list[str]:
    """In a test for agreement: each stance's key and what it is ("block: Block")."""
    run = meeting.run
    if run is None or stances_of(run) is None:
        return []
    return [f"{o.key}: {current().text(o.label)}" for o in scale_of(meeting, run).options]


def last_test(meeting: Meeting) -> str:
    test = meeting.last_test
    if not test:
        return ""
    tally = ", ".join(f"{words(k)} {v}" for k, v in test["tally"].items()) or _("none")
    return _("Last test: {outcome}, attempt {attempt} ({tally}).").format(
        outcome=words(test["outcome"]), attempt=test["attempt"], tally=tally)


def record_of(e: Event) -> str | None:
    """The line a record event shows as (decision, action, agreement, note, test); None
    for any other event."""
    match e:
        case DecisionRecorded():
            return _("Decision: {text}").format(text=e.text or _("(no proposal)"))
        case ActionRecorded():
            due = _(" by {due}").format(due=e.due) if e.due else ""
            backup = _(", backup {name}").format(name=e.backup) if e.backup else ""
            return _("Action: {what} ({owner}{due}{backup})").format(
                what=e.what, owner=e.owner, due=due, backup=backup)
        case ShiftRecorded():
            return _("Shift: {name}, {what}").format(name=e.name, what=e.what)
        case AgreementRecorded():
            parties = f" ({', '.join(e.parties)})" if e.parties else ""
            return _("Agreement: {text}{parties}").format(text=e.text, parties=parties)
        case Noted():
            return _("Note: {text}").format(text=e.text)
        case TestEnded():
            return _("Test: {outcome}, attempt {attempt}").format(

                outcome=words(e.outcome), attempt=e.attempt)
    return None


def records(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    """The records taken so far (decisions, actions, agreements, notes), undo respected."""
    return [r for r in map(record_of, effective_events(entries)) if r is not None]


def hint(meeting: Meeting) -> str:
    """What to do next, when the work of the step is complete or nothing can move."""
    if meeting.ended:
        return ""
    if meeting.paused_since is not None:
        return _("Paused: every timer stands still. Resume when the group is back.")
    if meeting.started_at is None:
        missing = [r for r in meeting.protocol.roles if not meeting.holders(r)]
        if not meeting.present:
            return _("Nobody has joined yet: join people by name.")
        if missing:
            if current().english:
                return "Name the " + ", ".join(missing) + " before starting."
            return _("Name the {roles} before starting.").format(
                roles=", ".join(role_title(meeting, r) for r in missing))
        return _("Ready: start the meeting when everyone is here.")

    run = meeting.run
    if run is None:
        return ""  # the prompt says it
    return view_of(run).hint(meeting, run)
