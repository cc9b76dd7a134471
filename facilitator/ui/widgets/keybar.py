"""The keys that fit the moment, in one line at the bottom of the meeting screen.

A light stand-in for textual's Footer: one widget, redrawn when the meeting changes, rather
than a widget per key recomposed on every change (which made the first screen slow).
Keys the screen hides (`check_action` returns False) are left out; every key, shown or
not, is in the help screen (`?`).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class KeyBar(Static):
    """`n Next  d Done  …` for the screen's active bindings that are shown."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    """

    def refresh_keys(self) -> None:
        text = Text()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled:
                continue
            if text:
                text.append(" ")
            key = binding.key_display or self.app.get_key_display(binding)
            text.append(key, style="bold reverse")
            text.append(f" {binding.description}")
        self.update(text)
