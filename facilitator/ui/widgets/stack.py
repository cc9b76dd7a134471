"""Who speaks next: the stack of a discussion with the reason each person stands where
they do, or the order of a round."""

from __future__ import annotations

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.ui import view
from facilitator.ui.widgets.panel import MeetingPanel


class StackPanel(MeetingPanel):
    """The speaking stack (discussion) or who is still to speak (round)."""

    def show(self, meeting: Meeting) -> Text:
        run = meeting.run
        text = Text()
        if run is None:
            return text
        if run.step.kind == "round":
            queue = view.round_queue(meeting)
            text.append("Still to speak: ", style="bold")
            text.append(", ".join(queue) if queue else "nobody")
            if run.passed:
                text.append("\nPassed: ", style="bold")
                text.append(", ".join(run.passed))
            if run.step.collect is not None:
                answers = "; ".join(f"{n}: {v}" for n, v in run.collected.items())
                text.append(f"\n{run.step.collect.field.capitalize()}: ", style="bold")
                text.append(answers or "none yet (collect NAME VALUE)")
            return text
        if run.step.kind != "discussion":
            return text
        stack = view.stack(meeting)
        if not stack:
            return Text("The stack is empty.", style="italic")
        for place, (name, reason) in enumerate(stack, 1):
            text.append(f"{place}. ", style="bold")
            text.append(name, style="bold")
            text.append(f"  {reason}\n")
        text.rstrip()
        return text
