"""The room, seen from the facilitator's app: starting its server in the app's own loop,
handing phones' commands to the live meeting, admitting phones, switching their input.

Rules:
- The server runs as a task in Textual's asyncio loop; a command from a phone reaches the
  meeting through `room_give`, one at a time, in the order they arrive, by the same
  `LiveMeeting.do` as the keyboard (journaled, with its source, before it returns).
- The room never stops the meeting: a server that fails says so in the room's panel;
  anything a phone causes is caught at the server.
- `facilitator display` learns the address and code from `room.json` in the group's folder,
  written while the room is open.

| key | does |
| --- | --- |
| A | admit the first phone waiting (or turn it away) |
| R | phones' input: on, then stances off, then off, then on |
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from textual.app import ScreenStackError
from textual.binding import Binding
from textual.css.query import NoMatches

from facilitator.engine.commands import parse
from facilitator.engine.events import Event
from facilitator.errors import Refused
from facilitator.i18n import N_, _

# The room's server (uvicorn, starlette) and its widgets are imported when a room opens:
# a meeting without phones does not pay ~50 ms at every start for them.
if TYPE_CHECKING:
    from facilitator.room.hub import Room
    from facilitator.room.serve import RoomServer
    from facilitator.session import LiveMeeting
    from facilitator.store.group import Group
    from facilitator.ui.widgets.admit import Answer
    from facilitator.ui.widgets.room import RoomBox

DEFAULT_PORT = 8765
SHOW_EVERY = 0.1  # seconds: phones' actions reach the facilitator's screen this often
ROOM_FILE = "room.json"
ROOM_BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("A", "room_admit", "Admit", show=False),
    Binding("R", "room_switch", "Room input", show=False)]


@attrs.frozen
class RoomSetup:
    """What `--room`, `--room-host`, `--room-port` and `--room-code` asked for."""

    host: str = ""
    port: int = DEFAULT_PORT
    code: str = ""

    def resolved(self) -> RoomSetup:
        from facilitator.room.hub import new_code
        from facilitator.room.serve import local_address

        return RoomSetup(self.host or local_address(), self.port, self.code or new_code())


def room_file(group: Group | None) -> Path | None:
    return group.path / ROOM_FILE if group is not None else None


def read_room_file(group: Group) -> dict[str, Any] | None:
    """The open room's address and code, for the projector; None when no room is open."""
    path = room_file(group)
    try:
        data = json.loads(path.read_text("utf-8")) if path is not None else None
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class RoomActions:
    """The app's side of the room (mixed into FacilitatorApp)."""

    live: LiveMeeting | None
    group: Group | None
    room: Room | None = None
    room_server: RoomServer | None = None
    _room_news: list[Event] = []
    _room_shown: asyncio.Event | None = None
    _room_last_show = 0.0

    async def start_room(self, setup: RoomSetup) -> None:
        from facilitator.room.hub import Room
        from facilitator.room.serve import RoomServer

        setup = setup.resolved()
        # What the laptop holds by now (code, protocols, the meeting as opened, the app)
        # lives as long as the room: full garbage collections need not walk it again. With
        # 200 phones they come every few seconds, and walking it all took 80-200 ms, a
        # pause for every key and phone caught in one (benchmarks/README.md).
        gc.collect()
        gc.freeze()
        room = Room(setup.code, lambda: self.live, self.room_give)
        room.on_change = self._show_soon
        self._room_news = []
        server = RoomServer(room, setup.host, setup.port)
        self.room, self.room_server = room, server
        server.start()
        await server.ready.wait()
        self.room_changed()
        path = room_file(self.group)
        if path is not None and server.failed is None:
            with contextlib.suppress(OSError):
                path.write_text(json.dumps({"address": server.address, "code": room.code}))

    async def stop_room(self) -> None:
        if self.room is not None:
            self.room.on_change = lambda: None  # the screens are going: nothing to show
        if self.room_server is not None:
            await self.room_server.stop()
        path = room_file(self.group)
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        gc.unfreeze()

    def room_give(self, command: str, source: str) -> list[Event]:
        """A phone's command, given to the live meeting now; Refused as typed."""
        live = self.live
        if live is None:
            raise Refused(_("No meeting is open yet; wait for the facilitator to open it."))
        if parse(command).name == "end":
            raise Refused(_("Only the facilitator ends the meeting."))

        events = live.do(command, source=source)
        self._room_news.extend(events)
        self._show_soon()
        return events

    def _show_soon(self) -> None:
        """Phones' commands reach the screen together, at most every SHOW_EVERY seconds:
        200 phones must not keep the facilitator's screen redrawing all the time."""
        if self._room_shown is None or self._room_shown.is_set():
            self._room_shown = asyncio.Event()
            # At once after a quiet spell; else when SHOW_EVERY has passed since the last.
            wait = self._room_last_show + SHOW_EVERY - time.monotonic()
            if wait <= 0:
                self.call_later(self._show_now)  # type: ignore[attr-defined]
            else:
                self.set_timer(wait, self._show_now)  # type: ignore[attr-defined]

    def _show_now(self) -> None:
        from facilitator.ui.meeting import MeetingScreen

        self._room_last_show = time.monotonic()
        news, self._room_news = self._room_news, []
        try:
            screen = self.screen  # type: ignore[attr-defined]
            if isinstance(screen, MeetingScreen) and screen.live is self.live:
                screen.tell(news, own=False)
                screen.show()
            self.room_changed()
        except ScreenStackError:
            pass  # the app is closing: there is no screen to show it on
        except NoMatches:
            # The screen's panels are being built or taken down (this runs from the room's
            # timer, not the screen's): the screen's own next tick shows what phones did.
            pass
        finally:
            if self._room_shown is not None:
                self._room_shown.set()

    def room_pending(self) -> bool:
        """Whether what phones did is waiting for its show on the screen."""
        return self._room_shown is not None and not self._room_shown.is_set()

    async def room_shown(self) -> None:
        """Until what phones did so far is on the screen (tests, benchmarks)."""
        if self._room_shown is not None:
            await self._room_shown.wait()

    def room_panel(self) -> RoomBox | None:
        if self.room is None or self.room_server is None:
            return None
        from facilitator.ui.widgets.room import RoomBox

        return RoomBox(self.room, self.room_server.address,
                       problem=self.room_server.failed, id="room-box")

    def room_changed(self) -> None:
        if self.room is None:
            return
        from facilitator.ui.widgets.room import RoomPanel

        for panel in self.screen.query(RoomPanel):  # type: ignore[attr-defined]
            panel.show_room()

    def action_room_switch(self) -> None:
        if self.room is None:
            return
        from facilitator.room.hub import INPUT_STATES

        states = INPUT_STATES
        self.room.switch(states[(states.index(self.room.input) + 1) % len(states)])
        said = {"on": N_("on"), "no-stances": N_("no stances"), "off": N_("off")}
        self.notify(_("Phones' input: {state}.").format(  # type: ignore[attr-defined]
            state=_(said.get(self.room.input, self.room.input))), title=_("Room"))


    def action_room_admit(self) -> None:
        room = self.room
        if room is None or not room.waiting():
            self.notify(_("Nobody is waiting to be admitted."), title=_("Room"))  # type: ignore[attr-defined]
            return
        name = room.waiting()[0]
        live = self.live
        known = live is not None and name in live.meeting.people and any(
            s.name == name and s.admitted for s in room.seats.values())

        from facilitator.ui.widgets.admit import Admit

        def answered(answer: Answer | None) -> None:
            try:
                if answer == "admit":
                    room.admit(name)
                elif answer == "refuse":
                    room.refuse(name)
            except Exception as trouble:  # noqa: BLE001 - a refusal or the journal's error
                self.notify(str(trouble), title=_("Not admitted"), severity="warning")  # type: ignore[attr-defined]

            self.room_changed()

        self.push_screen(Admit(name, known), answered)  # type: ignore[attr-defined]
