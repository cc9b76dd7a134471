"""The keys that fit the moment, in one line at the bottom of the meeting screen.

A light stand-in for textual's Footer: one widget, redrawn when the meeting changes, rather
than a widget per key recomposed on every change (which made the first screen slow).
Keys the screen hides (`check_action` returns False) are left out; every key, shown or
not, is in the help screen (`?`). When one line is short of room the bar takes two; when
two are short of room too, the keys stand alone and only `? Help` and `E End` are spelled
out.
"""

from __future__ import annotations

from collections.abc import Callable

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

    # Spelled out even when the line is short of room: how to learn the rest, how to stop.
    ALWAYS_SAID = ("?", "E")

    _shown: tuple[int, Text] | None = None  # the bar on the screen, with its height

    _basis: tuple[object, ...] | None = None

    def refresh_keys(self, basis: tuple[object, ...] | None = None) -> None:
        """Draw the bar again; not at all when the screen says what the bar is made of
        (`basis`) and that has not changed since the last time."""
        if basis is not None and basis == self._basis:
            return
        self._basis = basis
        keys: list[tuple[str, str]] = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled:
                continue
            label = getattr(self.screen, "key_label", None)
            keys.append((binding.key_display or self.app.get_key_display(binding),
                         label(binding) if label else binding.description))
        # The terminal's width, not the widget's: measuring ourselves would re-measure
        # after every update (the bar is as wide as the terminal, less its padding).
        room = self.app.size.width - 2
        full = sum(len(k) + len(d) + 2 for k, d in keys) - 1  # no space after the last
        height, text = 1, None
        if room < full:
            lines = self._lines(keys, room)
            if len(lines) == 2:
                height = 2
                text = Text("\n").join(self._line(line, lambda key: True) for line in lines)
        if text is None:
            text = self._line(keys, spelled=lambda key: full <= room or
                              key in self.ALWAYS_SAID)
        if (height, text) == self._shown:  # a key that changes nothing here draws nothing
            return
        self._shown = (height, text)
        if self.styles.height is None or self.styles.height.value != height:
            self.styles.height = height
        self.update(text, layout=False)  # the bar's height is set above, never measured

    @staticmethod
    def _lines(keys: list[tuple[str, str]], room: int) -> list[list[tuple[str, str]]]:
        """The keys with their words, broken into lines of at most `room` characters."""
        lines: list[list[tuple[str, str]]] = [[]]
        used = 0
        for key, description in keys:
            width = len(key) + len(description) + 2
            if lines[-1] and used + width > room + 1:
                lines.append([])
                used = 0
            lines[-1].append((key, description))
            used += width
        return lines

    @staticmethod
    def _line(keys: list[tuple[str, str]], spelled: Callable[[str], bool]) -> Text:
        text = Text()
        for key, description in keys:
            if text:
                text.append(" ")
            text.append(key, style="bold reverse")
            if spelled(key):
                text.append(f" {description}")
        return text
