"""The stance board of a test for agreement.

With `reveal: together` it shows only how many stances are in until all are; then every
option with its count and who chose it (with reasons), and what closing the test gives.
"""

from __future__ import annotations

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.ui import view
from facilitator.ui.widgets.panel import MeetingPanel


class StanceBoardPanel(MeetingPanel):
    """Stances in a decide step."""

    def show(self, meeting: Meeting) -> Text:
        board = view.stance_board(meeting)
        if board is None:
            return Text("")
        text = Text()
        text.append("Proposal: ", style="bold")
        text.append(board.proposal or "(none)")
        text.append(f"\n{board.given} of {board.expected} stances in", style="bold")
        if board.hidden:
            text.append(" (shown together when all are in)", style="italic")
            return text
        for _key, label, count, names in board.rows:
            text.append(f"\n{count:>2}  {label}", style="bold" if count else "dim")
            if names:
                text.append(": " + "; ".join(names))
        text.append(f"\nClosing the test now: {board.outcome.replace('_', ' ')}",
                    style="bold")
        return text
