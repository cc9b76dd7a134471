"""The room under load, on loopback: 200 phones raising and lowering hands at random.

The facilitator's app runs headless in this process with the room on 127.0.0.1; the phones
run in a second process (their own asyncio loop, httpx), each joined, each following the
server-sent events, each raising or lowering its hand at random (on average every
`--gap` seconds, default 10: 20 actions a second from the room) for `--seconds`
(default 60). Prints:
- phone to screen: from a phone sending its request until the facilitator's screen has
  composed the update that shows it (bar: p95 under 300 ms). Both processes read the
  system's monotonic clock, so the two ends compare;
- key to screen on the facilitator's side (space: pause / resume, journaled), without the
  room (half the presses before the room, half after it) and with the room under load
  (bar: median no worse than 1.2x);
- the journal: every acknowledged phone action is in it, from that phone, in that phone's
  order, and nothing else from phones is.

The facilitator's app runs as `facilitator run --room` runs it, with the frame cap the room
asks for (`facilitator.room.pace`); textual reads it once, at import, so the benchmark
starts itself again with it when it is not set. `--fps 60` measures Textual's own cap.

Run: python benchmarks/bench_room.py [--seconds 60] [--phones 200] [--gap 10] [--presses 40]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from textual import events

from facilitator.clock import SystemClock
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.room.limits import Buckets
from facilitator.session import LiveMeeting
from facilitator.store.group import Group
from facilitator.store.journal_read import read_journal
from facilitator.ui.app import build_app
from facilitator.ui.room import RoomSetup

SIZE = (140, 50)
CODE = "424242"


def names(phones: int) -> list[str]:
    return [f"P{i:03d}" for i in range(phones)]


def meeting(folder: Path, phones: int) -> tuple[Group, LiveMeeting]:
    """quick-decision in its discussion, with everyone joined."""
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    group = Group(folder)
    live = LiveMeeting.open(library, sources, "quick-decision", SystemClock(), title="Bench",
                            group=group)
    for name in names(phones):
        live.do(f"join {name}")
    for line in ("role presenter P000", "propose Tea", "start"):
        live.do(line)
    return group, live


class Watch:
    """Times at which the app composed a screen update, and at which commands were taken."""

    def __init__(self, app: Any) -> None:
        self.screens: list[float] = []
        self.taken: dict[int, float] = {}  # journal seq -> monotonic time it was taken
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                self.screens.append(time.monotonic())
            original(screen, renderable)

        app._display = display

    def watch_live(self, live: LiveMeeting) -> None:
        original = live._accept

        def accept(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            self.taken[len(live.entries)] = time.monotonic()
            return result

        live._accept = accept  # type: ignore[method-assign]

    def screen_after(self, t: float) -> float | None:
        at = bisect.bisect_left(self.screens, t)  # appended in time order
        return self.screens[at] if at < len(self.screens) else None


async def press_keys(app: Any, watch: Watch, live: LiveMeeting, presses: int,
                     spacing: float) -> list[float]:
    """Space (pause / resume) `presses` times: from the key reaching the app to the first
    screen composed after the command was journaled."""
    times = []
    driver = app._driver
    for _ in range(presses):
        await asyncio.sleep(spacing)
        before = len(live.entries)
        event = events.Key("space", " ")
        event.set_sender(app)
        start = time.monotonic()
        driver.send_message(event)
        deadline = start + 2.0
        shown = None
        while time.monotonic() < deadline:  # bounded
            taken = watch.taken.get(before + 1)
            shown = watch.screen_after(taken) if taken is not None else None
            if shown is not None:
                break
            await asyncio.sleep(0)
        times.append((shown or time.monotonic()) - start)
    return times


async def facilitator(args: argparse.Namespace) -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-room-"))
    group, live = meeting(folder / "group", args.phones)
    library, sources = live.meeting.library, live.sources

    async def without_room(live: LiveMeeting, presses: int) -> list[float]:
        app = build_app(live, group, library, sources, SystemClock(), tick_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            watch = Watch(app)
            watch.watch_live(live)
            await press_keys(app, watch, live, 5, 0.05)  # warm up
            return await press_keys(app, watch, live, presses, 0.05)

    # Without the room: half the presses before the room, half after it (the baseline
    # brackets the loaded run, so a machine that grew busier or quieter shows).
    before = await without_room(live, args.presses // 2)

    # With the room, under load (taken up again: the first app closed the journal).
    live = LiveMeeting.resume(group, live.id, SystemClock())
    app = build_app(live, group, library, sources, SystemClock(), tick_seconds=None,
                    room=RoomSetup("127.0.0.1", 0, CODE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.room is not None and app.room_server is not None
        assert app.room_server.failed is None, app.room_server.failed
        app.room.per_client = Buckets(10_000, 10_000)  # every phone is 127.0.0.1 here
        watch = Watch(app)
        watch.watch_live(live)
        out = folder / "phones.json"
        child = subprocess.Popen([sys.executable, __file__, "--child", app.room_server.address,
                                  str(out), "--seconds", str(args.seconds), "--phones",
                                  str(args.phones), "--gap", str(args.gap)])
        ready = folder / "phones.json.ready"
        for _ in range(600):  # bounded: the phones say when all have joined (a file)
            if ready.exists() or child.poll() is not None:
                break
            await asyncio.sleep(0.1)
        loaded = await press_keys(app, watch, live, args.presses,
                                  max(0.05, args.seconds / max(1, args.presses) / 2))
        while child.poll() is None:  # the child stops by itself after --seconds
            await asyncio.sleep(0.2)
        taken = dict(watch.taken)
        phones = json.loads(out.read_text())
    live.close()
    live = LiveMeeting.resume(group, live.id, SystemClock())
    after = await without_room(live, args.presses - args.presses // 2)
    live.close()
    alone = before + after

    # Phone to screen, and the journal against the acknowledgements.
    entries = read_journal(group.journal_path(live.id)).entries
    by_source: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        if "source" in entry:
            by_source.setdefault(entry["source"], []).append(entry)
    latencies, missing, acked = [], 0, 0
    to_journal: list[float] = []
    for name, actions in phones["actions"].items():
        mine = by_source.get(f"{name}'s phone", [])
        ok = [a for a in actions if a["status"] == 200]
        acked += len(ok)
        if [e["command"] for e in mine] != [f"{a['command']} {name}" for a in ok]:
            missing += 1
        for action, entry in zip(ok, mine, strict=False):
            at = taken.get(entry["seq"], float("inf"))
            shown = watch.screen_after(at)
            if shown is not None:
                latencies.append(shown - action["sent"])
                to_journal.append(at - action["sent"])
    statuses = [a["status"] for acts in phones["actions"].values() for a in acts]
    print(f"phones: {args.phones}, {args.seconds:.0f} s, {len(statuses)} requests, "
          f"{acked} accepted, {statuses.count(409)} refused by the engine, "
          f"{sum(1 for s in statuses if s not in (200, 409))} other")
    ok = True
    if latencies:
        latencies.sort()
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"phone to screen: median {ms(statistics.median(latencies))}  p95 {ms(p95)}  "
              f"max {ms(latencies[-1])}  (bar: p95 < 300 ms) {'ok' if p95 < 0.3 else 'OVER'}")
        ok &= p95 < 0.3
        to_journal.sort()
        print(f"  of which request to journal: median {ms(statistics.median(to_journal))}  "
              f"p95 {ms(to_journal[int(len(to_journal) * 0.95) - 1])}")
    else:
        print("phone to screen: no accepted action was measured  OVER")
        ok = False
    ratio = statistics.median(loaded) / statistics.median(alone)
    print(f"key to screen: alone median {ms(statistics.median(alone))} (before the room "
          f"{ms(statistics.median(before)).strip()}, after it "
          f"{ms(statistics.median(after)).strip()})  with the room under load "
          f"{ms(statistics.median(loaded))}  ratio {ratio:4.2f}x  (bar 1.2x) "
          f"{'ok' if ratio <= 1.2 else 'OVER'}")
    ok &= ratio <= 1.2
    seqs = [e["seq"] for e in entries]
    in_order = seqs == list(range(1, len(seqs) + 1))
    whole = missing == 0 and sum(len(v) for v in by_source.values()) == acked
    print(f"journal: {len(entries)} entries, seq in order: {in_order}, every acknowledged "
          f"phone action in it, in each phone's order, and no other: {whole}")
    ok &= in_order and whole
    return 0 if ok else 1


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


class Phone:
    """One phone's keep-alive connection, speaking plain HTTP/1.1 (a load generator must
    cost less than what it measures: httpx for 400 connections would be the bottleneck)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = 0.0

    async def request(self, method: str, path: str, body: dict[str, Any] | None = None,
                      token: str | None = None) -> tuple[int, bytes]:
        if self.writer is not None and time.monotonic() - self.used > 20:
            self.close()  # the server lets a keep-alive connection go after 30 s idle
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.used = time.monotonic()
        assert self.reader is not None
        data = json.dumps(body).encode() if body is not None else b""
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                "Content-Type: application/json", f"Content-Length: {len(data)}"]
        if token:
            head.append(f"Authorization: Bearer {token}")
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        await self.writer.drain()
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    async def follow(self, token: str, until: float) -> None:
        """Hold the event stream open and read it (and throw it away) until `until`."""
        reader, writer = await asyncio.open_connection(self.host, self.port)
        writer.write((f"GET /api/events HTTP/1.1\r\nHost: {self.host}\r\n"
                      f"Authorization: Bearer {token}\r\n\r\n").encode())
        try:
            while time.monotonic() < until:
                if not await asyncio.wait_for(reader.read(65536), until - time.monotonic()):
                    return
        except (TimeoutError, OSError):
            pass
        finally:
            writer.close()

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def phones(address: str, out: Path, seconds: float, count: int, gap: float) -> None:
    """The second process: `count` phones on loopback, for `seconds`, then stop."""
    host, port = address.split("//")[1].rstrip("/").split(":")
    actions: dict[str, list[dict[str, Any]]] = {n: [] for n in names(count)}
    devices = {n: Phone(host, int(port)) for n in names(count)}
    tokens = {}
    for name, device in devices.items():
        status, body = await device.request("POST", "/api/join", {"name": name, "code": CODE})
        tokens[name] = json.loads(body)["token"]

    async def phone(name: str, until: float, rng: random.Random) -> None:
        up = False
        while True:
            await asyncio.sleep(min(rng.expovariate(1 / gap), until - time.monotonic()))
            if time.monotonic() >= until:
                return
            command = "lower" if up else "hand"
            sent = time.monotonic()
            try:
                status, _ = await asyncio.wait_for(devices[name].request(
                    "POST", "/api/do", {"command": command}, tokens[name]), 10)
            except (TimeoutError, OSError, ValueError, IndexError):
                status = 0
            actions[name].append({"command": command, "sent": sent, "status": status})
            if status == 200:
                up = not up

    until = time.monotonic() + seconds
    streams = [asyncio.ensure_future(Phone(host, int(port)).follow(tokens[n], until))
               for n in names(count)]
    Path(str(out) + ".ready").write_text("ready")
    rng = random.Random(16)
    await asyncio.gather(*(phone(n, until, random.Random(rng.random())) for n in names(count)))
    await asyncio.gather(*streams, return_exceptions=True)
    for device in devices.values():
        device.close()
    out.write_text(json.dumps({"actions": actions}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--gap", type=float, default=10.0,
                        help="seconds between one phone's actions, on average")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--fps", type=int, default=None,
                        help="the frame cap (default: what `run --room` sets)")
    parser.add_argument("--child", nargs=2, metavar=("ADDRESS", "OUT"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    import textual.constants

    from facilitator.room import FPS

    wanted = options.fps or FPS
    if not options.child and textual.constants.MAX_FPS != wanted:
        os.execve(sys.executable, [sys.executable, *sys.argv],
                  {**os.environ, "TEXTUAL_FPS": str(wanted)})
    if not options.child:
        print(f"frame cap: {textual.constants.MAX_FPS} a second")
    if options.child:
        asyncio.run(phones(options.child[0], Path(options.child[1]), options.seconds,
                           options.phones, options.gap))
        sys.exit(0)
    sys.exit(asyncio.run(facilitator(options)))
