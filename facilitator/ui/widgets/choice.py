"""A small modal that asks for one choice from a list (a name, a role, a stance, a time).

| key | does |
| --- | --- |
| up, down, enter | choose |
| 1-9 | choose the numbered option |
| escape | cancel |
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from facilitator.ui.widgets.pointer import PointerList


class Choice(ModalScreen[str | None]):
    """Returns the value of the chosen option, or None when cancelled."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(str(n), f"number({n})", show=False) for n in range(1, 10)),
    ]

    DEFAULT_CSS = """
    Choice { align: center middle; }
    Choice > Vertical {
        width: 60; max-width: 90%; height: auto; max-height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    Choice #question { width: 1fr; text-style: bold; margin-bottom: 1; }
    Choice OptionList { height: auto; max-height: 16; }
    """

    def __init__(self, question: str, options: list[tuple[str, str]]) -> None:
        """`options` are (value, label) pairs, shown numbered in that order."""
        super().__init__()
        self.question = question
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="question", markup=False)
            yield PointerList(*[Option(f"{i}. {label}" if i < 10 else f"   {label}", id=str(i))
                                for i, (_, label) in enumerate(self.options, 1)])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.options[int(event.option.id or 1) - 1][0])

    def action_number(self, n: int) -> None:
        if n <= len(self.options):
            self.dismiss(self.options[n - 1][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
