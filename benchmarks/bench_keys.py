"""Key to screen as the meeting grows and as the room grows, against a bare Textual app's.

One key (space: pause, then resume) until the updated screen is composed for the terminal
(headless, 120x40; `bench_ui.key_latency`), for:
- a meeting of 100 journal entries and one of 30,000 (a discussion of twelve people);
- a general assembly: 300 people present and 100 hands on the stack;
against a bare App whose key updates a Label. Meetings are held in memory (no journal:
the fsync of a key is bench_journal's business), built once; each round measures every
app in turn (interleaved), and rounds are repeated. Bar: at most 1.5x the bare app's
median, in every case. For the record (no bar), the same against a bare app whose key
changes the five widgets a pause changes on the meeting screen: what a key costs in
Textual grows with what it changes on the screen.

Run: python benchmarks/bench_keys.py [--rounds 5 --presses 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys

from bench_ui import Bare, key_latency
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static
from workload import CYCLE, PEOPLE, PROTOCOL

from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library
from facilitator.session import LiveMeeting
from facilitator.ui.app import build_app

SOURCES = [("long.yaml", PROTOCOL)]


class BareFive(App[None]):
    """For the record, not the bar: a bare app whose key changes what a pause changes on
    the meeting screen, five widgets in the same places (the top line, a bordered
    prompt of five centred lines, a timer line, the news and the key line)."""

    CSS = """
    #prompt { border: round $accent; height: 7; content-align: center middle; }
    #floor { border: round $accent; height: 4; }
    #news, #bar { dock: bottom; height: 1; }
    """
    BINDINGS = [("space", "flip", "Flip")]
    flipped = False

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
        self.action_flip()

    def action_flip(self) -> None:
        self.flipped = not self.flipped
        paused = "PAUSED · " if self.flipped else ""
        self.query_one("#where", Label).update(f"{paused}Long meeting › Talk (step 1 of 1)")
        self.query_one("#prompt", Static).update(
            "Paused: every timer stands still. Resume when the group is back."
            if self.flipped else "Open discussion: raise a hand to speak.")
        self.query_one("#timebox", Label).update(
            "step 1:27 of 8h" + (" · PAUSED" if self.flipped else ""))
        self.query_one("#news", Label).update(
            "Paused: every timer stands still." if self.flipped else "Resumed after 0s.")
        self.query_one("#bar", Label).update(
            "o Propose n Next d Done h Hand space " + ("Resume" if self.flipped else "Pause"))


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
    for label in list(cases)[2:]:
        five = statistics.median(times[label]) / statistics.median(times[
            "bare app changing five widgets"])
        print(f"  {label} / bare app changing five widgets, median: {five:.2f}x  (no bar)")
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
