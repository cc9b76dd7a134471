"""The outcome of the last test for agreement, and the records taken so far."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.reactive import reactive

from facilitator.engine.state import Meeting
from facilitator.ui import view
from facilitator.ui.widgets.panel import MeetingPanel

SHOWN = 8


class RecordsPanel(MeetingPanel):
    """Last test and records (newest last; the oldest are summarised by their count)."""

    entries: reactive[Sequence[Mapping[str, Any]]] = reactive((), always_update=True, layout=True)
    """The journal's entries, for the records they hold."""

    def show(self, meeting: Meeting) -> Text:
        text = Text()
        last = view.last_test(meeting)
        if last:
            text.append(last + "\n", style="bold")
        taken = [r for r in view.records(self.entries) if not r.startswith("Test:")]
        if not taken:
            text.append("No records yet.", style="italic")
            return text
        if len(taken) > SHOWN:
            text.append(f"({len(taken) - SHOWN} earlier)\n", style="italic")
        for record in taken[-SHOWN:]:
            text.append("• " + record + "\n")
        text.rstrip()
        return text
