"""A transaction: one command's work on a frozen meeting.

`Tx` holds the meeting as it is becoming and the events said so far. Step modules change
the meeting only through it. If anything raises `Refused`, the caller drops the Tx and the
meeting it started from is untouched, because nothing here mutates a state object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from facilitator.engine.state import Frame, Meeting, Run
from facilitator.errors import Refused

if TYPE_CHECKING:
    from facilitator.engine.commands import Command

# A command's handler for one kind of step.
Handler = Callable[["Tx", "Command"], None]

# Entering this many steps in one command means the protocol routes in a circle.
MAX_ENTRIES = 500


class Looping(Refused):
    """The protocol routes in a circle in which no step waits for anyone."""


class Tx:
    def __init__(self, meeting: Meeting, now: float) -> None:
        self.m = meeting
        self.now = now
        self.events: list[dict[str, Any]] = []
        self.entries = 0
        self.ticking = False  # firing timeboxes: a step that cannot start yet waits instead

    @property
    def active(self) -> float:
        return self.m.active(self.now)

    @property
    def run(self) -> Run:
        run = self.m.run
        if run is None:
            raise Refused("No step is running; `start` the meeting first.")
        return run

    def require_run(self, command: str) -> Run:
        """The running step, or Refused saying why `command` cannot be given now."""
        if self.m.started_at is None:
            raise Refused(f"The meeting has not started; `start` it before `{command}`.")
        run = self.m.run
        if run is None:
            raise Refused("The protocol has ended; add notes or records, or `end` the meeting.")
        return run

    @property
    def confidential(self) -> bool:
        if not self.m.frames:
            return False
        run = self.m.frames[-1].run
        return run.confidential if run else self.m.frames[-1].confidential

    def emit(self, event_type: str, **data: Any) -> None:
        """Say what happened. Content said inside a confidential protocol or step is
        marked so; `confidential=False` marks what is never confidential (timing,
        attendance)."""
        confidential = data.pop("confidential", None)
        event: dict[str, Any] = {"type": event_type, "at": self.now, **data}
        if confidential or (confidential is None and self.confidential):
            event["confidential"] = True
        self.events.append(event)

    def update(self, **changes: Any) -> None:
        self.m = attrs.evolve(self.m, **changes)

    def set_frame(self, frame: Frame, depth: int = -1) -> None:
        frames = list(self.m.frames)
        frames[depth] = frame
        self.update(frames=tuple(frames))

    def update_run(self, **changes: Any) -> None:
        frame = self.m.frames[-1]
        assert frame.run is not None
        self.set_frame(attrs.evolve(frame, run=attrs.evolve(frame.run, **changes)))

    def count_entry(self) -> None:
        self.entries += 1
        if self.entries > MAX_ENTRIES:
            raise Looping(
                "This protocol routes in a circle without stopping for anyone; "
                "check its `next` and `on` routes with `facilitator show`."
            )
