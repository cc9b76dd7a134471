"""A small modal that asks for a line of text (a name to join, a reason, a proposal).

| key | does |
| --- | --- |
| enter | done |
| tab, right | take the completion shown in grey |
| escape | cancel |
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label

from facilitator.ui.widgets.commandline import take_completion


class Ask(ModalScreen[str | None]):
    """Returns the text typed (stripped; may be empty), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("tab", "complete", "Complete", show=False, priority=True)]

    DEFAULT_CSS = """
    Ask { align: center middle; }
    Ask > Vertical {
        width: 70; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    Ask Label { width: 1fr; }
    Ask #question { text-style: bold; }
    Ask #help { text-style: italic; }
    """

    def __init__(self, question: str, value: str = "", *, help: str = "",
                 suggester: Suggester | None = None) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.help = help
        self.suggester = suggester

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="question", markup=False)
            yield Input(self.value, suggester=self.suggester)
            if self.help:
                yield Label(self.help, id="help", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_complete(self) -> None:
        take_completion(self.query_one(Input))

    def action_cancel(self) -> None:
        self.dismiss(None)
