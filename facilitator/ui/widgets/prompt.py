"""The prompt of the current step in large, bold type, and what to do next."""

from __future__ import annotations

from rich.text import Text

from facilitator.engine.state import Meeting
from facilitator.ui import view
from facilitator.ui.widgets.panel import MeetingPanel


class PromptPanel(MeetingPanel):
    """The step's prompt with its placeholders filled; under it, a hint when one helps."""

    BY_LINE = False  # centred in its box: Textual aligns the whole text

    DEFAULT_CSS = """
    PromptPanel {
        text-align: center;
        content-align: center middle;
    }
    """

    def __init__(self, *, hints: bool = True, **kwargs: object) -> None:
        """`hints`: say what to do next (the facilitator's screen; not the projector's)."""
        super().__init__(**kwargs)
        self.hints = hints

    def show(self, meeting: Meeting) -> Text:
        text = Text(view.prompt(meeting), style="bold")
        hint = view.hint(meeting) if self.hints else ""
        if hint:
            text.append("\n" + hint, style="italic")
        return text
