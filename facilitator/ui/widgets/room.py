"""The room's panel on the facilitator's screen: how phones join, and what they do.

It shows the QR code, the address and the room code, whether phones' input is on, who
waits to be admitted (`A` admits) and the last things phones did, each with its source.
The app hands it the room after every change (attributes down).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from facilitator.room.hub import Room
from facilitator.room.qr import qr_lines
from facilitator.ui.widgets.panel import say

INPUT_WORDS = {"on": "phones: on", "no-stances": "phones: on, stances off",
               "off": "phones: OFF"}


class RoomBox(Vertical):
    """The room's corner of the screen: the QR code, drawn once, and the room's news."""

    DEFAULT_CSS = """
    RoomBox { height: auto; border: round $accent; padding: 0; }
    RoomBox > Static { height: auto; }
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
        self.border_title = "Room"


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
        text.append("Room code: ", style="bold")
        text.append(room.code + "\n", style="bold reverse")
        text.append(INPUT_WORDS[room.input] + " (R switches)\n")
        joined = sum(1 for seat in room.seats.values() if seat.admitted)
        text.append(f"{joined} phone{'' if joined == 1 else 's'} joined\n")
        if problem:
            text.append(problem + "\n", style="bold")
        waiting = room.waiting()
        if waiting:
            text.append(f"Waiting (A admits): {', '.join(waiting)}\n", style="bold")
        for arrival in list(room.arrivals)[-5:]:
            mark = "" if arrival.accepted else " ✗"
            text.append(f"from {arrival.source}: {arrival.said}{mark}\n")
        say(self, text)  # drawn again only when it changed
