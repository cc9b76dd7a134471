"""Key to screen as the meeting grows and as the room grows, against a bare Textual app's.

One key (space: pause, then resume) until the updated screen is composed for the terminal
(headless, 120x40; `bench_ui.key_latency`), for:
- a meeting of 100 journal entries and one of 30,000 (a discussion of twelve people);
- a general assembly: 300 people present and 100 hands on the stack;
against a bare App whose key updates a Label. Meetings are held in memory (no journal:
the fsync of a key is bench_journal's business), built once; each round measures every
app in turn (interleaved), and rounds are repeated. Bar: at most 1.5x the bare app's
median, in every case.

Run: python benchmarks/bench_keys.py [--rounds 5 --presses 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys

from bench_ui import Bare, key_latency
from workload import CYCLE, PEOPLE, PROTOCOL

from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library
from facilitator.session import LiveMeeting
from facilitator.ui.app import build_app

SOURCES = [("long.yaml", PROTOCOL)]


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
    for label in list(cases)[1:]:
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
