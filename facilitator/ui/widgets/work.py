"""What the running step works on: a review's items, an agenda, the missing stances,
where each choice leads. The lines come from the kind's row in `facilitator.ui.kinds`;
an agenda running further out is shown under the inner step's own lines."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.ui import work
from facilitator.ui.following import Following
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
    """The work of the step; hidden when there is none. The agenda items deferred so far
    are kept up to date as entries arrive (`Following`), like the records."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deferred = Following(work.deferral)
        self.pointer = 0  # the highlighted item of a review

    def follow(self, meeting: Meeting, entries: Sequence[Mapping[str, Any]],
               pointer: int) -> None:
        """Take the meeting, the journal's entries (the live meeting's own sequence, read
        from where it left off) and the highlighted line; show or hide the panel."""
        self._deferred.catch_up(entries)
        self.pointer = pointer
        self.meeting = meeting
        self.display = bool(self.text())

    def basis(self, meeting: Meeting) -> tuple[Hashable, ...]:
        return (meeting, self.pointer, len(self._deferred.standing))

    def show(self, meeting: Meeting) -> Text:
        seen = Seen(self.pointer, tuple(self._deferred.standing.items()),
                    self.app.size.width < 100)
        text = Text()
        for line, style in work_lines(meeting, seen):
            if text:
                text.append("\n")
            text.append(line, style=style)
        return text
