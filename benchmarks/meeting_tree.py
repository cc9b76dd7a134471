"""A floor for the first screen: a bare Textual app that composes the meeting screen's
widget tree, with our stylesheet (`facilitator/ui/app.tcss`, read as a file) and the
words `run quick-decision` first shows, in plain Labels and Statics.

It imports nothing of facilitator: no engine, no protocols, no group, no meeting. What it
costs over a bare app showing one Static is what Textual costs to style, lay out and draw
a screen of this shape. `bench_start.py` times it beside both.
Run alone: python benchmarks/meeting_tree.py (headless when bench_start runs it).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Digits, Input, Label, Static

STYLES = Path(__file__).resolve().parent.parent / "facilitator" / "ui" / "app.tcss"

EXTRA = """
#floor { height: auto; }
#speaker, #timebox, #warning, #flag { width: 1fr; }
#speaker { text-style: bold; }
#prompt { text-align: center; content-align: center middle; }
#work, #timer, #warning, #flag, #commandline { display: none; }
#keys { dock: bottom; height: 1; background: $panel; padding: 0 1; }
"""


class MeetingTree(App[None]):
    CSS_PATH = STYLES
    CSS = EXTRA
    AUTO_FOCUS = ""  # as on the meeting screen: the keys belong to the screen

    def compose(self) -> ComposeResult:
        yield Label("Quick decision · not started", id="where")
        with Grid(id="body"):
            with Vertical(id="left"):
                yield Static("  1. Discuss\n  2. Test\n  3. Write up", id="outline")
                yield Static("Nobody yet: j joins someone.", id="people")
            with Vertical(id="center"):
                yield Static("Who is here? Join people, name the roles, then start.\n"
                             "Nobody has joined yet: join people by name.", id="prompt")
                yield Static("", id="work")
                with Vertical(id="floor"):
                    yield Label("Nobody holds the floor.", id="speaker")
                    yield Digits("0:00", id="timer")
                    yield Label("", id="timebox")
                    yield Label("", id="warning")
                    yield Label("", id="flag")
                yield Static("", id="stack")
                yield Static("", id="stances")
            right = VerticalScroll(id="right")
            right.can_focus = False  # as on the meeting screen
            with right:
                yield Static("No records yet.", id="records")
        yield Label("", id="news")
        yield Input(id="commandline")
        yield Static("enter Start j Join r Role o Propose : Cmd ? Help", id="keys")

    def on_mount(self) -> None:
        titles = {"outline": "Steps", "people": "People", "prompt": "Now",
                  "floor": "Floor", "right": "Records"}
        for widget_id, title in titles.items():
            self.query_one(f"#{widget_id}").border_title = title


if __name__ == "__main__":
    MeetingTree().run()
