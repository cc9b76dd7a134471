"""The protocol's steps, where the meeting stands among them, and the steps done."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from rich.text import Text

from facilitator.engine.events import Event, StepEnded
from facilitator.engine.state import Meeting
from facilitator.ui import view
from facilitator.ui.following import Following
from facilitator.ui.widgets.panel import MeetingPanel

MARKS = {"now": "▶ ", "done": "✓ ", "skipped": "↷ ", "": "  "}


def _ending(event: Event) -> tuple[tuple[str, str], str] | None:
    """How a step ended, by (protocol, step), as `view.step_outcomes` reads it."""
    if isinstance(event, StepEnded):
        return (event.protocol, event.step), event.outcome
    return None


class StepOutline(MeetingPanel):
    """The outline of steps: ▶ marks the current step (and says `now`), ✓ the visited,
    ↷ the skipped (and says `skipped`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ended = Following(_ending)
        self.entries: Sequence[Mapping[str, Any]] = ()
        """The journal's entries, for how each step ended (the live meeting's own
        sequence: each refresh reads only what was added)."""

    def basis(self, meeting: Meeting) -> tuple[Hashable, ...]:
        # The outline moves when a step is entered or ends, not with what is said in one.
        return (meeting.protocol, *(f.protocol for f in meeting.frames),
                *(f.run.index if f.run else -1 for f in meeting.frames),
                *(f.trail for f in meeting.frames),
                len(self._ended.catch_up(self.entries)))

    def show(self, meeting: Meeting) -> Text:
        text = Text()
        number = 0
        ended = dict(self._ended.standing.items())
        for line in view.outline(meeting, ended):
            number = number + 1 if line.depth == 0 else number
            indent = "  " * line.depth
            text.append(f"{indent}{MARKS[line.mark]}", style="bold")
            style = "bold reverse" if line.mark == "now" else (
                "dim" if line.mark in ("done", "skipped") else "")
            label = f"{number}. {line.title}" if line.depth == 0 else line.title
            text.append(label, style=style)
            if line.mark in ("now", "skipped"):
                text.append(f"  {line.mark}", style="bold" if line.mark == "now" else "dim")
            text.append("\n")
        text.rstrip()
        return text
