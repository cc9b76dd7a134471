"""Events -> the minutes (the JSON shape of the protocol language), one pass, no engine.

Rules:
- Input: the journal's header setup and its entries (`{"at", "command", "events"}`).
- An `undo` takes back the events of the command it undid, as the engine does.
- Events marked `confidential` never reach the minutes (records made public are not
  marked); events marked `private` neither. Attendance, timing and airtime always count.
  A step (or agenda item) in which anything confidential was said is marked
  `confidential` and loses its outcome.
- Times are seconds from the start of the meeting (`start`; before it, from opening).
- What was given in confidence stays there even when it is used later in the open: a
  proposal made in a confidential step is tested and recorded under HIDDEN_PROPOSAL, an
  agenda item added in one runs and is deferred under HIDDEN_ITEM (also in the group's
  memory and the next meeting), and an override given in one keeps only its command word.
  What is said again in the open is no longer hidden.
- A test on a proposal whose last test was unsuccessful `follows` that test; when it is
  held in another decide step (another scale or rule), it is the `fallback`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from facilitator.engine.events import (
    ActionRecorded,
    AgreementRecorded,
    Collected,
    DecisionRecorded,
    Event,
    FloorEnded,
    Interrupted,
    ItemAdded,
    ItemDeferred,
    ItemStarted,
    Joined,
    Left,
    MeetingEnded,
    MeetingStarted,
    Noted,
    Override,
    Passed,
    PointRaised,
    Proposed,
    ProtocolEnded,
    Reviewed,
    RoleAssigned,
    ShiftRecorded,
    StepEnded,
    StepStarted,
    Suggested,
    TestEnded,
    Undone,
    from_json,
)
from facilitator.minutes.fairness import MEASURE, evenness
from facilitator.protocols.values import format_duration

MINUTES_VERSION = 1
HIDDEN_PROPOSAL = "(a proposal made in confidence)"
HIDDEN_ITEM = "(an agenda item added in confidence)"


class Standing:
    """The events that still stand, kept up to date as entries arrive (`add`), each turned
    into what the reader keeps by `keep` (None: left out).

    As in the engine: an undo takes back the last command, with what the clock did after
    it (the timeboxes that ran out fire again in the undo's own entry); the clock's own
    entries are not commands; nothing is taken back across an interruption, nor further
    back than `reach` commands (the engine's UNDO_LIMIT, for a reader that keeps up with
    a live meeting: the work per entry is then the same in hour 1 and hour 8).
    """

    def __init__(self, keep: Callable[[Event], Any] = lambda e: e,
                 reach: int | None = None) -> None:
        self._keep = keep
        self._reach = reach
        self._stack: list[list[Any]] = []  # one per command an undo could still take back
        self._kept: list[Any] = []  # what no undo can take back (and the record of each undo)
        self._in_stack = 0

    def _kept_of(self, events: Iterable[Event]) -> list[Any]:
        return [k for k in map(self._keep, events) if k is not None]

    def _onto_top(self, items: list[Any]) -> None:
        if self._stack:
            self._stack[-1].extend(items)
            self._in_stack += len(items)
        else:
            self._kept.extend(items)

    def add(self, entry: Mapping[str, Any]) -> None:
        events = [from_json(e) for e in entry.get("events", ())]
        command = entry.get("command")
        if command == "interrupted":
            for chunk in self._stack:
                self._kept.extend(chunk)
            self._stack.clear()
            self._in_stack = 0
            self._kept.extend(self._kept_of(events))
        elif command == "tick":
            self._onto_top(self._kept_of(events))
        elif any(isinstance(e, Undone) for e in events):
            if self._stack:
                self._in_stack -= len(self._stack.pop())
            self._kept.extend(self._kept_of(e for e in events if isinstance(e, Override)))
            self._onto_top(self._kept_of(
                e for e in events if not isinstance(e, Override | Undone)))
        else:
            chunk = self._kept_of(events)
            self._stack.append(chunk)
            self._in_stack += len(chunk)
            if self._reach is not None and len(self._stack) > self._reach:
                # beyond undo's reach: it stands for good
                oldest = self._stack.pop(0)
                self._in_stack -= len(oldest)
                self._kept.extend(oldest)

    def __len__(self) -> int:
        return len(self._kept) + self._in_stack

    def items(self) -> list[Any]:
        """Everything that stands, in the order it was kept (the undo records first)."""
        return self._kept + [item for chunk in self._stack for item in chunk]

    def last(self, count: int) -> list[Any]:
        """The last `count` items of `items()`, without going through the rest."""
        out: list[Any] = []
        for chunk in reversed(self._stack):
            out[:0] = chunk[-(count - len(out)):] if len(out) < count else []
            if len(out) >= count:
                return out
        need = count - len(out)
        return (self._kept[-need:] if need else []) + out


def effective_events(entries: Iterable[Mapping[str, Any]]) -> list[Event]:
    """The events that still stand once every undo has taken back its command (`Standing`),
    in the order of their time."""
    standing = Standing()
    for entry in entries:
        standing.add(entry)
    merged: list[Event] = standing.items()
    merged.sort(key=lambda e: e.at)  # stable: same-time events keep their order
    return merged


def _follows(before: dict[str, Any] | None, decision: dict[str, Any]) -> dict[str, Any]:
    """Which unsuccessful test on the same proposal this one comes after, if any."""
    if before is None or before["outcome"] == "passed":
        return {"follows": None, "fallback": False}
    return {"follows": {"step": before["step"], "title": before["title"],
                        "attempt": before["attempt"], "outcome": before["outcome"]},
            "fallback": before["step"] != decision["step"]}


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat().replace("+00:00", "Z")


def build_minutes(setup: Mapping[str, Any], entries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    events = effective_events(entries)
    created = float(setup["created_at"])
    start = next((e.at for e in events if isinstance(e, MeetingStarted)), created)
    end = next((e.at for e in events if isinstance(e, MeetingEnded)), None)

    def rel(ts: float) -> float:
        return round(max(0.0, ts - start), 3)

    people: dict[str, dict[str, Any]] = {}
    roles: dict[str, list[str]] = {}
    steps: list[dict[str, Any]] = []
    open_steps: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    by_index: dict[int, dict[str, Any]] = {}
    last_test: dict[str | None, dict[str, Any]] = {}  # proposal -> its latest test
    all_tests: dict[int, TestEnded] = {}
    actions, agreements, notes, overrides = [], [], [], []
    collected: list[dict[str, Any]] = []
    suggestions: list[str] = []  # the anonymous box, for the group's next process review
    role_titles: dict[str, str] = {}  # a role's name for people, where its protocol gives one
    deferred: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    shifts: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    airtime: dict[str, dict[str, Any]] = {}
    secret_proposals: set[str] = set()  # proposed in confidence, not said in the open since
    secret_items: set[str] = set()
    closed: set[int] = set()  # ids of the step entries that started confidential

    def proposal(text: Any) -> Any:
        return HIDDEN_PROPOSAL if text in secret_proposals else text

    def item_title(text: Any) -> Any:
        return HIDDEN_ITEM if text in secret_items else text

    for e in events:
        if isinstance(e, TestEnded):
            all_tests[e.index] = e
        if isinstance(e, Override):
            command = e.command
            if open_steps and id(open_steps[-1]) in closed and " " in command.strip():
                # `invite NAME` in a closed step: that it happened is not confidential,
                # whom it named is.
                command = f"{command.split()[0]} (in confidence)"
            overrides.append({"command": command, "at_s": rel(e.at)})
        if isinstance(e, Proposed) and e.confidential:
            secret_proposals.add(e.text)
        elif isinstance(e, Proposed):
            secret_proposals.discard(e.text)
        if isinstance(e, ItemAdded) and e.confidential:
            secret_items.add(e.title)
        elif isinstance(e, ItemAdded):
            secret_items.discard(e.title)
        if e.confidential:
            # Something was said in confidence: the steps around it keep their timing
            # but not their outcome, which would tell what was decided or chosen.
            for entry in open_steps:
                entry["confidential"] = True
            if items and items[-1]["outcome"] is None:
                items[-1]["confidential"] = True
            continue
        match e:
            case Passed(private=True) | Collected(private=True):
                pass  # a private round's answers and passes stay out
            case Joined(name=name, pronouns=pronouns):
                person = people.setdefault(name, {"name": name, "pronouns": pronouns,
                                                  "joined_s": rel(e.at), "left_s": None})
                person["pronouns"] = pronouns or person["pronouns"]
                person["left_s"] = None
                airtime.setdefault(name, {"name": name, "seconds": 0.0, "turns": 0})
            case Left(name=name):
                people[name]["left_s"] = rel(e.at)
            case RoleAssigned(role=role, name=name, title=title):
                if title:
                    role_titles[role] = title
                roles.setdefault(role, [])
                if name not in roles[role]:
                    roles[role].append(name)
            case StepStarted():
                entry = {"protocol": e.protocol, "step": e.step, "kind": e.kind,
                         "title": e.title, "depth": e.depth,
                         "started_s": rel(e.at), "duration_s": None, "outcome": None,
                         "overrun_s": 0.0, "confidential": e.closed}
                steps.append(entry)
                open_steps.append(entry)
                if e.closed:
                    closed.add(id(entry))
            case StepEnded():
                for entry in reversed(open_steps):
                    if entry["step"] == e.step and entry["protocol"] == e.protocol:
                        outcome = None if entry["confidential"] else e.outcome
                        entry.update(duration_s=e.duration_s, outcome=outcome,
                                     overrun_s=e.overrun_s)
                        open_steps.remove(entry)
                        break
            case FloorEnded(name=name):
                row = airtime.setdefault(name, {"name": name, "seconds": 0.0, "turns": 0})
                row["seconds"] = round(row["seconds"] + e.seconds, 3)
                row["turns"] += 1 if e.counted else 0
            case TestEnded():
                decision: dict[str, Any] = {
                    "step": e.step, "proposal": proposal(e.proposal), "outcome": e.outcome,
                    "attempt": e.attempt, "tally": e.tally, "stances": e.stances,
                    "scale": e.scale, "rule": e.rule,
                    "title": open_steps[-1]["title"] if open_steps else e.step,
                    "recorded": False}
                if e.secret:  # the count and who took part, never who chose what
                    decision.update(secret=True, voters=list(e.voters))
                decision.update(_follows(last_test.get(decision["proposal"]), decision))
                last_test[decision["proposal"]] = decision
                decisions.append(decision)
                by_index[e.index] = decision
            case DecisionRecorded(test=test):
                if test is not None and test in by_index:
                    by_index[test]["recorded"] = True
                    if e.review_on:
                        by_index[test]["review_on"] = e.review_on
                else:
                    outcome = all_tests[test].outcome if test in all_tests else "recorded"
                    decisions.append({"step": e.step, "proposal": proposal(e.text),
                                      "outcome": e.outcome or outcome, "attempt": None,
                                      "tally": {}, "stances": [], "title": None,
                                      "recorded": True, "scale": None, "rule": None,
                                      "follows": None, "fallback": False,
                                      **({"review_on": e.review_on} if e.review_on else {})})
            case ActionRecorded():
                backup = {"backup": e.backup} if e.backup else {}  # as minutes were before
                actions.append({"what": e.what, "owner": e.owner, "due": e.due, **backup})
            case ShiftRecorded():
                shifts.append({"name": e.name, "what": e.what})
            case AgreementRecorded():
                agreements.append({"text": e.text, "parties": list(e.parties),
                                   "review_on": e.review_on})
            case Noted():
                notes.append({"text": e.text, "at_s": rel(e.at)})
            case PointRaised(name=name, stopped=stopped):
                held = (f"; {stopped}'s time stood still while it was heard, then "
                        f"{stopped} went on" if stopped else "")
                notes.append({"text": f"Point of process: {name}{held}.", "at_s": rel(e.at)})
            case Suggested():  # the anonymous box: no name was ever given with it
                notes.append({"text": f"Suggestion box: {e.text}", "at_s": rel(e.at)})
                suggestions.append(e.text)
            case Interrupted():
                notes.append({"text": f"The meeting stopped for {format_duration(e.seconds)} "
                              "(the facilitator's computer was off); timers stood still.",
                              "at_s": rel(e.since)})
            case Collected():
                collected.append({"name": e.name, "field": e.field, "value": e.value})
            case ItemStarted():
                items.append({"title": item_title(e.title), "protocol": e.protocol,
                              "owner": e.owner, "outcome": None, "confidential": False})
            case ProtocolEnded():
                item = items[-1] if items else None
                if item and item["outcome"] is None and item["protocol"] == e.protocol:
                    item["outcome"] = "confidential" if item["confidential"] else e.outcome
            case ItemDeferred():
                deferred.append({"title": item_title(e.title), "protocol": e.protocol})
                if items and items[-1]["title"] == item_title(e.title):
                    items[-1]["outcome"] = "deferred"
            case Reviewed():
                # `id` names the item for good (journals written before stable ids have
                # only the label); `label` is what was typed.
                reviews.append({"id": e.ref or e.id, "label": e.id, "result": e.result,
                                "to": e.to, "text": e.text})
    guests = next((e.guests for e in events if isinstance(e, MeetingStarted)), False)
    if guests:
        # Guests are not members: no names, no airtime, no times to match to a speaker.
        members = {n for names in roles.values() for n in names}
        people = {n: p for n, p in people.items() if n in members}
        airtime = {n: r for n, r in airtime.items() if n in members}
        notes = [{**n, "at_s": None} for n in notes]
    total = sum(r["seconds"] for r in airtime.values())
    shares = [{**r, "share": round(r["seconds"] / total, 4) if total else 0.0}
              for r in airtime.values()]
    return {
        "version": MINUTES_VERSION,
        "meeting": {
            "id": setup["meeting_id"], "title": setup.get("title", ""),
            "protocol": setup["protocol"], "started_at": iso(start), "ended_at": iso(end),
            "duration_s": round(end - start, 3) if end is not None else None,
        },
        "attendance": list(people.values()),
        "roles": {role: ", ".join(names) for role, names in roles.items()},
        "steps": steps,
        "decisions": decisions,
        "actions": actions,
        "agreements": agreements,
        "notes": notes,
        "collected": collected,
        "airtime": shares,
        "evenness": evenness([r["seconds"] for r in shares]),
        "evenness_measure": MEASURE,
        "overrides": overrides,
        "items": items,
        "deferred": deferred,
        "reviews": reviews,
        # Only when some were recorded: minutes of meetings without shifts stay as they were.
        **({"shifts": shifts} if shifts else {}),
        # Only when the box got something, so minutes from before the box read the same.
        **({"suggestions": suggestions} if suggestions else {}),
        **({"role_titles": role_titles} if role_titles else {}),
    }
