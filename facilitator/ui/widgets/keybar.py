"""The keys that fit the moment, in one line at the bottom of the meeting screen.

A light stand-in for textual's Footer: one widget, redrawn when the meeting changes, rather
than a widget per key recomposed on every change (which made the first screen slow).
Keys the screen hides (`check_action` returns False) are left out; every key, shown or
not, is in the help screen (`?`). When one line is short of room the bar takes two; when
two are short of room too, the keys stand alone and only `? Help` and `E End` are spelled
out.

The bar changes with many keys (pause becomes resume, a step's keys come and go), so it
draws its lines itself: each is a few segments, a key and its words, made straight into
the screen's cells (`render_line`), not laid out again as a text through Textual's
content layer: 0.2 ms of a key's 4, where it was 0.5 (benchmarks/bench_keys.py).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widgets import Static

KEY_STYLE = Style(bold=True, reverse=True)


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

    # The shown bar's lines as cells, with what they were made for (bar, width, style).
    _cells: tuple[tuple[object, ...], list[Strip]] | None = None

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

    def on_resize(self) -> None:
        """A terminal made narrower or wider: the keys are fitted to it again (the bar is
        made for a width, and a key need not come before it is right)."""
        self.refresh_keys()

    def render_line(self, y: int) -> Strip:
        """A line of the bar: its keys (bold, reversed) and their words, in the bar's
        style, cut at the bar's width (the rest of the line is the bar's background, as
        for any text)."""
        if self._shown is None:
            return super().render_line(y)
        width, style = self.size.width, self.visual_style
        basis = (self._shown, width, style)
        if self._cells is None or not all(
                a is b for a, b in zip(self._cells[0], basis, strict=True)):
            base = style.rich_style
            self._cells = (basis, [Strip(self._segments(line, base)).crop(0, width)
                                   for line in self._shown[1].split("\n")])
        lines = self._cells[1]
        return lines[y] if y < len(lines) else Strip.blank(width, style.rich_style)

    @staticmethod
    def _segments(line: Text, base: Style) -> list[Segment]:
        """`line` (words, and keys marked by their spans) as segments in `base`."""
        plain, at, segments = line.plain, 0, []
        key = base + KEY_STYLE
        for span in line.spans:
            if span.start > at:
                segments.append(Segment(plain[at:span.start], base))
            segments.append(Segment(plain[span.start:span.end], key))
            at = span.end
        if at < len(plain):
            segments.append(Segment(plain[at:], base))
        return segments

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
            text.append(key, style=KEY_STYLE)
            if spelled(key):
                text.append(f" {description}")
        return text
