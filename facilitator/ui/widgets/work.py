"""What the running step works on: a review's items, an agenda, the missing stances,
where each choice leads. The lines come from the kind's row in `facilitator.ui.kinds`;
an agenda running further out is shown under the inner step's own lines."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from facilitator.engine.state import Meeting
from facilitator.ui import work
from facilitator.ui.kinds import view_of
from facilitator.ui.widgets.panel import MeetingPanel
from facilitator.ui.work import Line, Seen


def work_lines(meeting: Meeting, seen: Seen) -> list[Line]:
    run = meeting.run
    if run is None or meeting.ended:
        return []
    lines = view_of(run).work(meeting, run, seen)
    found = work.innermost_agenda(meeting)
    if found is not None and found[0] is not run:
        lines = [*lines, *(work.agenda_line(meeting, seen) if seen.compact else
                           [("Agenda", "bold underline"),
                            *work.agenda_work(meeting, found[0], seen)])]
    return lines


class WorkPanel(MeetingPanel):
    """The work of the step (the screen hides it when there is none)."""

    seen: reactive[Seen] = reactive(Seen, layout=True)
    """The highlighted line and the journal's entries; assigned by the screen."""

    def show(self, meeting: Meeting) -> Text:
        lines = work_lines(meeting, self.seen)
        text = Text()
        for line, style in lines:
            if text:
                text.append("\n")
            text.append(line, style=style)
        return text
