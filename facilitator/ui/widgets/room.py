"""The room's panel on the facilitator's screen: how phones join, and what they do.

It shows the QR code, the address and the room code, whether phones' input is on, who
waits to be admitted (`A` admits) and the last things phones did, each with its source.
The app hands it the room after every change (attributes down).

The QR code is never wrapped (a wrapped code cannot be read). Where there is no room for
it (80 columns, or fewer than 30 lines: `app.tcss`) it is left out, and the panel starts
with the address and the code, which phones can type.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from facilitator.i18n import N_, _, ngettext
from facilitator.room.hub import ANONYMOUS, MARKED, Room
from facilitator.room.qr import qr_lines
from facilitator.ui.widgets.panel import say

PHONE = "'s phone"  # the engine's `own_device`: "Ana's phone"
N_("a phone")  # the suggestion box's source (`room.hub.ANONYMOUS`), for the catalogs
INPUT_WORDS = {
"on": N_("phones: on"), "no-stances": N_("phones: on, stances off"),
               "off": N_("phones: OFF")}


def source_words(source: str) -> str:
    """Where a phone's action came from ("Ana's phone", "a phone"), in the screen's
    language; the name as it is."""
    if source == ANONYMOUS:
        return _(ANONYMOUS)
    if source.endswith(PHONE):
        return _("{name}'s phone").format(name=source[:-len(PHONE)])
    return source


class RoomBox(Vertical):
    """The room's corner of the screen: the QR code, drawn once, and the room's news."""

    DEFAULT_CSS = """
    RoomBox { height: auto; border: round $accent; padding: 0; }
    RoomBox > Static { height: auto; }
    RoomBox #room-qr { width: auto; text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, room: Room, address: str, *, problem: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.panel = RoomPanel(room, address, problem=problem, id="room")
        self.qr = [] if problem else qr_lines(address)  # no QR code to a dead address

    def compose(self) -> ComposeResult:
        if self.qr:
            yield Static("\n".join(self.qr), id="room-qr")
        yield self.panel

    def on_mount(self) -> None:
        self.border_title = _("Room")


class RoomPanel(Static):
    """Address, room code, waiting names and the latest phone actions: what changes as
    phones take part (drawn again only when it changed; the QR code above never is)."""

    def __init__(self, room: Room, address: str, *, problem: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.room = room
        self.address = address
        self.problem = problem  # the server could not start

    def on_mount(self) -> None:
        self.show_room()

    def show_room(self) -> None:
        room, problem = self.room, self.problem
        text = Text()
        text.append(self.address + "\n", style="bold")
        text.append(_("Room code: "), style="bold")
        text.append(room.code + "\n", style="bold reverse")
        text.append(_(INPUT_WORDS[room.input]) + " " + _("(R switches)") + "\n")
        joined = sum(1 for seat in room.seats.values() if seat.admitted)
        text.append(ngettext("{n} phone joined", "{n} phones joined", joined).format(n=joined)
                    + "\n")
        if problem:
            text.append(problem + "\n", style="bold")
        waiting = room.waiting()
        if waiting:
            text.append(_("Waiting (A admits): {names}").format(names=", ".join(waiting))
                        + "\n", style="bold")
        for arrival in list(room.arrivals)[-5:]:
            said = _(arrival.said) if arrival.said in MARKED else arrival.said
            if not arrival.accepted:
                said = _("{said} (refused)").format(said=said) + " ✗"
            text.append(_("from {source}: {said}").format(source=source_words(arrival.source),
                                                          said=said) + "\n")

        say(self, text)  # drawn again only when it changed
