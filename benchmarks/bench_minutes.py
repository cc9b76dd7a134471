"""Minutes of an 8-hour meeting with about 20,000 events, in every format, against reading
its journal alone (json.loads of each line), measured in the same run.

The bar: each format within 3x of reading the journal. Run it with
    python benchmarks/bench_minutes.py
It prints the figures and the ratios, and exits 1 when a format misses the bar.
"""

from __future__ import annotations

import gc
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from facilitator.clock import FakeClock
from facilitator.minutes import FORMATS, render
from facilitator.minutes.build import build_minutes
from facilitator.protocols.loader import build_library
from facilitator.session import LiveMeeting
from facilitator.store.journal_lines import encode
from facilitator.store.journal_read import read_journal

BAR = 3.0
HOURS = 8
PEOPLE = ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal"]
PROTOCOL = """\
version: 1
protocols:
  marathon:
    title: Marathon
    steps:
      - {id: discuss, kind: discussion, time: 10m, max_visits: 1000}
      - id: test
        kind: decide
        max_visits: 1000
        on: {passed: write-up, blocked: discuss, failed: discuss}
      - {id: write-up, kind: record, type: decision, max_visits: 1000, next: discuss}
"""


def meeting_journal(folder: Path) -> tuple[Path, int, float]:
    """Run the meeting; write its journal as a live meeting would. Returns the journal's
    path, its number of events and the meeting's length in seconds."""
    sources = [("marathon.yaml", PROTOCOL)]
    library, _ = build_library(sources)
    clock = FakeClock()
    live = LiveMeeting.open(library, sources, "marathon", clock, title="A long day")
    for name in PEOPLE:
        live.do(f"join {name}")
    live.do("role facilitator Ana")
    live.do("start")
    cycle = 0
    while clock.now() - live.meeting.setup.created_at < HOURS * 3600 - 120:
        cycle += 1
        for i in range(6):
            live.do(f"hand {PEOPLE[(cycle + i) % len(PEOPLE)]}")
        for _ in range(6):
            live.do("next")
            clock.advance(6 + cycle % 6)
        live.do("done")
        live.do(f"note Cycle {cycle}: the stack is empty <again> & we move on")
        live.do(f'propose "Proposal {cycle}: paint the shed {cycle % 5} colours"')
        live.do("advance")
        blocker = cycle % 3 == 0
        for n, name in enumerate(PEOPLE):
            if blocker and n == 2:
                live.do(f'stance {name} block "Not before the roof is fixed"')
            elif n == 3:
                live.do(f'stance {name} stand_aside "I will be away"')
            else:
                live.do(f"stance {name} agree")
        live.do("advance")
        if not blocker:
            live.do(f'record action "Buy paint for {cycle}" {PEOPLE[cycle % 8]} 2026-02-01')
            live.do("advance")
    live.do("end")
    path = folder / "journal.jsonl"
    header = {"journal": 1, "meeting": {"id": live.id, "title": "A long day",
                                        "protocol": "marathon", "created_at": 0.0},
              "setup": {"setup": live.meeting.setup.to_dict(), "sources": sources}}
    with path.open("wb") as out:
        out.write(encode(header))
        for entry in live.entries:
            out.write(encode(entry))
    events = sum(len(e["events"]) for e in live.entries)
    return path, events, clock.now() - live.meeting.setup.created_at


def best_of(fn: Callable[[], Any], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        gc.collect()  # each run starts from the same heap
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path, events, seconds = meeting_journal(Path(tmp))
        size = path.stat().st_size

        def read_lines() -> list[dict[str, Any]]:
            return [json.loads(line) for line in path.read_bytes().splitlines()]

        def minutes_as(fmt: str) -> Callable[[], str]:
            def run() -> str:
                journal = read_journal(path)
                minutes = build_minutes(journal.header["setup"]["setup"], journal.entries)
                return render(minutes, fmt)
            return run

        lines = len(read_lines())
        print(f"meeting: {seconds / 3600:.1f} h, {events} events, {lines} journal lines, "
              f"{size / 1e6:.1f} MB")
        baseline = best_of(read_lines)
        print(f"{'read the journal (json.loads each line)':<42} {baseline * 1000:8.1f} ms   1.00x")
        worst = 0.0
        for fmt in FORMATS:
            took = best_of(minutes_as(fmt))
            ratio = took / baseline
            worst = max(worst, ratio)
            size_out = len(minutes_as(fmt)())
            print(f"{'minutes as ' + fmt:<42} {took * 1000:8.1f} ms  {ratio:5.2f}x  "
                  f"({size_out / 1000:.0f} kB)")
        print(f"worst ratio {worst:.2f}x; bar {BAR:.1f}x: {'met' if worst <= BAR else 'MISSED'}")
        return 0 if worst <= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
