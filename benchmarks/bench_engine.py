"""Cost per command as a meeting grows: 2,000 vs 20,000 commands as `simulate` runs them.

Prints microseconds per command for each size and their ratio. The bar: under 100 µs per
command on a 2-core machine, and flat (ratio near 1): no state copying that grows with the
meeting. Run: python benchmarks/bench_engine.py
"""

from __future__ import annotations

import time

from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library
from facilitator.session import LiveMeeting

PROTOCOL = """
version: 1
protocols:
  long:
    title: Long meeting
    steps:
      - {id: talk, kind: discussion, time: 8h}
"""
PEOPLE = [f"P{i}" for i in range(12)]
CYCLE = ([f"hand {p}" for p in PEOPLE[::2]] + ["next"] * 6 + ['note "a point"', "done"]
         + [f"hand {p} clarify" for p in PEOPLE[1::4]] + ["next"] * 3 + ["done"])


def commands(n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        out += CYCLE
    return out[:n]


def run(n: int) -> float:
    library, _ = build_library([("b.yaml", PROTOCOL)], include_builtin=False)
    clock = FakeClock()
    # What `simulate` does for each line: the engine, the entry kept for the minutes.
    live = LiveMeeting.open(library, [], "long", clock)
    for name in PEOPLE:
        live.do(f"join {name}")
    live.do("start")
    script = commands(n)
    started = time.perf_counter()
    for command in script:
        clock.advance(1)
        live.do(command)
    return (time.perf_counter() - started) / n * 1e6


def main() -> None:
    run(500)  # warm up
    small = min(run(2_000) for _ in range(3))
    large = min(run(20_000) for _ in range(3))
    print(f"2,000 commands:  {small:7.1f} µs per command")
    print(f"20,000 commands: {large:7.1f} µs per command")
    print(f"ratio 20,000 / 2,000: {large / small:.2f} (flat is 1.00)")
    verdict = "ok" if large < 100 and large / small < 1.5 else "OVER THE BAR"
    print(f"bar: < 100 µs and flat: {verdict}")


if __name__ == "__main__":
    main()
