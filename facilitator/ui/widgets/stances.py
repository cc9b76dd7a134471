"""The stance board of a test for agreement.

With `reveal: together` it shows only how many stances are in until all are; then every
option with its count and who chose it (with reasons), and what closing the test gives.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.i18n import _
from facilitator.ui import view, work
from facilitator.ui.kinds import words
from facilitator.ui.widgets.panel import MeetingPanel


class StanceBoardPanel(MeetingPanel):
    """Stances in a decide step. Where the board is short of room (80x24, a language
    longer than English), the options nobody chose share one line, and the rule's reminders
    at the end are left out before anything else is."""

    def basis(self, meeting: Meeting) -> tuple[Hashable, ...]:
        return (meeting, self.room())

    def room(self) -> int:
        """How many lines the panel shows (0: as many as it takes)."""
        height = self.styles.height
        return self.content_size.height if height is not None and not height.is_auto else 0

    def show(self, meeting: Meeting) -> Text:
        board = view.stance_board(meeting)
        if board is None:
            return Text("")
        run = meeting.run
        assert run is not None
        extras = work.decide_work(meeting, run, work.Seen())[1:]
        room = self.room()
        text = self._board(meeting, board, compact=False)
        if room and self._height(text) + len(extras) > room:
            text = self._board(meeting, board, compact=True)
        for line, style in extras:
            more = Text("\n" + line, style=style or "italic")
            if room and self._height(text + more) > room:
                break
            text.append_text(more)
        return text

    def _height(self, text: Text) -> int:
        width = max(self.content_size.width, 1)
        return len(text.wrap(self.app.console, width))

    @staticmethod
    def _board(meeting: Meeting, board: view.StanceBoard, compact: bool) -> Text:
        run = meeting.run
        assert run is not None
        text = Text()
        if board.proposal not in view.prompt(meeting):  # the prompt says it already
            text.append(_("Proposal: "), style="bold")
            text.append((board.proposal or _("(none)")) + "\n")
        missing = work.missing_stances(meeting, run)
        text.append(_("{given} of {expected} stances in").format(
            given=board.given, expected=board.expected), style="bold")
        text.append(" · " + _("not yet: {names}").format(names=", ".join(missing))
                    if missing else " · " + _("all in"), style="bold")
        if board.hidden:
            text.append("\n" + _("(shown together when all are in)"), style="italic")
            return text
        nobody = [label for _key, label, count, _names in board.rows if not count]
        for _key, label, count, names in board.rows:
            if compact and not count:
                continue
            text.append(f"\n{count:>2}  {label}", style="bold" if count else "dim")
            if names:
                text.append(": " + "; ".join(names))
        if compact and nobody:
            text.append(f"\n 0  {' · '.join(nobody)}", style="dim")
        text.append("\n" + _("Closing the test now: {outcome}").format(
            outcome=words(board.outcome)), style="bold")
        return text
