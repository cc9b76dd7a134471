"""Starting facilitator, each in a fresh process, against baselines timed in the same run.

- `facilitator protocols` against `python -c "import textual.app"`. Bar: at most 0.5x.
- the first screen of `facilitator run quick-decision` (headless, 120x40, until the screen
  is composed and idle) against a bare Textual app showing one Static. Bar: at most 1.2x.
- `facilitator --help` (no bar; for the record).

Each round runs every command once, in turn (interleaved); rounds are repeated; min and
median wall times are printed. The protocol cache is warm (its first fill is a start like
any other after a change of protocols.yaml, and is printed too).
Run: python benchmarks/bench_start.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import compileall
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import facilitator

FIRST_SCREEN = """
import sys
from textual.app import App

original = App.run


def run(self, *args, **kwargs):
    async def leave(pilot):
        await pilot.pause()
        pilot.app.exit()

    return original(self, headless=True, size=(120, 40), auto_pilot=leave)


App.run = run
if sys.argv[1] == "bare":
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("bare")

    Bare().run()
else:
    from facilitator.cli import main

    sys.exit(main(sys.argv[2:]))  # a refusal must fail the benchmark, not time an error
"""


def timed(argv: list[str], env: dict[str, str]) -> float:
    """One run, its input and output a pseudo-terminal of its own, as in a terminal (the
    full screen refuses to start without one; headless, nothing is drawn on it)."""
    parent, child = pty.openpty()
    try:
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdin=child, stdout=child, stderr=child, check=True)
        return time.perf_counter() - start
    finally:
        os.close(child)
        os.close(parent)


def show(label: str, values: list[float]) -> None:
    print(f"{label:34} min {min(values) * 1e3:7.1f} ms  "
          f"median {statistics.median(values) * 1e3:7.1f} ms")


def verdict(label: str, ours: list[float], base: list[float], bar: float) -> bool:
    ok = True
    for pick, name in ((min, "min"), (statistics.median, "median")):
        ratio = pick(ours) / pick(base)
        if name == "median":
            ok = ratio <= bar
        print(f"  {label}, {name}: {ratio:.2f}x  (bar {bar}x) {'ok' if ratio <= bar else 'OVER'}")
    return ok


def main(rounds: int) -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-start-"))
    # As `pip install .` leaves it: the package compiled to bytecode (an editable install,
    # or PYTHONDONTWRITEBYTECODE, would have every start compile our sources, and not
    # textual's, which pip compiled).
    compileall.compile_dir(Path(facilitator.__file__).parent, quiet=1)
    env = {**os.environ, "FACILITATOR_CACHE": str(folder / "cache"),
           "FACILITATOR_GROUP": str(folder / "group")}
    python = sys.executable
    commands = {
        "import textual.app": [python, "-c", "import textual.app"],
        "facilitator protocols": [python, "-m", "facilitator.cli", "protocols"],
        "bare Textual app, one Static": [python, "-c", FIRST_SCREEN, "bare"],
        "first screen of run quick-decision": [python, "-c", FIRST_SCREEN, "ours", "run",
                                               "quick-decision"],
        "facilitator --help": [python, "-m", "facilitator.cli", "--help"],
    }
    cold = timed(commands["facilitator protocols"], env)  # fills the cache
    print(f"facilitator protocols, empty cache: {cold * 1e3:.1f} ms (once)")
    for argv in commands.values():  # warm the file system for every side alike
        timed(argv, env)
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(rounds):
        for label, argv in commands.items():
            times[label].append(timed(argv, env))
    for label, values in times.items():
        show(label, values)
    ok = verdict("protocols / import textual.app", times["facilitator protocols"],
                 times["import textual.app"], 0.5)
    ok &= verdict("first screen / bare app", times["first screen of run quick-decision"],
                  times["bare Textual app, one Static"], 1.2)
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    sys.exit(main(parser.parse_args().rounds))
