"""Who holds the floor, a large speaking timer, the speaker's limit and the step's timebox.

Over-time is said in words ("1m 30s over the step's 10m."), never by colour alone.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Label

from facilitator.engine.state import Meeting
from facilitator.ui import timing


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

    meeting: reactive[Meeting | None] = reactive(None)
    """The meeting as it stands."""
    now: reactive[float] = reactive(0.0)
    """Epoch seconds, assigned on every tick."""

    def compose(self) -> ComposeResult:
        yield Label("", id="speaker")
        yield Digits("0:00", id="timer")
        yield Label("", id="timebox")
        yield Label("", id="warning")

    def watch_meeting(self) -> None:
        self._show()

    def watch_now(self) -> None:
        self._show()

    def _show(self) -> None:
        meeting = self.meeting
        if meeting is None or not self.is_mounted:
            return
        floor = timing.floor_timing(meeting, self.now)
        step = timing.step_timing(meeting, self.now)
        speaker = self.query_one("#speaker", Label)
        if meeting.floor is not None and floor is not None:
            speaker.update(f"{meeting.floor.name} has the floor ({meeting.floor.reason})")
            self.query_one(Digits).update(timing.clock(floor.elapsed))
        else:
            speaker.update("Nobody holds the floor.")
        self.set_class(meeting.floor is None, "-idle")
        parts = []
        if floor is not None and floor.limit:
            parts.append(f"speaker limit {timing.span(floor.limit)}")
        if step is not None:
            box = f" of {timing.span(step.limit)}" if step.limit else ", no timebox"
            parts.append(f"step {timing.clock(step.elapsed)}{box}")
        if meeting.paused_since is not None:
            parts.append("PAUSED")
        self.query_one("#timebox", Label).update(" · ".join(parts))
        warnings = [t.warning for t in (floor, step) if t is not None and t.warning]
        over = any(t.over for t in (floor, step) if t is not None)
        self.set_class(over, "-over")
        self.set_class(not warnings, "-calm")
        self.query_one("#warning", Label).update(
            " ".join(warnings) + (" Extend, or move on when ready." if over else ""))
