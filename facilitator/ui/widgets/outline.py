"""The protocol's steps, where the meeting stands among them, and the steps done."""

from __future__ import annotations

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.ui import view
from facilitator.ui.widgets.panel import MeetingPanel

MARKS = {"now": "▶ ", "done": "✓ ", "": "  "}


class StepOutline(MeetingPanel):
    """The outline of steps: ▶ marks the current step (and says `now`), ✓ the visited."""

    def show(self, meeting: Meeting) -> Text:
        text = Text()
        number = 0
        for line in view.outline(meeting):
            number = number + 1 if line.depth == 0 else number
            indent = "  " * line.depth
            text.append(f"{indent}{MARKS[line.mark]}", style="bold")
            style = "bold reverse" if line.mark == "now" else ("dim" if line.mark == "done"
                                                             else "")
            label = f"{number}. {line.title}" if line.depth == 0 else line.title
            text.append(label, style=style)
            if line.mark == "now":
                text.append("  now", style="bold")
            text.append("\n")
        text.rstrip()
        return text
