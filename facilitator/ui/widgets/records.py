"""The outcome of the last test for agreement, and the records taken so far."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from rich.text import Text

from facilitator.engine.events import Event
from facilitator.engine.state import Meeting
from facilitator.ui import view
from facilitator.ui.following import Following
from facilitator.ui.widgets.panel import MeetingPanel

SHOWN = 8


def _taken(event: Event) -> str | None:
    record = view.record_of(event)
    return None if record is None or record.startswith("Test:") else record


class RecordsPanel(MeetingPanel):
    """Last test and records (newest last; the oldest are summarised by their count).

    The records are kept up to date as entries arrive: a refresh reads only the entries
    added since the last one, so a key costs the same at entry 100 and at entry 30,000."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._records = Following(_taken)
        self.entries: Sequence[Mapping[str, Any]] = ()
        """The journal's entries (the live meeting's own sequence, which only grows)."""

    def basis(self, meeting: Meeting) -> tuple[Hashable, ...]:
        return (meeting.last_test, len(self._records.catch_up(self.entries)))

    def show(self, meeting: Meeting) -> Text:
        text = Text()
        last = view.last_test(meeting)
        if last:
            text.append(last + "\n", style="bold")
        standing = self._records.standing
        count = len(standing)
        if not count:
            text.append("No records yet.", style="italic")
            return text
        if count > SHOWN:
            text.append(f"({count - SHOWN} earlier)\n", style="italic")
        for record in standing.last(SHOWN):
            text.append("• " + record + "\n")
        text.rstrip()
        return text
