"""Admitting a phone whose name the meeting does not have (or a second phone for a name).

| key | does |
| --- | --- |
| y | admit (joining them to the meeting if they are new) |
| n | turn the phone away |
| escape | decide later |
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from facilitator.i18n import _

Answer = Literal["admit", "refuse", "later"]


class Admit(ModalScreen[Answer]):
    """Asks about one waiting name; returns admit, refuse or later."""

    BINDINGS = [Binding("y", "answer('admit')", "Admit"),
                Binding("n", "answer('refuse')", "Turn away"),
                Binding("escape", "answer('later')", "Later")]

    DEFAULT_CSS = """
    Admit { align: center middle; }
    Admit > Vertical {
        width: 64; max-width: 95%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    Admit #question { text-style: bold; }
    """

    def __init__(self, name: str, known: bool) -> None:
        super().__init__()
        self.person = name
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Let {name}'s phone into the room?").format(name=self.person),
                        id="question", markup=False)
            yield Label(_("{name} already has a phone in the room; admitting this one "
                          "lets the other go.").format(name=self.person) if self.known else
                        _("{name} is not on this meeting's list; admitting joins them.").format(
                            name=self.person), markup=False)
            yield Label(_("y admit · n turn away · escape later"))


    def action_answer(self, answer: Answer) -> None:
        self.dismiss(answer)
