"""The room's panel on the facilitator's screen: how phones join, and what they do.

It shows the QR code, the address and the room code, whether phones' input is on, who
waits to be admitted (`A` admits) and the last things phones did, each with its source.
The app hands it the room after every change (attributes down).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.room.hub import Room
from facilitator.room.qr import qr_lines
from facilitator.ui.widgets.panel import say

INPUT_WORDS = {"on": "phones: on", "no-stances": "phones: on, stances off",
               "off": "phones: OFF"}


class RoomPanel(Static):
    """QR code, address, room code, waiting names and the latest phone actions."""

    DEFAULT_CSS = """
    RoomPanel { height: auto; border: round $accent; padding: 0; }
    """

    def __init__(self, room: Room, address: str, *, problem: str | None = None,
                 **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.room = room
        self.address = address
        self.problem = problem  # the server could not start: no QR code to a dead address
        self.qr = [] if problem else qr_lines(address)

    def on_mount(self) -> None:
        self.border_title = "Room"
        self.show_room()

    def show_room(self) -> None:
        room, problem = self.room, self.problem
        text = Text()
        for line in self.qr:
            text.append(line + "\n")
        text.append(self.address + "\n", style="bold")
        text.append("Room code: ", style="bold")
        text.append(room.code + "\n", style="bold reverse")
        text.append(INPUT_WORDS[room.input] + " (R switches)\n")
        if problem:
            text.append(problem + "\n", style="bold")
        waiting = room.waiting()
        if waiting:
            text.append(f"Waiting (A admits): {', '.join(waiting)}\n", style="bold")
        for arrival in list(room.arrivals)[-5:]:
            mark = "" if arrival.accepted else " ✗"
            text.append(f"from {arrival.source}: {arrival.said}{mark}\n")
        say(self, text)  # drawn again only when it changed
