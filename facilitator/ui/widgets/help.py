"""The help screen (`?`): the keys, then every command as written on the command line."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator.engine.commands import COMMANDS
from facilitator.i18n import _
from facilitator.ui.vocabulary import KEYS


def help_text() -> Text:
    text = Text()
    text.append(_("Keys") + "\n", style="bold underline")
    for key in KEYS:
        text.append(f"{key.shown:>8}  ", style="bold")
        text.append(_(key.help).format(n=key.shown) + "\n")
    text.append("\n" + _("The command line (:) takes every command, exactly as in scripts")
                + "\n", style="bold underline")
    for spec in COMMANDS.values():
        text.append(spec.usage, style="bold")
        text.append(f"\n    {_(spec.what)}\n")
    text.append("\n" + _("A command that does not fit the moment is refused with a sentence "
                         "saying why; nothing changes."), style="italic")
    return text


class HelpScreen(ModalScreen[None]):
    """Scrollable help; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = _("Help (escape closes)")

            yield Static(help_text())

    def action_close(self) -> None:
        self.dismiss(None)
