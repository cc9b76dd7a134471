"""The base of every panel of the meeting screen: it is handed the meeting and renders it.

"Attributes down": the screen assigns a new frozen `Meeting` (and the time, for panels with
timers). A key press must cost the same whatever the size of the meeting and the room, so
a panel draws again only when what it shows has changed:
- `basis` names what the panel's text is made of (the frozen parts of the meeting it
  reads, the time when it shows a running timer, the terminal's width); while every part
  is the very same object as last time, the text is not made again;
- a text made again that is equal to the one on the screen is not drawn again;
- a new layout of the screen is asked for only when the panel's height changes
  (`keeps_height`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from fractions import Fraction
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from facilitator.engine.state import Meeting
from facilitator.i18n import _
from facilitator.ui.speaking import speaking

_VALUES = (int, float, str, bool, type(None))


def same(old: tuple[Any, ...], new: tuple[Any, ...]) -> bool:
    """Whether two bases are the same: frozen parts by identity (a deep comparison of a
    meeting would cost what this saves), plain values by value."""
    if len(old) != len(new):
        return False
    for a, b in zip(old, new, strict=True):
        if a is not b and not (isinstance(a, _VALUES) and isinstance(b, _VALUES) and a == b):
            return False
    return True


def fixed_height(widget: Widget) -> bool:
    """Whether the widget's height is set (cells, `fr`, %), not measured from its text."""
    height = widget.styles.height
    return height is not None and not height.is_auto


def fit(rows: Iterable[Text], total: int, room: int, width: int) -> Text:
    """`rows`, one under the other, as many as `room` lines hold (all of them when `room`
    is 0), each row's wrapped lines counted at `width`; when some of the `total` rows are
    left out, the last line says how many. `rows` is read only as far as is shown."""
    text = Text()
    used = 0
    for shown, row in enumerate(rows):
        height = sum(cell_len(line) // max(width, 1) + 1 for line in row.plain.split("\n"))
        left = total - shown
        if room and used + height + (left > 1) > room:
            text.append(_("… and {n} more").format(n=left), style="italic")
            break
        if shown:
            text.append("\n")
        text.append_text(row)
        used += height
    return text


def keeps_height(widget: Widget, old: str, new: str) -> bool:
    """Whether the layout would give `widget`, with the content it now renders (`new`, in
    place of `old`), the height it has: always for a widget of fixed height; for one of
    `auto` height, when both have as many lines and none is wrapped, or else when its
    content, measured as the layout measures it, takes the height it has now (within its
    min- and max-height)."""
    if fixed_height(widget):
        return True
    size, extrema = widget.content_size, getattr(widget, "_extrema", None)
    if size.width <= 0 or extrema is None:  # never laid out yet
        return False
    if old.count("\n") == new.count("\n") and all(
            cell_len(line) <= size.width for line in (*old.split("\n"), *new.split("\n"))):
        return True
    _, _, low, high = extrema
    content = Fraction(widget.get_content_height(widget.container_size, widget.app.size,
                                                 size.width))
    if low is not None:
        content = max(content, low)
    if high is not None:
        content = min(content, high)
    return int(content) == size.height


def say(widget: Static, content: str | Text) -> None:
    """Show `content` in a label-like widget, unless it shows it already."""
    said: str | Text | None = getattr(widget, "_said", None)
    if said is not None and type(said) is type(content) and said == content:
        return
    widget._said = content  # type: ignore[attr-defined]
    widget.update(content, layout=False)
    old = "" if said is None else (said if isinstance(said, str) else said.plain)
    if not keeps_height(widget, old, content if isinstance(content, str) else content.plain):
        widget.refresh(layout=True)


class MeetingPanel(Widget):
    """A panel that shows one side of the meeting, in the current language or in its own
    (`lang`: one column of a bilingual projector)."""

    lang: str | None = None

    DEFAULT_CSS = """
    MeetingPanel {
        height: auto;
    }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._meeting: Meeting | None = None
        self._now = 0.0
        self._basis: tuple[Any, ...] | None = None
        self._text = Text("")

    @property
    def meeting(self) -> Meeting | None:
        """The meeting as it stands; assigned by the screen after every change."""
        return self._meeting

    @meeting.setter
    def meeting(self, meeting: Meeting | None) -> None:
        self._meeting = meeting
        self.redraw()

    def basis(self, meeting: Meeting) -> tuple[Hashable, ...]:
        """What the text is made of, besides the terminal's width. By default the meeting
        itself: a new text after every command."""
        return (meeting,)

    def text(self) -> Text:
        """The panel's text, made again only when its basis changed."""
        meeting = self._meeting
        if meeting is None:
            return Text("")
        basis = (*self.basis(meeting), self.app.size.width)
        if self._basis is None or not same(self._basis, basis):
            self._basis = basis
            with speaking(self.lang):
                self._text = self.show(meeting)
        return self._text

    def redraw(self) -> None:
        """Draw again if the text changed; lay the screen out again only if its height may.
        A hidden panel waits until it is shown (it is drawn then, from its basis)."""
        if not self.is_mounted or self.styles.display == "none":
            return
        old = self._text
        new = self.text()
        if new is old or new == old:
            return
        self.refresh()
        if not keeps_height(self, old.plain, new.plain):
            self.refresh(layout=True)

    def render(self) -> Text:
        return self.text()

    def room(self) -> int:
        """How many lines the panel shows: its content's height when that is set, else 0
        (as many as its text takes)."""
        return self.content_size.height if fixed_height(self) else 0

    def show(self, meeting: Meeting) -> Text:
        raise NotImplementedError


class TimedPanel(MeetingPanel):
    """A panel whose content moves with the clock (timers, airtime)."""

    def basis(self, meeting: Meeting) -> tuple[Hashable, ...]:
        return (meeting, self._now)

    @property
    def now(self) -> float:
        """Epoch seconds, assigned by the screen on every tick."""
        return self._now

    @now.setter
    def now(self, now: float) -> None:
        if now != self._now:
            self._now = now
            self.redraw()
