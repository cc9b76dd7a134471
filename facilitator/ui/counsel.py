"""Fair-share advice on the meeting screen, from the group's memory: gently, never a score.

- Who to ask for a role: the group's rotation order (`facilitator roles suggest`), the
  people present first.
- A warning when an action goes to someone who already carries too much.
- A quiet flag for the vibes-watcher when, in a discussion, one person's share of the
  floor passes twice an even share: only once it means something, when at least two
  people have spoken and the floor has been held for a minute in all.
The group's memory is read once, when the screen opens; the meeting adds to it as it goes.
"""

from __future__ import annotations

from facilitator import fairshare
from facilitator.engine.events import ActionRecorded, Event
from facilitator.engine.state import Meeting
from facilitator.engine.steps.discussion import stack_of
from facilitator.store.group import Group
from facilitator.store.rows import Action, MeetingRecord

MEANINGFUL = 60.0  # seconds of the floor, in all, before a share of it is worth a flag


class Counsel:
    def __init__(self, group: Group | None) -> None:
        self.meetings: list[MeetingRecord] = group.meetings() if group else []
        roster = group.roster() if group else []
        self.open_actions: list[Action] = group.open_actions() if group else []
        self.suggested = fairshare.suggest_roles(self.meetings, roster)

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
            warning = fairshare.overloaded(event.owner, self.meetings, self.open_actions)
            self.open_actions.append(Action("", "", event.what, event.owner, None,
                                            "open", "", ""))
            if warning:
                warnings.append(warning)
        return warnings

    @staticmethod
    def floor_flag(meeting: Meeting, now: float) -> str:
        """During a discussion: who has held more than twice an even share of the floor
        in this meeting (silent people count), for the vibes-watcher to notice."""
        if stack_of(meeting.run) is None:  # only in a discussion
            return ""
        shares = {n: meeting.speech(n).airtime for n in meeting.present}
        floor = meeting.floor
        if floor is not None and floor.name in shares:
            shares[floor.name] += max(0.0, meeting.active(now) - floor.since)
        if sum(1 for s in shares.values() if s > 0) < 2 or sum(shares.values()) < MEANINGFUL:
            return ""  # one voice so far, or hardly a start: a share means nothing yet
        names = fairshare.floor_flag(shares)
        if not names:
            return ""
        return f"{' and '.join(names)}: over twice an even share of the floor"
