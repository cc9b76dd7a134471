"""The people present: pronouns, roles, turns and an airtime bar with its figure."""

from __future__ import annotations

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.ui import timing, view
from facilitator.ui.widgets.panel import TimedPanel

BAR = 6


def bar(share: float) -> str:
    filled = round(share * BAR)
    return "█" * filled + "░" * (BAR - filled)


class PeoplePanel(TimedPanel):
    """Everyone who joined; who speaks is marked ▶ and `speaking`, who left says so. At
    80 columns each person takes one line: name, roles, airtime."""

    def show(self, meeting: Meeting) -> Text:
        text = Text()
        rows = view.people(meeting, self.now)
        if not rows:
            return Text("Nobody yet: j joins someone.", style="italic")
        for row in rows:
            text.append("▶ " if row.speaking else "  ", style="bold")
            text.append(row.name, style="bold" if row.present else "dim strike")
            if row.pronouns:
                text.append(f" ({row.pronouns})")
            marks = [view.role_title(meeting, r) for r in row.roles]
            marks += ["speaking"] if row.speaking else []
            marks += ["left"] if not row.present else []
            if self.app.size.width < 100:  # 80 columns: one line each, so nobody is cut
                text.append("".join(f" · {m}" for m in marks), style="italic")
                text.append(f" {timing.clock(row.airtime)}\n")
                continue
            if marks:
                text.append("\n  " + " · ".join(marks), style="italic")
            turns = "turn" if row.turns == 1 else "turns"
            text.append(f"\n  {bar(row.share)} {timing.clock(row.airtime)}, "
                        f"{row.turns} {turns}\n")
        text.rstrip()
        return text
