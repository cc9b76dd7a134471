"""Group commands and opening a meeting as the history grows: 500 meetings against 10,
measured in the same run, interleaved and repeated; and rebuilding the cache from 500.

Each case runs as a person runs it, a whole `facilitator ...` process (the bar: at most
1.1x at 500 meetings what it costs at 10), and in-process (a fresh Group, memory read once,
imports already loaded) to show what is left of the history's cost once start-up is not
counted. Min and median of the repeats. `meetings --all` (every meeting, not the newest
20) is shown beside them and not held to the bar.

Run: python benchmarks/bench_group.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_journal import build_group

from facilitator.cli import main as cli
from facilitator.clock import FakeClock
from facilitator.opening import open_group
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting

COMMANDS = (["meetings"], ["actions"], ["decisions"], ["principles"], ["roster"],
            ["roles", "suggest"], ["workload"], ["airtime"], ["moratorium"],
            ["meetings", "--all"])
# Shown, not held to the bar: a listing of every meeting grows with them by its nature.
UNBARRED = ("meetings --all",)
OPEN = """
import sys
from facilitator.clock import SystemClock
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.opening import open_group
from facilitator.session import LiveMeeting
sources = [builtin_source()]
library, _ = build_library(sources, include_builtin=False)
LiveMeeting.open(library, sources, "weekly-meeting", SystemClock(), group=open_group(sys.argv[1]))
"""
SIZES = (10, 500)


def process(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def in_process(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        call()
    return time.perf_counter() - start


def row(name: str, small: list[float], large: list[float]) -> tuple[str, float]:
    ratio = statistics.median(large) / statistics.median(small)
    return (f"{name:22} {min(small) * 1e3:8.1f} {statistics.median(small) * 1e3:8.1f} "
            f"{min(large) * 1e3:8.1f} {statistics.median(large) * 1e3:8.1f} {ratio:6.2f}x",
            ratio)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    repeats = parser.parse_args().repeats
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    exe = [sys.executable, "-m", "facilitator"]
    with tempfile.TemporaryDirectory(prefix="bench-group-") as tmp:
        groups = {n: str(build_group(Path(tmp) / f"g{n}", n).path) for n in SIZES}
        for path in groups.values():
            open_group(path).meetings()  # the cache, built once (measured below)
            with contextlib.redirect_stdout(io.StringIO()):
                cli(["principles", "--group", path, "add", "We start on time."])
        cases = [(" ".join(c), c) for c in COMMANDS] + [("open a meeting", None)]
        proc: dict[tuple[str, int], list[float]] = {}
        inproc: dict[tuple[str, int], list[float]] = {}
        for _ in range(repeats):
            for name, argv in cases:
                for n in SIZES:  # interleaved: a busy moment hits both sizes alike
                    path = groups[n]
                    if argv is None:
                        p = process([sys.executable, "-c", OPEN, path])
                        i = in_process(lambda path=path: LiveMeeting.open(
                            library, sources, "weekly-meeting", FakeClock(),
                            group=open_group(path)))
                    else:
                        p = process([*exe, *argv, "--group", path])
                        i = in_process(lambda argv=argv, path=path: cli([*argv, "--group", path]))
                    proc.setdefault((name, n), []).append(p)
                    inproc.setdefault((name, n), []).append(i)
        ok = True
        for title, table, bar in (("whole process (bar 1.1x)", proc, True),
                                  ("in-process, after start-up", inproc, False)):
            print(f"\n{title}: ms at {SIZES[0]} meetings (min, median), at {SIZES[1]}, "
                  "ratio of medians")
            print(f"{'case':22} {'min':>8} {'median':>8} {'min':>8} {'median':>8} {'ratio':>7}")
            for name, _ in cases:
                line, ratio = row(name, table[(name, SIZES[0])], table[(name, SIZES[1])])
                print(line)
                ok &= ratio <= 1.1 or not bar or name in UNBARRED
        rebuilds = []
        for _ in range(repeats):
            for cache in Path(groups[500]).glob("memory.*"):
                cache.unlink()
            start = time.perf_counter()
            open_group(groups[500]).meetings()
            rebuilds.append(time.perf_counter() - start)
        size = sum(p.stat().st_size for p in Path(groups[500]).glob("memory.*")) / 1e6
        print(f"\nrebuilding the cache from 500 meetings: min {min(rebuilds) * 1e3:.0f} ms, "
              f"median {statistics.median(rebuilds) * 1e3:.0f} ms (cache files {size:.2f} MB)")
        print("\nOK" if ok else "\nOVER THE BAR")


if __name__ == "__main__":
    main()
