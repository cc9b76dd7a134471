"""Who speaks next: the stack of a discussion with the reason each person stands where
they do, or the order of a round.

A long stack is shown as far as the panel has room, and the last line says how many more
hands are up: a hundred hands cost a key what ten do."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.steps.round import round_of
from facilitator.i18n import _, current
from facilitator.ui import view
from facilitator.ui.kinds import engine_words
from facilitator.ui.widgets.panel import MeetingPanel, fit


class StackPanel(MeetingPanel):
    """The speaking stack (discussion) or who is still to speak (round)."""

    def basis(self, meeting: Meeting) -> tuple[Hashable, ...]:
        # What the order and its reasons are made of (engine.steps.discussion, .round).
        return (meeting.run, meeting.stats, meeting.roles, meeting.people, meeting.seating,
                meeting.setup, self.room())

    def show(self, meeting: Meeting) -> Text:
        run = meeting.run
        text = Text()
        if run is None:
            return text
        state = round_of(run)
        if state is not None:
            queue = view.round_queue(meeting)
            text.append(_("Still to speak: "), style="bold")
            text.append(", ".join(queue) if queue else _("nobody"))
            if state.passed:
                text.append("\n" + _("Passed: "), style="bold")
                text.append(", ".join(state.passed))
            if run.step.collect is not None:
                answers = "; ".join(f"{n}: {v}" for n, v in state.collected.items())
                field = current().text(run.step.collect.field)
                text.append(f"\n{field.capitalize()}: ", style="bold")
                text.append(answers or _("none yet (collect NAME VALUE)"))
            return text
        hands = stack_of(run)
        if hands is None:
            return text
        room = self.room()
        stack = view.stack(meeting, limit=room or None)
        if not stack:
            return Text(_("The stack is empty."), style="italic")
        return fit((self._place(place, name, engine_words(why, meeting))
                    for place, (name, why) in enumerate(stack, 1)),
                   len(hands.stack), room, self.content_size.width)

    @staticmethod
    def _place(place: int, name: str, reason: str) -> Text:
        text = Text()
        text.append(f"{place}. ", style="bold")
        text.append(name, style="bold")
        text.append(f"  {reason}")
        return text
