"""Key to screen as the meeting grows and as the room grows, against a bare Textual app's.

One key (space: pause, then resume) until the updated screen is composed for the terminal
(headless, 120x40; `bench_ui.key_latency`), for:
- a meeting of 100 journal entries and one of 30,000 (a discussion of twelve people);
- a general assembly: 300 people present and 100 hands on the stack;
against a bare App whose key updates a Label. Meetings are held in memory (no journal:
the fsync of a key is bench_journal's business), built once; each round measures every
app in turn (interleaved), and rounds are repeated. Bar: at most 1.5x the bare app's
median, in every case. For the record (no bar), the same against two floors, bare apps
whose key changes the five widgets a pause changes on the meeting screen: one with those
widgets alone, and one with the meeting screen's whole widget tree and stylesheet
(`meeting_tree.py`, importing nothing of facilitator). What a key costs in Textual grows
with what it changes on the screen, and with what stands around it.

Run: python benchmarks/bench_keys.py [--rounds 5 --presses 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys

from bench_ui import Bare, key_latency
from meeting_tree import MeetingTree
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static
from workload import CYCLE, PEOPLE, PROTOCOL

from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library
from facilitator.session import LiveMeeting
from facilitator.ui.app import build_app

SOURCES = [("long.yaml", PROTOCOL)]


class Flips:
    """A floor's key: space changes what a pause changes on the meeting screen, five
    widgets (the top line, the prompt, the floor's timer line, the news, the key line),
    without asking for a new layout (none of them changes height), as the meeting screen
    does. (Each app names the binding: Textual reads BINDINGS from its widget classes.)"""

    BAR = "#bar"
    flipped = False

    def action_flip(self, layout: bool = False) -> None:
        self.flipped = not self.flipped
        paused = "PAUSED · " if self.flipped else ""
        query = self.query_one  # type: ignore[attr-defined]
        query("#where", Label).update(f"{paused}Long meeting › Talk (step 1 of 1)",
                                      layout=layout)
        query("#prompt", Static).update(
            "Paused: every timer stands still. Resume when the group is back."
            if self.flipped else "Open discussion: raise a hand to speak.", layout=layout)
        query("#timebox", Label).update(
            "step 1:27 of 8h" + (" · PAUSED" if self.flipped else ""), layout=layout)
        query("#news", Label).update(
            "Paused: every timer stands still." if self.flipped else "Resumed after 0s.",
            layout=layout)
        query(self.BAR, Static).update(
            "o Propose n Next d Done h Hand space " + ("Resume" if self.flipped else "Pause"),
            layout=layout)


class BareFive(Flips, App[None]):
    """For the record, not the bar: a bare app with only the five widgets a pause changes
    on the meeting screen, in the same places."""

    BINDINGS = [("space", "flip", "Flip")]
    CSS = """
    Label { width: 1fr; }
    #prompt { border: round $accent; height: 7; content-align: center middle; }
    #floor { border: round $accent; height: 4; }
    #news, #bar { dock: bottom; height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="where")
        with Vertical():
            yield Static("", id="prompt")
            with Vertical(id="floor"):
                yield Label("Nobody holds the floor.")
                yield Label("", id="timebox")
        yield Label("", id="bar")
        yield Label("", id="news")

    def on_mount(self) -> None:
        self.action_flip(layout=True)


class BareTree(Flips, MeetingTree):
    """For the record, not the bar: the meeting screen's widget tree and stylesheet, with
    no facilitator behind it."""

    BINDINGS = [("space", "flip", "Flip")]
    BAR = "#keys"

    def on_mount(self) -> None:
        super().on_mount()
        self.action_flip(layout=True)


def meeting(entries: int, people: int = 12, hands: int = 0) -> LiveMeeting:
    library, _ = build_library(SOURCES, include_builtin=False)
    clock = FakeClock()
    live = LiveMeeting.open(library, SOURCES, "long", clock)
    names = PEOPLE if people == 12 else [f"P{i}" for i in range(people)]
    for name in names:
        live.do(f"join {name}")
    live.do("start")
    for name in names[:hands]:
        live.do(f"hand {name}")
    i = 0
    while len(live.entries) < entries:
        clock.advance(1)
        live.do(CYCLE[i % len(CYCLE)])
        i += 1
    return live


def maker(live: LiveMeeting):  # type: ignore[no-untyped-def]
    library = live.meeting.library
    return lambda: build_app(live, None, library, SOURCES, FakeClock(live.clock.now()),
                             tick_seconds=None)


def ms(values: list[float]) -> str:
    return f"min {min(values) * 1e3:6.1f} ms  median {statistics.median(values) * 1e3:6.1f} ms"


async def main(rounds: int, presses: int) -> int:
    cases = {"bare Textual app": Bare,
             "bare app changing five widgets": BareFive,
             "bare meeting tree, five widgets": BareTree,
             "100 entries": maker(meeting(100)),
             "30,000 entries": maker(meeting(30_000)),
             "300 present, 100 on the stack": maker(meeting(0, people=300, hands=100))}
    times: dict[str, list[float]] = {label: [] for label in cases}
    for make in cases.values():
        await key_latency(make, 3)  # warm
    for _ in range(rounds):
        for label, make in cases.items():
            times[label] += await key_latency(make, presses)
    for label, values in times.items():
        print(f"key to screen, {label:30} {ms(values)}")
    ok = True
    base = times["bare Textual app"]
    for floor in ("bare app changing five widgets", "bare meeting tree, five widgets"):
        ratio = statistics.median(times[floor]) / statistics.median(base)
        print(f"  {floor} / bare, median: {ratio:.2f}x  (a floor, no bar)")
    for label in list(cases)[3:]:
        for floor in ("bare app changing five widgets", "bare meeting tree, five widgets"):
            ratio = statistics.median(times[label]) / statistics.median(times[floor])
            print(f"  {label} / {floor}, median: {ratio:.2f}x  (no bar)")
        for pick, name in ((min, "min"), (statistics.median, "median")):
            ratio = pick(times[label]) / pick(base)
            if name == "median":
                ok &= ratio <= 1.5
            print(f"  {label} / bare, {name}: {ratio:.2f}x  (bar 1.5x) "
                  f"{'ok' if ratio <= 1.5 else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.rounds, args.presses)))
