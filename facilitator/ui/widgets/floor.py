"""Who holds the floor, a large speaking timer, the speaker's limit and the step's timebox.

Over-time is said in words ("1m 30s over the step's 10m."), never by colour alone.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label

from facilitator.engine.state import Meeting
from facilitator.ui import timing
from facilitator.ui.widgets.panel import say


class FloorPanel(Vertical):
    """The floor: speaker and why they speak, their timer in large digits, the timeboxes."""

    DEFAULT_CSS = """
    FloorPanel {
        height: auto;
    }
    FloorPanel #speaker { text-style: bold; width: 1fr; }
    FloorPanel Digits { width: auto; }
    FloorPanel #timebox { width: 1fr; }
    FloorPanel #warning { width: 1fr; text-style: bold; }
    FloorPanel.-over #warning { text-style: bold reverse; }
    FloorPanel.-idle Digits { display: none; }
    FloorPanel.-calm #warning { display: none; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting: Meeting | None = None
        self.now = 0.0

    def compose(self) -> ComposeResult:
        yield Label("", id="speaker")
        yield Digits("0:00", id="timer")
        yield Label("", id="timebox")
        yield Label("", id="warning")

    def on_mount(self) -> None:
        self.show(self.meeting, self.now)

    def show(self, meeting: Meeting | None, now: float) -> None:
        """Show the floor at `now`; only what changed is drawn again."""
        self.meeting, self.now = meeting, now
        if meeting is None or not self.is_mounted:
            return
        floor = timing.floor_timing(meeting, now)
        step = timing.step_timing(meeting, now)
        speaker, timebox, warning = (self.query_one(f"#{name}", Label)
                                     for name in ("speaker", "timebox", "warning"))
        digits = self.query_one(Digits)
        if meeting.floor is not None and floor is not None:
            say(speaker, f"{meeting.floor.name} has the floor ({meeting.floor.reason})")
            clock = timing.clock(floor.elapsed)
            if clock != digits.value:
                digits.update(clock)
        else:
            say(speaker, "Nobody holds the floor.")
        self.set_class(meeting.floor is None, "-idle")
        parts = []
        if floor is not None and floor.limit:
            parts.append(f"speaker limit {timing.span(floor.limit)}")
        if step is not None:
            box = f" of {timing.span(step.limit)}" if step.limit else ", no timebox"
            parts.append(f"step {timing.clock(step.elapsed)}{box}")
        if meeting.paused_since is not None:
            parts.append("PAUSED")
        say(timebox, " · ".join(parts))
        warnings = [t.warning for t in (floor, step) if t is not None and t.warning]
        over = any(t.over for t in (floor, step) if t is not None)
        self.set_class(over, "-over")
        self.set_class(not warnings, "-calm")
        say(warning, " ".join(warnings) + (" Extend, or move on when ready." if over else ""))
