"""Who holds the floor, a large speaking timer, the speaker's limit and the step's timebox.

Over-time is said in words ("1m 30s over the step's 10m."), never by colour alone. On a
terminal of fewer than 30 lines (the screen's `-short` class) the large timer gives its
three lines to the stack, and the turn's time is said on the timebox line instead.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label

from facilitator.engine.state import Meeting
from facilitator.i18n import _
from facilitator.ui import timing
from facilitator.ui.kinds import engine_words
from facilitator.ui.speaking import speaking
from facilitator.ui.widgets.panel import say


class FloorPanel(Vertical):
    """The floor: speaker and why they speak, their timer in large digits, the timeboxes."""

    DEFAULT_CSS = """
    FloorPanel {
        height: auto;
    }
    FloorPanel #speaker { text-style: bold; width: 1fr; }
    FloorPanel Digits { width: auto; }
    FloorPanel #timebox { width: 1fr; }
    FloorPanel #warning { width: 1fr; text-style: bold; }
    FloorPanel.-over #warning { text-style: bold reverse; }
    FloorPanel.-idle Digits { display: none; }
    FloorPanel.-calm #warning { display: none; }
    FloorPanel #flag { width: 1fr; text-style: italic; display: none; }
    FloorPanel.-flagged #flag { display: block; }
    """

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting: Meeting | None = None
        self._subtitle: str | None = None  # the flag in the lower border, as said
        self.now = 0.0
        self.lang = lang  # its own language (a bilingual projector), else the current one

    def compose(self) -> ComposeResult:
        yield Label("", id="speaker", markup=False)
        yield Digits("0:00", id="timer")
        yield Label("", id="timebox", markup=False)
        yield Label("", id="warning", markup=False)
        yield Label("", id="flag", markup=False)

    def flag(self, flag: str, short: str = "") -> None:
        """The vibes-watcher's quiet flag (`Counsel.floor_flag`): in the panel's lower
        border, in fewer words (`short`) when the border is short of room for it, or else
        on a line of its own."""
        room = self.size.width - 6
        if cell_len(flag) > room and short and cell_len(short) <= room:
            flag = short
        fits = cell_len(flag) <= room or not self.size.width
        subtitle = flag if fits else ""
        if self._subtitle != subtitle:  # names in it are shown as typed, never as markup
            self._subtitle = subtitle
            self.border_subtitle = Text(subtitle) if subtitle else ""
        if self.is_mounted:
            say(self.query_one("#flag", Label), "" if fits else flag)
        self.set_class(bool(flag) and not fits, "-flagged")

    def on_mount(self) -> None:
        self.show(self.meeting, self.now)

    def on_resize(self) -> None:
        # The large timer came or went: the turn's time in words goes or comes with it.
        if self.query("#speaker"):  # not while the panel is being taken down
            self.show(self.meeting, self.now)

    def show(self, meeting: Meeting | None, now: float) -> None:
        """Show the floor at `now`; only what changed is drawn again."""
        self.meeting, self.now = meeting, now
        if meeting is None or not self.is_mounted:
            return
        with speaking(self.lang):
            self._show(meeting, now)

    def _show(self, meeting: Meeting, now: float) -> None:
        floor = timing.floor_timing(meeting, now)
        step = timing.step_timing(meeting, now)
        speaker, timebox, warning = (self.query_one(f"#{name}", Label)
                                     for name in ("speaker", "timebox", "warning"))
        digits = self.query_one(Digits)
        parts = []
        if meeting.floor is not None and floor is not None:
            say(speaker, _("{name} has the floor ({reason})").format(
                name=meeting.floor.name, reason=engine_words(meeting.floor.reason, meeting)))
            clock = timing.clock(floor.elapsed)
            if clock != digits.value:
                digits.update(clock)
            if self.screen.has_class("-short"):  # no room for the large timer
                parts.append(_("turn {time}").format(time=clock))
        else:
            say(speaker, _("Nobody holds the floor."))
        self.set_class(meeting.floor is None, "-idle")
        if floor is not None and floor.limit:
            parts.append(_("speaker limit {time}").format(time=timing.span(floor.limit)))
        if step is not None:
            if step.limit:
                parts.append(_("step {time} of {limit}").format(
                    time=timing.clock(step.elapsed), limit=timing.span(step.limit)))
            else:
                parts.append(_("step {time}, no timebox").format(
                    time=timing.clock(step.elapsed)))
        if meeting.paused_since is not None:
            parts.append(_("PAUSED"))
        say(timebox, " · ".join(parts))
        warnings = [t.warning for t in (floor, step) if t is not None and t.warning]
        over = any(t.over for t in (floor, step) if t is not None)
        self.set_class(over, "-over")
        self.set_class(not warnings, "-calm")
        say(warning, " ".join(warnings) + (" " + _("Extend, or move on when ready.")
                                           if over else ""))
