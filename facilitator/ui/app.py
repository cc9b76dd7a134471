"""The full-screen app: the picker, the meeting screen and the summary, built by one factory.

`build_app(live, group, library, sources, clock)` is what the command line and the tests
both call (tests with a FakeClock and a temporary group). With a live meeting the app opens
on it; otherwise on the picker (or, given `protocol`, on a new meeting of that protocol).

Themes: the default, and a high-contrast one (command palette, "Theme"); NO_COLOR is
respected (textual turns the screen monochrome), and nothing is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from facilitator import collect
from facilitator.clock import Clock
from facilitator.errors import FacilitatorError
from facilitator.i18n import _
from facilitator.protocols.model import Library
from facilitator.session import LiveMeeting, Sources
from facilitator.store.group import Group
from facilitator.ui.meeting import TICK_SECONDS, MeetingScreen
from facilitator.ui.palette import VocabularyProvider
from facilitator.ui.picker import PickerScreen
from facilitator.ui.room import ROOM_BINDINGS, RoomActions, RoomSetup

HIGH_CONTRAST = Theme(
    name="facilitator-high-contrast",
    primary="#ffffff", secondary="#ffff00", accent="#ffff00", warning="#ffff00",
    error="#ff5555", success="#00ff00", foreground="#ffffff", background="#000000",
    surface="#000000", panel="#000000", boost="#222222", dark=True,
)


class FacilitatorApp(RoomActions, App[int]):
    """facilitator in the terminal (with `room`, phones take part: facilitator.ui.room)."""

    CSS_PATH = "app.tcss"
    TITLE = "facilitator"
    COMMANDS = App.COMMANDS | {VocabularyProvider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # -short: no room for a QR code, nor for the record form's bordered fields
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = ROOM_BINDINGS

    def __init__(self, live: LiveMeeting | None, group: Group | None, library: Library,
                 sources: Sources, clock: Clock, *, protocol: str | None = None,
                 title: str = "", tick_seconds: float | None = TICK_SECONDS,
                 resumed: bool = False, room: RoomSetup | None = None) -> None:
        super().__init__()
        self.room_setup = room
        self.resumed = resumed
        self.live = live
        self.group = group
        self.library = library
        self.sources = sources
        self.clock = clock
        self.protocol = protocol
        self.meeting_title = title
        self.tick_seconds = tick_seconds
        self.register_theme(HIGH_CONTRAST)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification as plain text: refusals and warnings quote what people typed
        (a name, a proposal, a phone's reason), which must show as typed, never be read as
        markup (`[draft]` would vanish, `[link=…]` would stop the app)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def on_mount(self) -> None:
        if self.room_setup is not None:
            await self.start_room(self.room_setup)
        # Pushed, not the default screen: only pushed screens can be switched away from.
        self.push_screen(self.first_screen())
        self.call_after_refresh(collect.settle)  # the first screen is up

    def first_screen(self) -> Screen[None]:
        if self.live is None and self.protocol is not None:
            try:
                self.live = LiveMeeting.open(self.library, self.sources, self.protocol,
                                             self.clock, title=self.meeting_title,
                                             group=self.group)
            except FacilitatorError as error:
                self.call_later(self.notify, str(error), severity="error")
        if self.live is not None:
            return self._meeting_screen(self.live, self.resumed)
        group = self.group
        # The picker view shows plain rows (its own refactor decides its types).
        return PickerScreen(self.library,
                            [attrs.asdict(m) for m in group.unfinished_meetings()] if group else [],
                            [attrs.asdict(m) for m in group.meetings()] if group else [],
                            group.path if group else None)

    def action_new_meeting(self) -> None:
        """After a meeting has ended: back to the picker, to open the next one."""
        self.live = None
        self.protocol = None
        self.switch_screen(self.first_screen())

    def _meeting_screen(self, live: LiveMeeting, resumed: bool = False) -> MeetingScreen:
        roster = self.group.roster() if self.group else []
        return MeetingScreen(live, self.clock, [p.name for p in roster], self.tick_seconds,
                             resumed, {p.name: p.pronouns for p in roster if p.pronouns})

    def roster(self) -> list[str]:
        return [p.name for p in self.group.roster()] if self.group else []

    def open_meeting(self, protocol: str, title: str) -> None:
        """A new meeting of `protocol`, not yet started."""
        try:
            self.live = LiveMeeting.open(self.library, self.sources, protocol, self.clock,
                                         title=title, group=self.group)
        except FacilitatorError as error:
            self.notify(str(error), title=_("Not opened"), severity="error")
            return
        self.switch_screen(self._meeting_screen(self.live))

    def resume_meeting(self, meeting_id: str) -> None:
        """Take up an unfinished meeting from its journal."""
        assert self.group is not None
        try:
            self.live = LiveMeeting.resume(self.group, meeting_id, self.clock)
        except FacilitatorError as error:
            self.notify(str(error), title=_("Not resumed"), severity="error")
            return
        self.switch_screen(self._meeting_screen(self.live, resumed=True))

    def on_picker_screen_resume(self, message: PickerScreen.Resume) -> None:
        self.resume_meeting(message.meeting_id)

    def on_picker_screen_open(self, message: PickerScreen.Open) -> None:
        self.open_meeting(message.protocol, message.title)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield from super().get_system_commands(screen)
        yield SystemCommand(_("High contrast"), _("White on black, yellow marks"),
                            lambda: setattr(self, "theme", HIGH_CONTRAST.name))
        yield SystemCommand(_("Default theme"), _("The usual colours"),

                            lambda: setattr(self, "theme", "textual-dark"))

    async def on_unmount(self) -> None:
        await self.stop_room()
        if self.live is not None:
            self.live.close()  # unfinished meetings stay resumable: the journal holds them


def build_app(live: LiveMeeting | None, group: Group | None, library: Library,
              sources: Sources, clock: Clock, *, protocol: str | None = None,
              title: str = "", tick_seconds: float | None = TICK_SECONDS,
              resumed: bool = False, room: RoomSetup | None = None) -> FacilitatorApp:
    """The app, from explicit parts (the CLI and the tests call this). `resumed`: the live
    meeting was rebuilt from its journal (the screen says so). `room`: serve the
    participants' page (facilitator.ui.room)."""
    return FacilitatorApp(live, group, library, sources, clock, protocol=protocol,
                          title=title, tick_seconds=tick_seconds, resumed=resumed, room=room)
