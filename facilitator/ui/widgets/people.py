"""The people present: pronouns, roles, turns and an airtime bar with its figure.

The panel makes only the rows it has room for: with three hundred people in the hall, a
key costs what it costs with twelve, and the last line says how many more there are."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.i18n import _, ngettext
from facilitator.ui import timing, view
from facilitator.ui.kinds import role_title
from facilitator.ui.widgets.panel import TimedPanel, fit

BAR = 6


def bar(share: float) -> str:
    filled = round(share * BAR)
    return "█" * filled + "░" * (BAR - filled)


class PeoplePanel(TimedPanel):
    """Everyone who joined; who speaks is marked ▶ and `speaking`, who left says so. At
    80 columns each person takes one line: name, roles, airtime."""

    def basis(self, meeting: Meeting) -> tuple[Hashable, ...]:
        floor = meeting.floor  # while someone speaks, their airtime moves with the clock
        running = (self.now, meeting.paused_since, meeting.paused_total) if floor else ()
        return (meeting.people, meeting.seating, meeting.roles, meeting.stats, floor,
                self.room(), meeting.protocol, *(f.protocol for f in meeting.frames),
                *running)

    def show(self, meeting: Meeting) -> Text:
        if not meeting.seating:
            return Text(_("Nobody yet: j joins someone."), style="italic")
        narrow = self.app.size.width < 100  # 80 columns: one line each, so nobody is cut
        rows = (self._row(meeting, row, narrow)
                for row in view.people_rows(meeting, self.now))
        return fit(rows, len(meeting.seating), self.room(), self.content_size.width)

    @staticmethod
    def _row(meeting: Meeting, row: view.PersonRow, narrow: bool) -> Text:
        text = Text()
        text.append("▶ " if row.speaking else "  ", style="bold")
        text.append(row.name, style="bold" if row.present else "dim strike")
        if row.pronouns:
            text.append(f" ({row.pronouns})")
        marks = [role_title(meeting, r) for r in row.roles]
        marks += [_("speaking")] if row.speaking else []
        marks += [_("left")] if not row.present else []
        if narrow:
            text.append("".join(f" · {m}" for m in marks), style="italic")
            text.append(f" {timing.clock(row.airtime)}")
            return text
        if marks:
            text.append("\n  " + " · ".join(marks), style="italic")
        turns = ngettext("{n} turn", "{n} turns", row.turns).format(n=row.turns)
        text.append(f"\n  {bar(row.share)} {timing.clock(row.airtime)}, {turns}")

        return text
