"""The base of every panel of the meeting screen: it is handed the meeting and renders it.

"Attributes down": the screen assigns a new frozen `Meeting` (and the time, for panels with
timers). A key press must cost the same whatever the size of the meeting and the room, so
a panel draws again only when what it shows has changed:
- `basis` names what the panel's text is made of (the frozen parts of the meeting it
  reads, the time when it shows a running timer, the terminal's width); while every part
  is the very same object as last time, the text is not made again;
- a text made again that is equal to the one on the screen is not drawn again;
- a new layout of the screen is asked for only when the panel's height changes
  (`keeps_height`);
- a panel draws its text line by line (`BY_LINE`): each line of the text is made into the
  screen's cells once and kept while it is unchanged, and only the rows of the panel whose
  cells changed are drawn again. A hand raised below what the stack shows redraws one row
  (its "… and N more"), not the whole stack: with 200 phones in the room, a key does not
  pay for redrawing what the phones changed (benchmarks/bench_room.py).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from fractions import Fraction
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.visual import Visual, visualize
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


class Rows(Text):
    """A text made of rows, one under the other (a row may take several lines): a panel
    draws it row by row, without cutting it into lines again."""

    rows: list[Text]

    @classmethod
    def of(cls, rows: list[Text]) -> Rows:
        text = cls()
        for shown, row in enumerate(rows):
            if shown:
                text.append("\n")
            text.append_text(row)
        text.rows = rows
        return text


def fit(rows: Iterable[Text], total: int, room: int, width: int) -> Rows:
    """`rows`, one under the other, as many as `room` lines hold (all of them when `room`
    is 0), each row's wrapped lines counted at `width`; when some of the `total` rows are
    left out, a last line of its own says how many. `rows` is read only as far as is
    shown."""
    shown: list[Text] = []
    used = 0
    for row in rows:
        height = sum(cell_len(line) // max(width, 1) + 1 for line in row.plain.split("\n"))
        left = total - len(shown)
        if room and used + height + (left > 1) > room:
            shown.append(Text(_("… and {n} more").format(n=left), style="italic"))
            break
        shown.append(row)
        used += height
    return Rows.of(shown)


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
    # Drawn line by line (see the module's rules). A panel whose content is aligned
    # vertically (the prompt, centred) is drawn whole, as Textual draws any widget.
    BY_LINE = True
    KEPT_LINES = 2000  # lines of text kept made, per panel, before starting afresh

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
        self._rows: tuple[Text, list[Strip]] | None = None  # a text and its rows, drawn
        self._made: dict[Hashable, list[Strip]] = {}  # a line of text -> its rows
        self._made_for: tuple[int, Any] | None = None  # width and style they fit

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

    def unchanged(self, before: Meeting, after: Meeting) -> bool:
        """Whether the panel shows `after` as it shows `before` (their bases are the same)."""
        return same(self.basis(before), self.basis(after))

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
        # From here on the layout measures the new text, not the one it measured last.
        self.refresh(repaint=False)
        self.clear_cached_dimensions()
        if not keeps_height(self, old.plain, new.plain):
            self.refresh(layout=True)
            return
        drawn = self._rows
        if drawn is None or not self.BY_LINE or not self._fits():
            self.refresh()
            return
        before, after = drawn[1], self._draw(new)
        self._rows = (new, after)
        width = self.size.width
        changed = [y for y in range(max(len(before), len(after)))
                   if y >= len(before) or y >= len(after) or before[y] is not after[y]]
        if changed:
            self.refresh(*(Region(0, y, width, 1) for y in changed))

    def _fits(self) -> bool:
        """Whether the lines made so far fit the panel's width and style."""
        made_for = self._made_for
        return (made_for is not None and made_for[0] == self.size.width
                and made_for[1] is self.visual_style)

    def _draw(self, text: Text) -> list[Strip]:
        """The panel's rows for `text`: each line of it made into cells once, at the
        panel's width and in its style, and kept while that line stays the same."""
        width, style = self.size.width, self.visual_style
        if not self._fits() or len(self._made) > self.KEPT_LINES:
            self._made = {}
            self._made_for = (width, style)
        rows: list[Strip] = []
        lines = text.rows if isinstance(text, Rows) else text.split("\n", allow_blank=True)
        for line in lines:
            key = (line.plain, tuple(line.spans), line.style, line.justify, line.no_wrap,
                   line.overflow)
            made = self._made.get(key)
            if made is None:
                made = self._made[key] = Visual.to_strips(
                    self, visualize(self, line, markup=False), width, None, style)
            rows += made
        return rows

    def render_line(self, y: int) -> Strip:
        """One row of the panel (Textual asks only for the rows that were refreshed)."""
        if not self.BY_LINE:
            return super().render_line(y)
        text, drawn = self.text(), self._rows
        if drawn is None or drawn[0] is not text or not self._fits():
            drawn = self._rows = (text, self._draw(text))
        rows = drawn[1]
        if y < len(rows):
            return rows[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

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
