"""Resuming a meeting as its journal grows: 30,000 entries against 1,000.

`LiveMeeting.resume` (read the journal, take up its last snapshot, replay what follows,
hold the lock) is timed in this process, interleaved (one of each size per round) and
repeated. Also: a 30,250-entry journal, whose last snapshot is 249 entries back (the
worst case of a snapshot every 250) against 1,249, and the 30,000 replayed from the start.
Bar: 30,000 entries at most 1.5x 1,000 entries.

Run: python benchmarks/bench_resume.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from workload import CYCLE, PEOPLE, PROTOCOL

from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library
from facilitator.session import SNAPSHOT_EVERY, LiveMeeting
from facilitator.store.group import Group


def meeting(group: Group, entries: int) -> tuple[str, float]:
    """A meeting of `entries` journal entries (snapshots as a live meeting writes them),
    written without fsync to save the set-up's time. Returns its id and last time."""
    sources = [("long.yaml", PROTOCOL)]
    library, _ = build_library(sources, include_builtin=False)
    clock = FakeClock()
    real_fsync = os.fsync
    os.fsync = lambda fd: None  # set-up only: the timing below reads, it does not write
    try:
        live = LiveMeeting.open(library, sources, "long", clock, group=group)
        for name in PEOPLE:
            live.do(f"join {name}")
        live.do("start")
        i = 0
        while len(live.entries) < entries:
            clock.advance(1)
            live.do(CYCLE[i % len(CYCLE)])
            i += 1
        live.close()
    finally:
        os.fsync = real_fsync
    return live.id, clock.now()


def resume(group: Group, meeting_id: str, at: float, from_start: bool = False) -> float:
    start = time.perf_counter()
    live = LiveMeeting.resume(group, meeting_id, FakeClock(at + 1), from_start=from_start)
    took = time.perf_counter() - start
    live.close()
    return took


def ms(values: list[float]) -> str:
    return f"min {min(values) * 1e3:7.1f} ms  median {statistics.median(values) * 1e3:7.1f} ms"


def main(rounds: int) -> int:
    group = Group(Path(tempfile.mkdtemp(prefix="bench-resume-")) / "group")
    late = SNAPSHOT_EVERY - 1
    sizes = {"1,000 entries": 1_000, "30,000 entries": 30_000,
             f"1,000 + {late} entries": 1_000 + late, f"30,000 + {late} entries": 30_000 + late}
    made = {label: meeting(group, n) for label, n in sizes.items()}
    times: dict[str, list[float]] = {label: [] for label in sizes}
    full: list[float] = []
    for meeting_id, at in made.values():
        resume(group, meeting_id, at)  # warm
    for round_ in range(rounds):
        for label, (meeting_id, at) in made.items():
            times[label].append(resume(group, meeting_id, at))
        if round_ < 3:  # the old way, for comparison (slow: a few rounds)
            meeting_id, at = made["30,000 entries"]
            full.append(resume(group, meeting_id, at, from_start=True))
    for label in sizes:
        print(f"resume, {label:22} {ms(times[label])}")
    print(f"resume, 30,000 from the start  {ms(full)}  (the replay snapshots spare)")
    ok = True
    pairs = (("30,000 entries", "1,000 entries"),
             (f"30,000 + {late} entries", f"1,000 + {late} entries"),
             (f"30,000 + {late} entries", "1,000 entries"))
    for label, against in pairs:
        for pick, name in ((min, "min"), (statistics.median, "median")):
            ratio = pick(times[label]) / pick(times[against])
            verdict = ratio <= 1.5
            if label == "30,000 entries" and name == "median":
                ok &= verdict
            print(f"  {label} / {against}, {name}: {ratio:.2f}x  (bar 1.5x) "
                  f"{'ok' if verdict else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    sys.exit(main(parser.parse_args().rounds))
