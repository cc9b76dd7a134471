"""`facilitator display`: a read-only, large view of the live meeting, for a projector.

It follows the meeting's journal as the facilitator's screen writes it: the step, the
prompt, who holds the floor with a large timer, and who speaks next. No command can be
given here. Serve it to remote participants with `textual serve "facilitator display"`.

A bilingual room: `facilitator display --lang es --also en` shows it twice, side by side,
the left column in the first language (`--lang`, else the group's), the right in the
other; each panel speaks its column's language (`MeetingPanel.lang`), names as typed.

| key | does |
| --- | --- |
| q, ctrl+q | quit |
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from facilitator import collect
from facilitator.clock import Clock
from facilitator.engine.state import Meeting
from facilitator.errors import FacilitatorError
from facilitator.i18n import _, current
from facilitator.session import HEARTBEAT
from facilitator.store.group import Group
from facilitator.store.journal import last_alive
from facilitator.ui import view
from facilitator.ui.follow import Follower
from facilitator.ui.speaking import speaking
from facilitator.ui.timing import span
from facilitator.ui.widgets.floor import FloorPanel
from facilitator.ui.widgets.panel import MeetingPanel
from facilitator.ui.widgets.prompt import PromptPanel
from facilitator.ui.widgets.stack import StackPanel
from facilitator.ui.widgets.stances import StanceBoardPanel

POLL_SECONDS = 0.5


STALE = 3 * HEARTBEAT  # seconds without a sign of life before the display says so


class Where(Label):
    """The header line: where the meeting stands, in its column's language."""

    def __init__(self, text: str, *, lang: str | None = None, **kwargs: str) -> None:
        super().__init__(text, markup=False, **kwargs)  # type: ignore[arg-type]
        self.lang = lang


class DisplayApp(App[int]):
    """The projector's view of the newest unfinished meeting (or the one named)."""

    BINDINGS = [Binding("q", "quit", "Quit")]
    CSS = """
    #where { height: 1; background: $primary; text-style: bold; padding: 0 1; width: 1fr; }
    #main { align: center top; padding: 1 2; }
    PromptPanel { margin: 1 0; padding: 1 2; border: heavy $primary; }
    FloorPanel { align-horizontal: center; }
    FloorPanel Label { text-align: center; }
    FloorPanel Digits { width: 1fr; text-align: center; }
    StackPanel, StanceBoardPanel { margin-top: 1; }
    #room { margin-top: 1; width: auto; }
    .where { height: auto; background: $primary; text-style: bold; padding: 0 1; width: 1fr; }
    #columns { height: auto; }
    .column { width: 1fr; height: auto; padding: 0 1; }
    """

    def __init__(self, group: Group, meeting_id: str | None, clock: Clock,
                 poll_seconds: float | None = POLL_SECONDS, also: str | None = None) -> None:
        """`also`: a second language, shown beside the first (see the module's docstring)."""
        super().__init__()
        self.langs = (current().lang, also) if also and also != current().lang else None
        self.group = group
        self.meeting_id = meeting_id
        self.clock = clock
        self.poll_seconds = poll_seconds
        self.follower: Follower | None = None
        self._room: tuple[object, object] | None = None

    def compose(self) -> ComposeResult:
        if self.langs is None:
            yield Where(_("Waiting for a meeting to start…"), id="where", classes="where")
            with Vertical(id="main"):
                yield PromptPanel(hints=False)
                yield FloorPanel()
                yield StackPanel()
                yield StanceBoardPanel()
                # the room's QR code, address and code, when open
                yield Static("", id="room", markup=False)
            return
        with Horizontal(id="columns"):
            for lang in self.langs:
                with Vertical(classes="column"):
                    with speaking(lang):
                        yield Where(_("Waiting for a meeting to start…"), classes="where",
                                    lang=lang)
                    panels = (PromptPanel(hints=False), StackPanel(), StanceBoardPanel())
                    for panel in panels:
                        panel.lang = lang
                    yield panels[0]
                    yield FloorPanel(lang=lang)
                    yield from panels[1:]
        with Vertical(id="main"):
            yield Static("", id="room", markup=False)

    def on_mount(self) -> None:
        self.poll()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll)
        self.call_after_refresh(collect.settle)  # the first screen is up

    def _find(self) -> Follower | None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            unfinished = self.group.unfinished_meetings()
            if not unfinished:
                return None
            meeting_id = unfinished[0].id
        return Follower(self.group.journal_path(meeting_id))

    def stopped_at(self, meeting: Meeting, now: float) -> float | None:
        """When the meeting was last seen alive, if that is too long ago (its heartbeat
        and its journal are both stale); None while it runs, or once it has ended."""
        if self.follower is None or meeting.ended or meeting.started_at is None:
            return None
        entries = self.follower.entries
        seen = max(last_alive(self.follower.path) or 0.0,
                   float(entries[-1]["at"]) if entries else 0.0)
        return seen if now - seen > STALE else None

    def show_room(self) -> None:
        """The room's way in, while `run --room` serves it (read from the group's folder)."""
        from facilitator.room.qr import qr_lines
        from facilitator.ui.room import read_room_file

        room = read_room_file(self.group)
        key = (room or {}).get("address"), (room or {}).get("code")
        if key == self._room:
            return
        self._room = key
        text = "" if room is None else "\n".join(
            [*qr_lines(str(key[0])), _("Take part from your phone: {address}").format(
                address=key[0]), _("Room code: {code}").format(code=key[1])])
        self.query_one("#room", Static).update(text)

    def say_where(self, said: str | None = None, stopped: float | None = None) -> None:
        """The header of each column, in its language: `said` (a sentence), else where
        the meeting stands (and since when it has stopped)."""
        meeting = self.follower.meeting if self.follower is not None else None
        for label in self.query(Where):
            with speaking(label.lang):
                if said is not None:
                    text = said
                elif meeting is None:
                    continue
                else:
                    text = view.header(meeting)
                    if stopped is not None:
                        text = _("STOPPED: no sign from the facilitator's computer for "
                                 "{time}").format(time=span(self.clock.now() - stopped)) \
                            + f" · {text}"
            label.update(text)

    def poll(self) -> None:
        """Catch up with the journal, then move the timers."""
        self.show_room()
        if self.follower is None:
            self.follower = self._find()
            if self.follower is None:
                return
        try:
            self.follower.refresh()
        except FacilitatorError as error:
            self.say_where(str(error))
            return
        meeting = self.follower.meeting
        if meeting is None:
            return
        now = self.clock.now()
        stopped = self.stopped_at(meeting, now)
        if stopped is not None:
            now = stopped  # its timers stand still where the meeting stopped
        for panel in self.query(MeetingPanel):
            panel.meeting = meeting
        for floor in self.query(FloorPanel):
            floor.show(meeting, now)
        self.say_where(stopped=stopped)
        if meeting.ended and self.meeting_id is None:
            self.follower = None  # the next meeting, when one opens, is shown
