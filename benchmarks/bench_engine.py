"""Cost per command as a meeting grows, against the engine as it was before a change.

The same workload (what `simulate` does for each line: the engine, and the entry kept for
the minutes) runs at 2,000 and 20,000 commands, in a fresh process each time, for this
tree and for a baseline revision taken out of git (default: the last commit before step
kinds became records and events became classes). The two alternate, round after round, so
a busy machine slows both alike. Prints min and median µs per command, the ratio this
tree / baseline at each size (bar: no slower, 1.05 for noise), and flatness 20,000 / 2,000
(bar: under 1.5, under 100 µs).

Run: python benchmarks/bench_engine.py [--against REV] [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
BASELINE = "eef1aea"  # before "One step kind, one place"

# The meeting (benchmarks/workload.py, shared with the other benchmarks) and the loop, as
# one text run in a fresh process against either tree: the baseline has no workload.py.
WORKLOAD = (Path(__file__).resolve().parent / "workload.py").read_text("utf-8") + r'''
import sys, time
from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library
from facilitator.session import LiveMeeting


def run(n):
    library, _ = build_library([("b.yaml", PROTOCOL)], include_builtin=False)
    clock = FakeClock()
    live = LiveMeeting.open(library, [], "long", clock)
    for name in PEOPLE:
        live.do(f"join {name}")
    live.do("start")
    script = (CYCLE * (n // len(CYCLE) + 1))[:n]
    started = time.perf_counter()
    for command in script:
        clock.advance(1)
        live.do(command)
    return (time.perf_counter() - started) / n * 1e6


run(500)  # warm up
print(run(int(sys.argv[1])))
'''


def measure(tree: Path, n: int) -> float:
    result = subprocess.run([sys.executable, "-c", WORKLOAD, str(n)], cwd=tree,
                            env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"bench_engine: the tree in {tree} could not run the workload "
                         f"({last}). A baseline from before the group memory (such as "
                         f"{BASELINE}) imports tinydb: `pip install tinydb` into this "
                         "environment, or name another revision with --against.")
    return float(result.stdout.strip())


def baseline_tree(rev: str, into: Path) -> Path:
    """The package as it was at `rev`, unpacked into `into`."""
    archive = subprocess.run(["git", "-C", str(HERE), "archive", rev, "facilitator"],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"bench_engine: git cannot find revision {rev!r} here "
                         f"({archive.stderr.decode().strip()}); name one with --against.")
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default=BASELINE, help="baseline revision")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = baseline_tree(args.against, Path(tmp))
        times: dict[tuple[str, int], list[float]] = {}
        for _ in range(args.rounds):
            for n in (2_000, 20_000):
                for name, tree in (("this tree", HERE), ("baseline", old_tree)):
                    times.setdefault((name, n), []).append(measure(tree, n))
    print(f"µs per command, {args.rounds} rounds, alternating (min / median):")
    for (name, n), values in times.items():
        print(f"  {name:9} {n:>6,} commands: {min(values):6.1f} / "
              f"{statistics.median(values):6.1f}")
    ok = True
    for n in (2_000, 20_000):
        ratio = min(times["this tree", n]) / min(times["baseline", n])
        median = (statistics.median(times["this tree", n])
                  / statistics.median(times["baseline", n]))
        ok &= ratio <= 1.05
        print(f"ratio this tree / baseline at {n:,}: {ratio:.2f} (median {median:.2f})")
    small, large = min(times["this tree", 2_000]), min(times["this tree", 20_000])
    print(f"flatness 20,000 / 2,000: {large / small:.2f} (flat is 1.00)")
    ok &= large < 100 and large / small < 1.5
    print(f"bar: no slower than the baseline, < 100 µs and flat: {'ok' if ok else 'OVER THE BAR'}")


if __name__ == "__main__":
    main()
