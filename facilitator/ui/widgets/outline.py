"""The protocol's steps, where the meeting stands among them, and the steps done."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.reactive import reactive

from facilitator.engine.state import Meeting
from facilitator.ui import view
from facilitator.ui.widgets.panel import MeetingPanel

MARKS = {"now": "▶ ", "done": "✓ ", "skipped": "↷ ", "": "  "}


class StepOutline(MeetingPanel):
    """The outline of steps: ▶ marks the current step (and says `now`), ✓ the visited,
    ↷ the skipped (and says `skipped`)."""

    entries: reactive[Sequence[Mapping[str, Any]]] = reactive((), always_update=True)
    """The journal's entries, for how each step ended."""

    def show(self, meeting: Meeting) -> Text:
        text = Text()
        number = 0
        for line in view.outline(meeting, view.step_outcomes(self.entries)):
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
