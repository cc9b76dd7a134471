"""Reading a terminal screen under the pseudo-locale: what is on it that did not go through
a catalog, and what is cut.

Under `xx-pseudo` every text the tool says is wrapped in ⟦…⟧ (`facilitator.i18n.pseudo`).
A screen is read line by line as the terminal shows it; each line is split where a panel's
border stands, and in each piece the wrapped texts are taken away (a wrapped text that goes
on to the next line leaves an open ⟦ at the end of one piece and a lone ⟧ at the start of
the next). What is left must be people's names and what they typed, key letters, figures,
times and marks; any other word is a text that was not translated. A piece that ends in
`…` inside a wrapped text was cut short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")
CUT = re.compile(r"…[\s─━═╯╮┘┐┛┓]*$")  # a text cut short, at the end of a line or border
BORDERS = re.compile(r"[│┃║▌▐╎╏┆┇┊┋|█▊▎]")
# Marks, frames, bars, big digits and punctuation: not words.
MARKS = re.compile(r"[▀▄▂▆─━═╭╮╰╯┌┐└┘├┤┬┴┼╋┏┓┗┛╸╺╹╻▔▁▂▃▄▅▆▇█░▒▓▶✓↷⏸•·…→↑↓›✗▼▲◀◢◣◤◥■□▪▫"
                   r"\s\d:;,.!?()\[\]{}<>+\-*/'\"=_#%@&^~`]")
NOT_WORDS = re.compile(r"\b\d+[hms](\d+[ms])?(\d+s)?\b|(?:/[\w.\-]+)+/?")


def screen_lines(app: Any) -> list[str]:
    """The screen as the terminal shows it now, one string per line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def leftover(line: str, allowed: Iterable[str],
             open_at: dict[int, bool] | None = None) -> tuple[str, bool]:
    """What on `line` is neither wrapped nor allowed, and whether a wrapped text on it was
    cut (`…` right after an open ⟦). `open_at` carries, from the line above to this one,
    the columns where a piece ended inside a wrapped text (which goes on here)."""
    open_at = {} if open_at is None else open_at
    left, cut, column = [], False, 0
    pieces = BORDERS.split(line)
    still_open: dict[int, bool] = {}
    for piece in pieces:
        start, column = column, column + len(piece) + 1
        body = piece
        if open_at.get(start):  # a wrapped text goes on from the line above
            if "⟧" not in body:
                still_open[start] = "⟦" not in body or body.rfind("⟦") > body.rfind("⟧")
                continue
            body = body[body.index("⟧") + 1:]
        body = WRAPPED.sub(" ", body)
        if "⟧" in body:  # the end of a wrapped text begun on the line above
            body = body[body.index("⟧") + 1:]
        if "⟦" in body:  # a wrapped text that goes on to the line below
            rest = body[body.index("⟦"):]
            cut = cut or bool(CUT.search(rest))
            body = body[:body.index("⟦")]
            still_open[start] = True
        for word in sorted(allowed, key=len, reverse=True):
            body = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", body)
        body = NOT_WORDS.sub(" ", body)
        body = MARKS.sub("", body)
        if body:
            left.append(body)
    open_at.clear()
    open_at.update(still_open)
    return "".join(left), cut


def untranslated(app: Any, allowed: Iterable[str]) -> list[str]:
    """The lines of the screen with text that did not go through a catalog, or cut. Key
    letters (the same in every language) are allowed on the key bar's lines only. While a
    dialog is open, only the dialog is read (the screen under it was read before)."""
    from textual.screen import ModalScreen

    from facilitator.ui.vocabulary import KEYS

    allowed = tuple(allowed)
    bar = _bar_rows(app)
    keys = (*allowed, *(k.shown for k in KEYS), "y", "n")  # a dialog's yes and no
    lines = screen_lines(app)
    modal = isinstance(app.screen, ModalScreen) and app.screen.children
    if modal:
        bar = set(range(app.size.height))  # a dialog's keys: (y), (n), the help's table
        box = app.screen.children[0].region
        lines = [line[box.x:box.right] if box.y <= n < box.bottom else ""
                 for n, line in enumerate(lines)]
    found = []
    open_at: dict[int, bool] = {}
    for number, line in enumerate(lines):
        left, cut = leftover(line, keys if number in bar else allowed, open_at)
        if left or cut:
            found.append(f"{number:2}: {line.rstrip()}   <- {'cut' if cut else left!r}")
    return found


def _bar_rows(app: Any) -> set[int]:
    from facilitator.ui.widgets.keybar import KeyBar

    rows: set[int] = set()
    for bar in app.screen.query(KeyBar):
        rows |= set(range(bar.region.y, bar.region.bottom))
    return rows


def clipped(app: Any) -> list[str]:

    """Widgets showing text whose content is taller than the room they have (text that
    is never seen), or that stand partly outside the screen."""
    from textual.containers import ScrollableContainer
    from textual.widgets import Label, Static

    from facilitator.ui.widgets.panel import MeetingPanel

    screen = app.screen
    size = app.size
    found = []
    for widget in screen.query("*"):
        if not widget.display or not widget.is_mounted or widget.region.area == 0:
            continue
        if not isinstance(widget, MeetingPanel | Static | Label):
            continue
        if any(isinstance(a, ScrollableContainer) for a in widget.ancestors):
            continue  # scrolled into view: nothing is lost
        region = widget.region
        if region.right > size.width or region.bottom > size.height:
            found.append(f"{widget!r} stands outside the screen at {region}")
            continue
        width = widget.content_size.width
        if width <= 0:
            continue
        needed = widget.get_content_height(widget.container_size, size, width)
        if needed > widget.content_size.height:
            found.append(f"{widget!r} needs {needed} lines and has "
                         f"{widget.content_size.height}")
    return found
