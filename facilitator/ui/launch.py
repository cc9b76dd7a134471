"""What the command line calls: `run`, `resume` and `display`, full-screen or plain.

The plain conversation is imported without textual, so `--plain` works where a
full-screen app cannot run.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from facilitator.clock import SystemClock
from facilitator.errors import FacilitatorError, StoreError
from facilitator.i18n import _
from facilitator.protocols.model import Library
from facilitator.session import LiveMeeting, Sources
from facilitator.store.group import Group

if TYPE_CHECKING:
    from textual.app import App

    from facilitator.ui.room import RoomSetup


def _no_room_in_plain(plain: bool, room: object) -> None:
    if plain and room is not None:
        raise StoreError(_("The room needs the full-screen app; leave out --plain to use "
                           "--room."))


def check_terminal(plain_instead: str | None) -> None:
    """Refuse, in a sentence, to draw a full screen where there is no terminal to draw it
    on (input or output redirected, TERM=dumb); `plain_instead` is the command to use."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return  # a driver that needs no terminal (`textual serve` puts the app in a browser)
    instead = (_("Use `{command}` for the same meeting line by line.").format(
        command=plain_instead) if plain_instead else _("Run it in a terminal."))
    if os.environ.get("TERM") == "dumb":
        raise FacilitatorError(_("This terminal (TERM=dumb) cannot draw the full screen.")
                               + " " + instead)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise FacilitatorError(_("The full screen needs a terminal, and the input or output "
                                 "here is not one.") + " " + instead)


def run_full_screen(app: App[Any], headless: bool = False) -> int:
    """Run `app`; its exit code: 0, or non-zero when it stopped on an error (Textual's
    `run` returns None then, as it does for a plain exit)."""
    app.run(headless=headless)
    return app.return_code or 0


def run(library: Library, sources: Sources, group: Group, protocol: str | None = None,
        plain: bool = False, title: str = "", room: RoomSetup | None = None) -> int:
    """`facilitator run [PROTOCOL]`: the picker, or a new meeting of PROTOCOL."""
    clock = SystemClock()
    if protocol is not None and library.protocol(protocol) is None:
        known = ", ".join(sorted(library.protocols))
        raise StoreError(_("There is no protocol `{id}`; the protocols are: {known}.").format(
            id=protocol, known=known))
    _no_room_in_plain(plain, room)
    if plain:
        from facilitator.ui.plain import converse

        return converse(None, group, library, sources, clock, protocol=protocol, title=title)
    check_terminal("facilitator run --plain")
    from facilitator.ui.app import build_app

    app = build_app(None, group, library, sources, clock, protocol=protocol, title=title,
                    room=room)
    return run_full_screen(app)


def _unfinished(group: Group, meeting_id: str | None) -> str:
    if meeting_id is not None:
        return meeting_id
    unfinished = group.unfinished_meetings()
    if not unfinished:
        raise StoreError(_("There is no unfinished meeting in this group; "
                           "`facilitator run` opens a new one."))
    return unfinished[0].id


def resume(group: Group, meeting_id: str | None, plain: bool = False,
           take_over: bool = False, room: RoomSetup | None = None,
           from_start: bool = False) -> int:
    """`facilitator resume [ID] [--take-over] [--from-start]`: take up an unfinished meeting
    (default: the latest); `take_over` for one left open on another laptop; `from_start`
    replays its whole journal, ignoring snapshots."""
    _no_room_in_plain(plain, room)
    clock = SystemClock()
    if not plain:
        check_terminal("facilitator resume --plain")
    live = LiveMeeting.resume(group, _unfinished(group, meeting_id), clock, take_over,
                              from_start)
    if plain:
        from facilitator.ui.plain import converse

        return converse(live, group, live.meeting.library, live.sources, clock)
    from facilitator.ui.app import build_app

    app = build_app(live, group, live.meeting.library, live.sources, clock, resumed=True,
                    room=room)
    return run_full_screen(app)


def display(group: Group, meeting_id: str | None, also: str | None = None) -> int:
    """`facilitator display [ID] [--also LANG]`: the read-only view for a projector, in a
    second language beside the first when `also` names one."""
    check_terminal(None)
    from facilitator.ui.display import DisplayApp

    return run_full_screen(DisplayApp(group, meeting_id, SystemClock(), also=also))

