"""How quick the terminal UI feels, against a bare Textual app measured in the same run.

Prints, for each figure, facilitator's time, the baseline's and their ratio:
- time to first screen: app start until the first screen is composed and idle (headless),
  the picker and a meeting screen, against a bare App showing one Label (bar: 1.5x);
- key to updated screen: one key (space: pause / resume, journaled with fsync) until the
  updated screen is composed for the terminal, against a bare App whose key updates a
  Label (bar: p95 under 50 ms).

Run: python benchmarks/bench_ui.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Footer, Label

from facilitator.clock import SystemClock
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group
from facilitator.ui.app import build_app

SIZE = (120, 40)


class Bare(App[None]):
    BINDINGS = [("space", "flip", "Flip")]

    def compose(self) -> ComposeResult:
        yield Label("bare", id="label")
        yield Footer()

    def action_flip(self) -> None:
        label = self.query_one("#label", Label)
        label.update("flop" if str(label.render()) == "flip" else "flip")


async def first_screen(make) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
    return elapsed


async def key_latency(make, presses: int) -> list[float]:  # type: ignore[no-untyped-def]
    """From the key reaching the app to the update of the screen being composed."""
    app = make()
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        driver = app._driver
        written: list[float] = []
        original = app._display

        def display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            # Headless, textual composes the update and stops short of the terminal.
            if renderable is not None:
                written.append(time.perf_counter())
            original(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        for _ in range(presses):
            await pilot.pause()
            written.clear()
            event = events.Key("space", " ")
            event.set_sender(app)
            start = time.perf_counter()
            driver.send_message(event)
            while not written and time.perf_counter() - start < 1:
                await asyncio.sleep(0)
            times.append((written[0] if written else time.perf_counter()) - start)
    return times


def parts(folder: Path):  # type: ignore[no-untyped-def]
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    return Group(folder), library, sources


def make_picker(folder: Path):  # type: ignore[no-untyped-def]
    group, library, sources = parts(folder)
    return lambda: build_app(None, group, library, sources, SystemClock(), tick_seconds=None)


def make_meeting(folder: Path):  # type: ignore[no-untyped-def]
    """A meeting in a discussion with two hands up, taken up from its journal each time
    (as `facilitator resume` does; the journal is read and replayed inside the timing)."""
    group, library, sources = parts(folder)
    live = LiveMeeting.open(library, sources, "quick-decision", SystemClock(), title="Bench",
                            group=group)
    for line in ("join Ana", "join Ben", "join Cy", "role presenter Ana", "propose Tea",
                 "start", "hand Ben", "hand Cy", "next"):
        live.do(line)
    live.close()

    def make():  # type: ignore[no-untyped-def]
        again = LiveMeeting.resume(group, live.id, SystemClock())
        return build_app(again, group, library, sources, SystemClock(), tick_seconds=None)

    return make


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


async def main(rounds: int) -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    ok = True
    await first_screen(Bare)  # warm imports and caches for both sides
    await first_screen(make_picker(folder))
    bare = [await first_screen(Bare) for _ in range(rounds)]
    for name, make in (("picker", make_picker(folder)), ("meeting", make_meeting(folder))):
        ours = [await first_screen(make) for _ in range(rounds)]
        ratio = statistics.median(ours) / statistics.median(bare)
        ok &= ratio <= 1.5
        print(f"first screen, {name:8}: {ms(statistics.median(ours))}  bare "
              f"{ms(statistics.median(bare))}  ratio {ratio:4.2f}x  (bar 1.5x) "
              f"{'ok' if ratio <= 1.5 else 'OVER'}")
    presses = max(20, rounds * 5)
    ours = await key_latency(make_meeting(folder), presses)
    base = await key_latency(Bare, presses)
    median, p95 = statistics.median(ours), sorted(ours)[int(len(ours) * 0.95) - 1]
    ok &= p95 < 0.050
    print(f"key to screen, median : {ms(median)}  bare {ms(statistics.median(base))}  "
          f"ratio {median / statistics.median(base):4.2f}x")
    print(f"key to screen, p95    : {ms(p95)}  (bar 50 ms) {'ok' if p95 < 0.050 else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    sys.exit(asyncio.run(main(parser.parse_args().rounds)))
