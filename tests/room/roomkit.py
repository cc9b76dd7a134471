"""Room test helpers: the facilitator's app (a Pilot) with the room served on 127.0.0.1 at
a port the system picks, and an HTTP client in the same asyncio loop."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group
from facilitator.ui.app import FacilitatorApp, build_app
from facilitator.ui.room import RoomSetup

CODE = "424242"

ROOM_PROTOCOLS = """
version: 1
protocols:
  assembly:
    title: Assembly
    summary: A private check-in, a discussion, a secret ballot.
    steps:
      - id: checkin
        kind: round
        prompt: "How much capacity do you have today?"
        collect: {capacity: [green, yellow, red]}
        private: true
      - id: talk
        kind: discussion
        prompt: "What do we think of the proposal?"
      - id: ballot
        kind: decide
        ballot: secret
        reveal: together
        on: {blocked: closed, failed: closed, no_quorum: closed}
      - id: closed
        kind: discussion
        confidential: true
        prompt: "Between us: what happened with the money?"
"""


class Parts:
    """A temporary group, the built-in library plus ROOM_PROTOCOLS, a FakeClock."""

    def __init__(self, group_path: Path) -> None:
        self.group = Group(group_path)
        self.sources = [builtin_source(), ("room-protocols.yaml", ROOM_PROTOCOLS)]
        self.library, problems = build_library(self.sources, include_builtin=False)
        assert not [p for p in problems if not p.warning], problems
        self.clock = FakeClock()

    def app(self, live: LiveMeeting | None = None, **options: Any) -> FacilitatorApp:
        return build_app(live, self.group, self.library, self.sources, self.clock,
                         tick_seconds=None, **options)

    def open(self, protocol: str, *commands: str, title: str = "Test") -> LiveMeeting:
        live = LiveMeeting.open(self.library, self.sources, protocol, self.clock, title=title,
                                group=self.group)
        for line in commands:
            live.do(line)
        return live


def room_parts(tmp_path: Path) -> Parts:
    return Parts(tmp_path / "group")


async def settle(pilot: Any, rounds: int = 3) -> None:
    """Let what phones did reach the screen (a handshake with the app), then let workers
    and pushed screens run."""
    if hasattr(pilot.app, "room_shown"):
        await pilot.app.room_shown()
    for _ in range(rounds):
        await pilot.pause()


def ui_test(body: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test body with asyncio; fixtures still apply."""

    @functools.wraps(body)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(body(*args, **kwargs))

    return run


def open_assembly(parts: Parts, *names: str) -> Any:
    commands = [f"join {n}" for n in names] + ["propose Buy a kettle", "start"]
    return parts.open("assembly", *commands, title="Assembly")


@asynccontextmanager
async def room_app(parts: Parts, live: Any, size: tuple[int, int] = (140, 50),
                   **setup: Any) -> AsyncIterator[tuple[Any, Any, str]]:
    """(app, pilot, base address) with the room listening, ready by handshake."""
    options = {"host": "127.0.0.1", "port": 0, "code": CODE, **setup}
    app = parts.app(live, room=RoomSetup(**options))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.room_server is not None and app.room_server.failed is None
        yield app, pilot, app.room_server.address.rstrip("/")


async def join(client: httpx.AsyncClient, base: str, name: str,
               code: str = CODE) -> httpx.Response:
    return await client.post(f"{base}/api/join", json={"name": name, "code": code})


async def token_of(client: httpx.AsyncClient, base: str, name: str) -> str:
    answer = await join(client, base, name)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def do(client: httpx.AsyncClient, base: str, token: str, command: str) -> httpx.Response:
    return await client.post(f"{base}/api/do", json={"command": command},
                             headers=bearer(token))


class Ticking:
    """A monotonic clock moved by hand, for the room's limits."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@asynccontextmanager
async def bare_room(live: LiveMeeting, **options: Any) -> AsyncIterator[tuple[Any, str]]:
    """The room's server alone (no terminal), on 127.0.0.1 at a port the system picks."""
    from facilitator.room.hub import Room
    from facilitator.room.serve import RoomServer

    room = Room(CODE, lambda: live, **options)
    server = RoomServer(room, "127.0.0.1", 0)
    server.start()
    await server.ready.wait()
    assert server.failed is None
    try:
        yield room, server.address.rstrip("/")
    finally:
        await server.stop()
