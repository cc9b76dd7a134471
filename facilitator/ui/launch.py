"""What the command line calls: `run`, `resume` and `display`, full-screen or plain.

The plain conversation is imported without textual, so `--plain` works where a
full-screen app cannot run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.clock import SystemClock
from facilitator.errors import StoreError
from facilitator.protocols.model import Library
from facilitator.session import LiveMeeting, Sources
from facilitator.store.group import Group

if TYPE_CHECKING:
    from facilitator.ui.room import RoomSetup


def _no_room_in_plain(plain: bool, room: object) -> None:
    if plain and room is not None:
        raise StoreError("The room needs the full-screen app; leave out --plain to use "
                         "--room.")


def run(library: Library, sources: Sources, group: Group, protocol: str | None = None,
        plain: bool = False, title: str = "", room: RoomSetup | None = None) -> int:
    """`facilitator run [PROTOCOL]`: the picker, or a new meeting of PROTOCOL."""
    clock = SystemClock()
    if protocol is not None and library.protocol(protocol) is None:
        known = ", ".join(sorted(library.protocols))
        raise StoreError(f"There is no protocol `{protocol}`; the protocols are: {known}.")
    _no_room_in_plain(plain, room)
    if plain:
        from facilitator.ui.plain import converse

        return converse(None, group, library, sources, clock, protocol=protocol, title=title)
    from facilitator.ui.app import build_app

    app = build_app(None, group, library, sources, clock, protocol=protocol, title=title,
                    room=room)
    return app.run() or 0


def _unfinished(group: Group, meeting_id: str | None) -> str:
    if meeting_id is not None:
        return meeting_id
    unfinished = group.unfinished_meetings()
    if not unfinished:
        raise StoreError("There is no unfinished meeting in this group; "
                         "`facilitator run` opens a new one.")
    return str(unfinished[0]["id"])


def resume(group: Group, meeting_id: str | None, plain: bool = False,
           room: RoomSetup | None = None) -> int:
    """`facilitator resume [ID]`: take up an unfinished meeting (default: the latest)."""
    _no_room_in_plain(plain, room)
    clock = SystemClock()
    live = LiveMeeting.resume(group, _unfinished(group, meeting_id), clock)
    if plain:
        from facilitator.ui.plain import converse

        return converse(live, group, live.meeting.library, live.sources, clock)
    from facilitator.ui.app import build_app

    app = build_app(live, group, live.meeting.library, live.sources, clock, resumed=True,
                    room=room)
    return app.run() or 0


def display(group: Group, meeting_id: str | None) -> int:
    """`facilitator display [ID]`: the read-only view for a projector."""
    from facilitator.ui.display import DisplayApp

    app = DisplayApp(group, meeting_id, SystemClock())
    return app.run() or 0
