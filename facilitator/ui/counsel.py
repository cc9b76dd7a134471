"""Fair-share advice on the meeting screen, from the group's memory: gently, never a score.

- Who to ask for a role: the group's rotation order (`facilitator roles suggest`), the
  people present first.
- A warning when an action goes to someone who already carries too much, or is resting.
- Quiet notes for the facilitator (facilitator.care): at the check-in, someone nobody has
  heard from or who has had little room; at the review, a resting person's actions to
  hand on. Never a score, never in the minutes: they are shown, not journaled.
- A quiet flag for the vibes-watcher when, in a discussion, one person's share of the
  floor passes twice an even share: only once it means something, when at least two
  people have spoken and the floor has been held for a minute in all.
The group's memory is read once, when the screen opens; the meeting adds to it as it goes.
"""

from __future__ import annotations

import datetime as dt

from facilitator import care, fairshare
from facilitator.engine.events import ActionRecorded, Event
from facilitator.engine.state import Meeting
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.steps.review import open_actions
from facilitator.i18n import _
from facilitator.store.care import CareFacts
from facilitator.store.group import Group
from facilitator.store.history import History
from facilitator.store.rows import Action

CHECK_IN = "check-in"
MEANINGFUL = 60.0  # seconds of the floor, in all, before a share of it is worth a flag


class Counsel:
    def __init__(self, group: Group | None, now: float | None = None) -> None:
        # The history summed up (facilitator.store.history): no row per past meeting.
        self.history: History = group.history() if group else History()
        roster = group.roster() if group else []
        self.open_actions: list[Action] = group.open_actions() if group else []
        self.care: CareFacts = group.care() if group else CareFacts()
        self.today = (dt.datetime.fromtimestamp(now) if now is not None
                      else dt.datetime.now()).date().isoformat()
        self.suggested, _ = care.suggest_roles(self.history, roster, self.open_actions,
                                               self.care, self.today)
        self.notes = care.check_in_notes(self.history, self.care, self.today, roster)

    def role_order(self, role: str, present: list[str]) -> list[str]:
        """The people present, in the order the group's rotation would ask them."""
        order = [n for n in self.suggested.get(role, []) if n in present]
        return order + [n for n in present if n not in order]

    def after(self, events: list[Event]) -> list[str]:
        """Warnings for actions just given to people who already carry too much."""
        warnings = []
        for event in events:
            if not isinstance(event, ActionRecorded):
                continue
            warning = (care.rest_warning(event.owner, self.care, self.today)
                       or fairshare.overloaded(event.owner, self.history, self.open_actions))
            self.open_actions.append(Action("", "", event.what, event.owner, None,
                                            "open", "", ""))
            if warning:
                warnings.append(warning)
        return warnings

    def quiet(self, meeting: Meeting) -> str:
        """What to tell the facilitator quietly at this step: at the check-in, who might
        need someone to check in; at a review, which actions a resting person could hand
        on. Empty elsewhere."""
        step = meeting.step
        if step is None or meeting.started_at is None:
            return ""
        to_review = open_actions(meeting)
        if to_review:
            return " ".join(care.hand_on(to_review, self.care, self.today))
        protocols = {frame.protocol.id for frame in meeting.frames}
        if step.id == CHECK_IN or CHECK_IN in protocols:
            return " ".join(self.notes)
        return ""

    @staticmethod
    def floor_flag(meeting: Meeting, now: float) -> str:
        """During a discussion: who has held more than twice an even share of the floor
        in this meeting (silent people count), for the vibes-watcher to notice."""
        names = Counsel.flagged(meeting, now)
        if not names:
            return ""
        return _("{names}: over twice an even share of the floor").format(
            names=_(" and ").join(names))

    @staticmethod
    def flags(meeting: Meeting, now: float) -> tuple[str, str]:
        """The floor flag, and the same in fewer words for a narrow panel ("" when none);
        worked out once for both."""
        names = Counsel.flagged(meeting, now)
        if not names:
            return "", ""
        who = _(" and ").join(names)
        return (_("{names}: over twice an even share of the floor").format(names=who),
                _("{names}: over twice an even share").format(names=who))

    @staticmethod
    def flagged(meeting: Meeting, now: float) -> list[str]:
        """Who the floor flag names (see `floor_flag`)."""
        if stack_of(meeting.run) is None:  # only in a discussion
            return []
        shares = {n: meeting.speech(n).airtime for n in meeting.present}
        floor = meeting.floor
        if floor is not None and floor.name in shares:
            shares[floor.name] += max(0.0, meeting.active(now) - floor.since)
        if sum(1 for s in shares.values() if s > 0) < 2 or sum(shares.values()) < MEANINGFUL:
            return []  # one voice so far, or hardly a start: a share means nothing yet
        return list(fairshare.floor_flag(shares))
