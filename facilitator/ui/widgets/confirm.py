"""A modal that asks yes or no (ending the meeting).

| key | does |
| --- | --- |
| y, enter on Yes | yes |
| n, escape | no |
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from facilitator.i18n import _


class Confirm(ModalScreen[bool]):
    """Returns True for yes."""

    # The keys are y and n in every language (see docs: key letters never change).
    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n", "answer(False)", "No"),
                Binding("escape", "answer(False)", "No", show=False)]

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical {
        width: 64; max-width: 95%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    Confirm Label { width: 1fr; }
    Confirm #question { text-style: bold; }
    Confirm Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    Confirm Button { margin-left: 2; }
    """

    def __init__(self, question: str, detail: str = "", yes: str = "", no: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.labels = (yes or _("Yes"), no or _("No"))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="question", markup=False)
            if self.detail:
                yield Label(self.detail, markup=False)
            with Horizontal():
                yield Button(f"{self.labels[1]} (n)", id="no")
                yield Button(f"{self.labels[0]} (y)", id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
