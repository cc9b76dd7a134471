"""`facilitator simulate` end to end, in a process of its own, as scripts grow.

- Time per command, end to end: reading the script, running it, building and printing
  the minutes (`main(["simulate", ...])` timed inside the process, after the imports that
  any start pays), divided by N, at 2,000 and 20,000 commands. Bar: at most 70 µs per
  command, and flat (20,000 within 1.25x of 2,000).
- Peak memory (the process's maximum resident set) of a 50,000-command script against a
  1,000-command one. Bar: at most 1.5x.

Runs are interleaved (one of each size per round) and repeated; min and median are printed.
Run: python benchmarks/bench_simulate.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from workload import CYCLE, PEOPLE, PROTOCOL

RUN = """
import resource, sys, time
from facilitator.cli import main
import facilitator.script, facilitator.session, facilitator.minutes  # the fixed cost
start = time.perf_counter()
code = main(sys.argv[1:])
took = time.perf_counter() - start
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, took, file=sys.stderr)
sys.exit(code)
"""


def script(folder: Path, count: int) -> Path:
    commands = ["start"]
    while len(commands) < count + 1:
        commands += CYCLE
    lines = ["protocol: long", "participants: [" + ", ".join(PEOPLE) + "]", "commands:"]
    lines += [f"  - '{c}'" for c in commands[: count + 1]]
    path = folder / f"script-{count}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def simulate(path: Path, protocols: Path) -> tuple[float, int]:
    """Time of simulate's work and peak resident memory (KiB) of one `facilitator
    simulate` in a process of its own."""
    done = subprocess.run([sys.executable, "-c", RUN, "simulate", str(path), "--protocols",
                           str(protocols)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=True)
    peak, took = done.stderr.strip().splitlines()[-1].split()
    return float(took), int(peak)


def line(label: str, values: list[float], unit: str, scale: float = 1.0) -> str:
    return (f"{label:32} min {min(values) * scale:9.1f} {unit}  "
            f"median {statistics.median(values) * scale:9.1f} {unit}")


def main(rounds: int) -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-simulate-"))
    protocols = folder / "long.yaml"
    protocols.write_text(PROTOCOL, encoding="utf-8")
    sizes = (1_000, 2_000, 20_000, 50_000)
    paths = {n: script(folder, n) for n in sizes}
    simulate(paths[1_000], protocols)  # warm the protocol cache and the file system
    times: dict[int, list[float]] = {n: [] for n in sizes}
    peaks: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(rounds):
        for n in sizes:  # interleaved: one of each size per round
            seconds, peak = simulate(paths[n], protocols)
            times[n].append(seconds)
            peaks[n].append(peak)
    ok = True
    per: dict[int, list[float]] = {}
    for n in (2_000, 20_000):
        per[n] = [t / n for t in times[n]]
        print(line(f"simulate {n:,} commands", per[n], "µs/command", 1e6))
    for pick, name in ((min, "min"), (statistics.median, "median")):
        small, large = pick(per[2_000]) * 1e6, pick(per[20_000]) * 1e6
        verdict = large <= 70 and small <= 70 and large / small <= 1.25
        ok &= verdict or name == "min"
        print(f"  {name}: {small:.1f} and {large:.1f} µs/command, 20,000 / 2,000 = "
              f"{large / small:.2f}  (bar <= 70 µs, flat) {'ok' if verdict else 'OVER'}")
    print(line("peak memory, 1,000 commands", peaks[1_000], "MiB", 1 / 1024))
    print(line("peak memory, 50,000 commands", peaks[50_000], "MiB", 1 / 1024))
    for pick, name in ((min, "min"), (statistics.median, "median")):
        ratio = pick(peaks[50_000]) / pick(peaks[1_000])
        ok &= ratio <= 1.5 or name == "min"
        print(f"  {name}: 50,000 / 1,000 = {ratio:.2f}x  (bar 1.5x) "
              f"{'ok' if ratio <= 1.5 else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    sys.exit(main(parser.parse_args().rounds))
