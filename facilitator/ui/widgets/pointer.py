"""An option list whose highlighted option carries a pointer, so the highlight is not
told by colour alone (a projector, a monochrome terminal, NO_COLOR).

Options are given without indentation; every option that can be chosen gets two columns
in front: `▶ ` when highlighted, blank otherwise. Disabled options (headings) get none.
Options are plain text, never markup: they show meeting titles and proposals as typed.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

POINTER = "▶ "
BLANK = "  "


class PointerList(OptionList):
    _labels: dict[int, str] | None = None  # each option's label as given, before marking

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, markup=False, **kwargs)

    def on_mount(self) -> None:
        self.mark()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.mark()

    def mark(self) -> None:
        """Put the pointer on the highlighted option and blanks before the others."""
        if self._labels is None:
            self._labels = {i: str(self.get_option_at_index(i).prompt)
                            for i in range(self.option_count)}
        for index, label in self._labels.items():
            if self.get_option_at_index(index).disabled:
                continue
            want = (POINTER if index == self.highlighted else BLANK) + label
            if str(self.get_option_at_index(index).prompt) != want:
                self.replace_option_prompt_at_index(index, want)
