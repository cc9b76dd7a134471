"""Starting facilitator, each in a fresh process, against baselines timed in the same run.

- `facilitator protocols` against `python -c "import textual.app"`. Bar: at most 0.5x.
- the first screen of `facilitator run quick-decision` (headless, 120x40) against a bare
  Textual app showing one Static. Bar: at most 1.2x. A first screen is up when it is
  composed and idle: the child says so on a pipe (the time from starting the process to
  that word); the whole process, leaving included, is printed too (no bar).
- for the record, the floor under that bar: a bare Textual app composing the meeting
  screen's widget tree with our stylesheet and the same words, importing nothing of
  facilitator (`meeting_tree.py`). It is what Textual costs for a screen of this shape.
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
import os
import sys
from textual.app import App

original = App.run


def run(self, *args, **kwargs):
    async def leave(pilot):
        await pilot.pause()
        os.write(int(os.environ["BENCH_READY_FD"]), b"up")  # the first screen is up
        pilot.app.exit()

    return original(self, headless=True, size=(120, 40), auto_pilot=leave)


App.run = run
if sys.argv[1] == "bare":
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("bare")

    Bare().run()
elif sys.argv[1] == "tree":
    sys.path.insert(0, sys.argv[2])
    from meeting_tree import MeetingTree

    MeetingTree().run()
else:
    from facilitator.cli import main

    sys.exit(main(sys.argv[2:]))  # a refusal must fail the benchmark, not time an error
"""


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """One run, its input and output a pseudo-terminal of its own, as in a terminal (the
    full screen refuses to start without one; headless, nothing is drawn on it): the time
    until the child says its first screen is up (the whole run, for a command with no
    screen), and the whole run."""
    parent, child = pty.openpty()
    ready, told = os.pipe()
    try:
        start = time.perf_counter()
        process = subprocess.Popen(argv, env={**env, "BENCH_READY_FD": str(told)},
                                   stdin=child, stdout=child, stderr=child, pass_fds=(told,))
        os.close(told)
        said = os.read(ready, 2)  # "up", or nothing when the child ends without a screen
        up = time.perf_counter()
        if process.wait() != 0:
            raise subprocess.CalledProcessError(process.returncode, argv)
        end = time.perf_counter()
        return (up if said else end) - start, end - start
    finally:
        for fd in (child, parent, ready):
            os.close(fd)


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
    here = str(Path(__file__).resolve().parent)
    bare, tree, ours = ("bare Textual app, one Static", "bare app, the meeting's tree",
                        "first screen of run quick-decision")
    commands = {
        "import textual.app": [python, "-c", "import textual.app"],
        "facilitator protocols": [python, "-m", "facilitator.cli", "protocols"],
        bare: [python, "-c", FIRST_SCREEN, "bare"],
        tree: [python, "-c", FIRST_SCREEN, "tree", here],
        ours: [python, "-c", FIRST_SCREEN, "ours", "run", "quick-decision"],
        "facilitator --help": [python, "-m", "facilitator.cli", "--help"],
    }
    cold, _ = timed(commands["facilitator protocols"], env)  # fills the cache
    print(f"facilitator protocols, empty cache: {cold * 1e3:.1f} ms (once)")
    for argv in commands.values():  # warm the file system for every side alike
        timed(argv, env)
    up: dict[str, list[float]] = {label: [] for label in commands}
    whole: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(rounds):
        for label, argv in commands.items():
            first, run = timed(argv, env)
            up[label].append(first)
            whole[label].append(run)
    for label in commands:
        show(label + (", up" if label in (bare, tree, ours) else ""), up[label])
    for label in (bare, tree, ours):
        show(label + ", whole run", whole[label])
    ok = verdict("protocols / import textual.app", up["facilitator protocols"],
                 up["import textual.app"], 0.5)
    ok &= verdict("first screen / bare app", up[ours], up[bare], 1.2)
    for label, times, base in (("the meeting's tree / bare app (the floor)", up[tree],
                                up[bare]),
                               ("first screen / the meeting's tree", up[ours], up[tree]),
                               ("whole run / bare app's", whole[ours], whole[bare])):
        print(f"  {label}: min {min(times) / min(base):.2f}x, median "
              f"{statistics.median(times) / statistics.median(base):.2f}x  (no bar)")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    sys.exit(main(parser.parse_args().rounds))
