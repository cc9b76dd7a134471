"""Who speaks next: the stack of a discussion with the reason each person stands where
they do, or the order of a round."""

from __future__ import annotations

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.steps.round import round_of
from facilitator.ui import view
from facilitator.ui.widgets.panel import MeetingPanel


class StackPanel(MeetingPanel):
    """The speaking stack (discussion) or who is still to speak (round)."""

    def show(self, meeting: Meeting) -> Text:
        run = meeting.run
        text = Text()
        if run is None:
            return text
        state = round_of(run)
        if state is not None:
            queue = view.round_queue(meeting)
            text.append("Still to speak: ", style="bold")
            text.append(", ".join(queue) if queue else "nobody")
            if state.passed:
                text.append("\nPassed: ", style="bold")
                text.append(", ".join(state.passed))
            if run.step.collect is not None:
                answers = "; ".join(f"{n}: {v}" for n, v in state.collected.items())
                text.append(f"\n{run.step.collect.field.capitalize()}: ", style="bold")
                text.append(answers or "none yet (collect NAME VALUE)")
            return text
        if stack_of(run) is None:
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
