"""`facilitator display`: a read-only, large view of the live meeting, for a projector.

It follows the meeting's journal as the facilitator's screen writes it: the step, the
prompt, who holds the floor with a large timer, and who speaks next. No command can be
given here. Serve it to remote participants with `textual serve "facilitator display"`.

| key | does |
| --- | --- |
| q, ctrl+q | quit |
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from facilitator.clock import Clock
from facilitator.engine.state import Meeting
from facilitator.errors import FacilitatorError
from facilitator.session import HEARTBEAT
from facilitator.store.group import Group
from facilitator.store.journal import last_alive
from facilitator.ui import view
from facilitator.ui.follow import Follower
from facilitator.ui.timing import span
from facilitator.ui.widgets.floor import FloorPanel
from facilitator.ui.widgets.panel import MeetingPanel
from facilitator.ui.widgets.prompt import PromptPanel
from facilitator.ui.widgets.stack import StackPanel
from facilitator.ui.widgets.stances import StanceBoardPanel

POLL_SECONDS = 0.5


STALE = 3 * HEARTBEAT  # seconds without a sign of life before the display says so


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
    """

    def __init__(self, group: Group, meeting_id: str | None, clock: Clock,
                 poll_seconds: float | None = POLL_SECONDS) -> None:
        super().__init__()
        self.group = group
        self.meeting_id = meeting_id
        self.clock = clock
        self.poll_seconds = poll_seconds
        self.follower: Follower | None = None
        self._room: tuple[object, object] | None = None

    def compose(self) -> ComposeResult:
        yield Label("Waiting for a meeting to start…", id="where")
        with Vertical(id="main"):
            yield PromptPanel(hints=False)
            yield FloorPanel()
            yield StackPanel()
            yield StanceBoardPanel()
            yield Static("", id="room")  # the room's QR code, address and code, when open

    def on_mount(self) -> None:
        self.poll()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll)

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
            [*qr_lines(str(key[0])), f"Take part from your phone: {key[0]}",
             f"Room code: {key[1]}"])
        self.query_one("#room", Static).update(text)

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
            self.query_one("#where", Label).update(str(error))
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
        floor = self.query_one(FloorPanel)
        floor.show(meeting, now)
        header = view.header(meeting)
        if stopped is not None:
            header = (f"STOPPED: no sign from the facilitator's computer for "
                      f"{span(self.clock.now() - stopped)} · {header}")
        self.query_one("#where", Label).update(header)
        if meeting.ended and self.meeting_id is None:
            self.follower = None  # the next meeting, when one opens, is shown
