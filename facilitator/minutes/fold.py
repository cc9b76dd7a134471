"""Events -> the minutes (the JSON shape of the protocol language), folded one event at a
time: `add` each journal entry, then `minutes()`. No engine.

Rules:
- Input: the journal's header setup and its entries (`{"at", "command", "events"}`).
- An `undo` takes back the events of the command it undid, as the engine does; the events
  that stand are read in the order of their time (`minutes.settle.Settled`).
- Events marked `confidential` never reach the minutes (records made public are not
  marked); events marked `private` neither. Attendance, timing and airtime always count.
  A step (or agenda item) in which anything confidential was said is marked
  `confidential` and loses its outcome.
- Times are seconds from the start of the meeting (`start`; before it, from opening): the
  fold keeps the times themselves and counts from the start at the end.
- What was given in confidence stays there even when it is used later in the open: a
  proposal made in a confidential step is tested and recorded under HIDDEN_PROPOSAL, an
  agenda item added in one runs and is deferred under HIDDEN_ITEM (also in the group's
  memory and the next meeting), and an override given in one keeps only its command word.
  What is said again in the open is no longer hidden.
- A test on a proposal whose last test was unsuccessful `follows` that test; when it is
  held in another decide step (another scale or rule), it is the `fallback`.
- Memory: the fold keeps what the minutes print (steps, decisions, notes...) and a row
  per person, never the events themselves, so a long meeting costs what its minutes say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
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
)
from facilitator.minutes.fairness import MEASURE, evenness
from facilitator.minutes.settle import Settled
from facilitator.protocols.values import format_duration

MINUTES_VERSION = 1
HIDDEN_PROPOSAL = "(a proposal made in confidence)"
HIDDEN_ITEM = "(an agenda item added in confidence)"


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat().replace("+00:00", "Z")


def _follows(before: dict[str, Any] | None, decision: dict[str, Any]) -> dict[str, Any]:
    """Which unsuccessful test on the same proposal this one comes after, if any."""
    if before is None or before["outcome"] == "passed":
        return {"follows": None, "fallback": False}
    return {"follows": {"step": before["step"], "title": before["title"],
                        "attempt": before["attempt"], "outcome": before["outcome"]},
            "fallback": before["step"] != decision["step"]}


class MinutesFold:
    """The minutes of a meeting, built as its journal entries arrive (`add`), read at any
    time with `minutes()` (which ends the reading: call it once). `hold=True` keeps every
    event until the end and sorts them then, the way the minutes were first built
    (`build_minutes` reads a journal so when its times break the engine's rules)."""

    def __init__(self, setup: Mapping[str, Any], *, hold: bool = False) -> None:
        self.setup = setup
        self.settled = Settled(self._take, hold=hold)
        self.start: float | None = None  # the first MeetingStarted
        self.end: float | None = None  # the first MeetingEnded
        self.guests = False
        self.people: dict[str, dict[str, Any]] = {}
        self.roles: dict[str, list[str]] = {}
        self.steps: list[dict[str, Any]] = []
        self.open_steps: list[dict[str, Any]] = []
        self.decisions: list[dict[str, Any]] = []
        self.by_index: dict[int, dict[str, Any]] = {}
        self.last_test: dict[str | None, dict[str, Any]] = {}  # proposal -> its latest test
        self.all_tests: dict[int, str] = {}  # every test's outcome, by its index
        self.actions: list[dict[str, Any]] = []
        self.agreements: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []
        self.overrides: list[dict[str, Any]] = []
        self.collected: list[dict[str, Any]] = []
        self.suggestions: list[str] = []  # the anonymous box, for the next process review
        self.role_titles: dict[str, str] = {}  # a role's name for people, from its protocol
        self.deferred: list[dict[str, Any]] = []
        self.reviews: list[dict[str, Any]] = []
        self.shifts: list[dict[str, Any]] = []
        self.items: list[dict[str, Any]] = []
        self.airtime: dict[str, dict[str, Any]] = {}
        self.secret_proposals: set[str] = set()  # proposed in confidence, not said since
        self.secret_items: set[str] = set()
        self.closed: set[int] = set()  # ids of the step entries that started confidential
        self._minutes: dict[str, Any] | None = None

    def add(self, entry: Mapping[str, Any]) -> None:
        if self._minutes is not None:
            raise RuntimeError("the minutes are written: no entry can be added after them")
        self.settled.add(entry)

    def _proposal(self, text: Any) -> Any:
        return HIDDEN_PROPOSAL if text in self.secret_proposals else text

    def _item_title(self, text: Any) -> Any:
        return HIDDEN_ITEM if text in self.secret_items else text

    def _take(self, e: Event) -> None:
        """One event that stands, in the order of their time."""
        if isinstance(e, MeetingStarted) and self.start is None:
            self.start, self.guests = e.at, e.guests
        if isinstance(e, MeetingEnded) and self.end is None:
            self.end = e.at
        if isinstance(e, TestEnded):
            self.all_tests[e.index] = e.outcome
        if isinstance(e, Override):
            command = e.command
            open_steps = self.open_steps
            if open_steps and id(open_steps[-1]) in self.closed and " " in command.strip():
                # `invite NAME` in a closed step: that it happened is not confidential,
                # whom it named is.
                command = f"{command.split()[0]} (in confidence)"
            self.overrides.append({"command": command, "at_s": e.at})
        if isinstance(e, Proposed) and e.confidential:
            self.secret_proposals.add(e.text)
        elif isinstance(e, Proposed):
            self.secret_proposals.discard(e.text)
        if isinstance(e, ItemAdded) and e.confidential:
            self.secret_items.add(e.title)
        elif isinstance(e, ItemAdded):
            self.secret_items.discard(e.title)
        if e.confidential:
            # Something was said in confidence: the steps around it keep their timing
            # but not their outcome, which would tell what was decided or chosen.
            for entry in self.open_steps:
                entry["confidential"] = True
            if self.items and self.items[-1]["outcome"] is None:
                self.items[-1]["confidential"] = True
            return
        match e:
            case Passed(private=True) | Collected(private=True):
                pass  # a private round's answers and passes stay out
            case Joined(name=name, pronouns=pronouns):
                person = self.people.setdefault(name, {"name": name, "pronouns": pronouns,
                                                       "joined_s": e.at, "left_s": None})
                person["pronouns"] = pronouns or person["pronouns"]
                person["left_s"] = None
                self.airtime.setdefault(name, {"name": name, "seconds": 0.0, "turns": 0})
            case Left(name=name):
                self.people[name]["left_s"] = e.at
            case RoleAssigned(role=role, name=name, title=title):
                if title:
                    self.role_titles[role] = title
                self.roles.setdefault(role, [])
                if name not in self.roles[role]:
                    self.roles[role].append(name)
            case StepStarted():
                entry = {"protocol": e.protocol, "step": e.step, "kind": e.kind,
                         "title": e.title, "depth": e.depth,
                         "started_s": e.at, "duration_s": None, "outcome": None,
                         "overrun_s": 0.0, "confidential": e.closed}
                self.steps.append(entry)
                self.open_steps.append(entry)
                if e.closed:
                    self.closed.add(id(entry))
            case StepEnded():
                for entry in reversed(self.open_steps):
                    if entry["step"] == e.step and entry["protocol"] == e.protocol:
                        outcome = None if entry["confidential"] else e.outcome
                        entry.update(duration_s=e.duration_s, outcome=outcome,
                                     overrun_s=e.overrun_s)
                        self.open_steps.remove(entry)
                        break
            case FloorEnded(name=name):
                row = self.airtime.setdefault(name, {"name": name, "seconds": 0.0, "turns": 0})
                row["seconds"] = round(row["seconds"] + e.seconds, 3)
                row["turns"] += 1 if e.counted else 0
            case TestEnded():
                decision: dict[str, Any] = {
                    "step": e.step, "proposal": self._proposal(e.proposal), "outcome": e.outcome,
                    "attempt": e.attempt, "tally": e.tally, "stances": e.stances,
                    "scale": e.scale, "rule": e.rule,
                    "title": self.open_steps[-1]["title"] if self.open_steps else e.step,
                    "recorded": False}
                if e.secret:  # the count and who took part, never who chose what
                    decision.update(secret=True, voters=list(e.voters))
                decision.update(_follows(self.last_test.get(decision["proposal"]), decision))
                self.last_test[decision["proposal"]] = decision
                self.decisions.append(decision)
                self.by_index[e.index] = decision
            case DecisionRecorded(test=test):
                if test is not None and test in self.by_index:
                    self.by_index[test]["recorded"] = True
                    if e.review_on:
                        self.by_index[test]["review_on"] = e.review_on
                else:
                    outcome = self.all_tests[test] if test in self.all_tests else "recorded"
                    self.decisions.append({
                        "step": e.step, "proposal": self._proposal(e.text),
                        "outcome": e.outcome or outcome, "attempt": None, "tally": {},
                        "stances": [], "title": None, "recorded": True, "scale": None,
                        "rule": None, "follows": None, "fallback": False,
                        **({"review_on": e.review_on} if e.review_on else {})})
            case ActionRecorded():
                backup = {"backup": e.backup} if e.backup else {}  # as minutes were before
                self.actions.append({"what": e.what, "owner": e.owner, "due": e.due, **backup})
            case ShiftRecorded():
                self.shifts.append({"name": e.name, "what": e.what})
            case AgreementRecorded():
                self.agreements.append({"text": e.text, "parties": list(e.parties),
                                        "review_on": e.review_on})
            case Noted():
                self.notes.append({"text": e.text, "at_s": e.at})
            case PointRaised(name=name, stopped=stopped):
                held = (f"; {stopped}'s time stood still while it was heard, then "
                        f"{stopped} went on" if stopped else "")
                self.notes.append({"text": f"Point of process: {name}{held}.", "at_s": e.at})
            case Suggested():  # the anonymous box: no name was ever given with it
                self.notes.append({"text": f"Suggestion box: {e.text}", "at_s": e.at})
                self.suggestions.append(e.text)
            case Interrupted():
                self.notes.append({"text": f"The meeting stopped for "
                                   f"{format_duration(e.seconds)} (the facilitator's computer "
                                   "was off); timers stood still.", "at_s": e.since})
            case Collected():
                self.collected.append({"name": e.name, "field": e.field, "value": e.value})
            case ItemStarted():
                self.items.append({"title": self._item_title(e.title), "protocol": e.protocol,
                                   "owner": e.owner, "outcome": None, "confidential": False})
            case ProtocolEnded():
                item = self.items[-1] if self.items else None
                if item and item["outcome"] is None and item["protocol"] == e.protocol:
                    item["outcome"] = "confidential" if item["confidential"] else e.outcome
            case ItemDeferred():
                self.deferred.append({"title": self._item_title(e.title),
                                      "protocol": e.protocol})
                if self.items and self.items[-1]["title"] == self._item_title(e.title):
                    self.items[-1]["outcome"] = "deferred"
            case Reviewed():
                # `id` names the item for good (journals written before stable ids have
                # only the label); `label` is what was typed.
                self.reviews.append({"id": e.ref or e.id, "label": e.id, "result": e.result,
                                     "to": e.to, "text": e.text})

    def minutes(self) -> dict[str, Any]:
        """The minutes, once every entry is in (asked again, the same minutes)."""
        if self._minutes is None:
            self._minutes = self._finish()
        return self._minutes

    def _finish(self) -> dict[str, Any]:
        self.settled.finish()
        setup = self.setup
        start = self.start if self.start is not None else float(setup["created_at"])
        end = self.end

        def rel(ts: float) -> float:
            return round(max(0.0, ts - start), 3)

        people, airtime, notes = self.people, self.airtime, self.notes
        for person in people.values():
            person["joined_s"] = rel(person["joined_s"])
            if person["left_s"] is not None:
                person["left_s"] = rel(person["left_s"])
        for row in (*self.steps,):
            row["started_s"] = rel(row["started_s"])
        for row in (*self.overrides, *notes):
            row["at_s"] = rel(row["at_s"])
        if self.guests:
            # Guests are not members: no names, no airtime, no times to match to a speaker.
            members = {n for names in self.roles.values() for n in names}
            people = {n: p for n, p in people.items() if n in members}
            airtime = {n: r for n, r in airtime.items() if n in members}
            notes = [{**n, "at_s": None} for n in notes]
        total = sum(r["seconds"] for r in airtime.values())
        shares = [{**r, "share": round(r["seconds"] / total, 4) if total else 0.0}
                  for r in airtime.values()]
        shifts, suggestions, role_titles = self.shifts, self.suggestions, self.role_titles
        return {
            "version": MINUTES_VERSION,
            "meeting": {
                "id": setup["meeting_id"], "title": setup.get("title", ""),
                "protocol": setup["protocol"], "started_at": iso(start), "ended_at": iso(end),
                "duration_s": round(end - start, 3) if end is not None else None,
            },
            "attendance": list(people.values()),
            "roles": {role: ", ".join(names) for role, names in self.roles.items()},
            "steps": self.steps,
            "decisions": self.decisions,
            "actions": self.actions,
            "agreements": self.agreements,
            "notes": notes,
            "collected": self.collected,
            "airtime": shares,
            "evenness": evenness([r["seconds"] for r in shares]),
            "evenness_measure": MEASURE,
            "overrides": self.overrides,
            "items": self.items,
            "deferred": self.deferred,
            "reviews": self.reviews,
            # Only when some were recorded: minutes of meetings without shifts stay as they
            # were.
            **({"shifts": shifts} if shifts else {}),
            # Only when the box got something, so minutes from before the box read the same.
            **({"suggestions": suggestions} if suggestions else {}),
            **({"role_titles": role_titles} if role_titles else {}),
        }
