"""The stance board of a test for agreement.

With `reveal: together` it shows only how many stances are in until all are; then every
option with its count and who chose it (with reasons), and what closing the test gives.
"""

from __future__ import annotations

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.ui import view, work
from facilitator.ui.kinds import words
from facilitator.ui.widgets.panel import MeetingPanel


class StanceBoardPanel(MeetingPanel):
    """Stances in a decide step."""

    def show(self, meeting: Meeting) -> Text:
        board = view.stance_board(meeting)
        if board is None:
            return Text("")
        run = meeting.run
        assert run is not None
        text = Text()
        if board.proposal not in view.prompt(meeting):  # the prompt says it already
            text.append("Proposal: ", style="bold")
            text.append((board.proposal or "(none)") + "\n")
        missing = work.missing_stances(meeting, run)
        text.append(f"{board.given} of {board.expected} stances in", style="bold")
        text.append(" · not yet: " + ", ".join(missing) if missing else " · all in",
                    style="bold")
        if board.hidden:
            text.append("\n(shown together when all are in)", style="italic")
        else:
            for _key, label, count, names in board.rows:
                text.append(f"\n{count:>2}  {label}", style="bold" if count else "dim")
                if names:
                    text.append(": " + "; ".join(names))
            text.append(f"\nClosing the test now: {words(board.outcome)}", style="bold")
        for line, style in work.decide_work(meeting, run, work.Seen())[1:]:
            text.append("\n" + line, style=style or "italic")
        return text
