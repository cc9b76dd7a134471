"""The base of every panel of the meeting screen: it is handed the meeting and renders it.

"Attributes down": the screen assigns a new frozen `Meeting` (and the time, for panels with
timers); reassignment refreshes the panel. Panels never call the engine.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from facilitator.engine.state import Meeting


class MeetingPanel(Widget):
    """A panel that shows one side of the meeting."""

    DEFAULT_CSS = """
    MeetingPanel {
        height: auto;
    }
    """

    meeting: reactive[Meeting | None] = reactive(None, layout=True)
    """The meeting as it stands; assigned by the screen after every change."""

    def render(self) -> Text:
        if self.meeting is None:
            return Text("")
        return self.show(self.meeting)

    def show(self, meeting: Meeting) -> Text:
        raise NotImplementedError


class TimedPanel(MeetingPanel):
    """A panel whose content moves with the clock (timers, airtime)."""

    now: reactive[float] = reactive(0.0)
    """Epoch seconds, assigned by the screen on every tick."""
