"""Running the room's server with uvicorn inside the caller's asyncio loop (the Textual
app's), and finding the laptop's address on the local network.

Rules:
- `RoomServer.start()` makes a task in the running loop and returns; `ready` is set once
  the socket listens (a handshake, not a sleep), `failed` holds the sentence if it could
  not. A failing server never raises into the caller: the meeting goes on without it.
- It listens on the one interface asked for, and takes over no signals (the terminal's
  keys stay the facilitator's).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Generator

import uvicorn

from facilitator.room.hub import Room
from facilitator.room.server import build

QUIET = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")


def local_address() -> str:
    """The laptop's address on the local network (for phones on the same wifi or hotspot),
    or 127.0.0.1 when it has none. A UDP socket's `connect` sends no packet: it only asks
    the system which interface it would use."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        address = str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return address


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield  # ctrl+c belongs to the facilitator's terminal, not to the room

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


class RoomServer:
    """The room's server for one laptop: `start()`, wait for `ready`, `stop()`."""

    def __init__(self, room: Room, host: str, port: int) -> None:
        self.room = room
        self.host = host
        self.port = port
        self.failed: str | None = None
        self.ready = asyncio.Event()
        for name in QUIET:  # nothing the server logs may scribble over the terminal
            logger = logging.getLogger(name)
            logger.handlers = [logging.NullHandler()]
            logger.propagate = False
        config = uvicorn.Config(build(room), host=host, port=port, log_config=None,
                                access_log=False, lifespan="off", server_header=False,
                                timeout_graceful_shutdown=1, limit_concurrency=1000,
                                h11_max_incomplete_event_size=16 * 1024,
                                timeout_keep_alive=30)
        self._server = _Server(config)
        self._task: asyncio.Task[None] | None = None
        self._watch: asyncio.Task[None] | None = None

    @property
    def address(self) -> str:
        """The page's address, with the port it listens on."""
        return f"http://{self.host}:{self.port}/"

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())
        self._watch = asyncio.get_running_loop().create_task(self._watching())

    async def _run(self) -> None:
        waiter = asyncio.ensure_future(self._server.ready.wait())
        serving = asyncio.ensure_future(self._serve())
        await asyncio.wait({waiter, serving}, return_when=asyncio.FIRST_COMPLETED)
        if self._server.ready.is_set():
            self.port = self._server.servers[0].sockets[0].getsockname()[1]
        self.ready.set()
        waiter.cancel()
        await serving

    async def _serve(self) -> None:
        try:
            await self._server.serve()
        except (Exception, SystemExit) as trouble:  # noqa: BLE001 - the meeting goes on
            self.failed = (f"The room's server stopped ({trouble or 'it could not listen'}"
                           f" on {self.host}:{self.port}); the meeting goes on without it.")
        if not self._server.started and self.failed is None:
            self.failed = (f"The room's server could not listen on {self.host}:{self.port};"
                           " the meeting goes on without it.")

    async def _watching(self) -> None:
        """Keyboard commands and the clock change what phones show: notice them."""
        while True:
            try:
                self.room.watch()
            except Exception:  # noqa: BLE001 - a glitch here must not stop the watching
                pass
            await asyncio.sleep(0.25)

    async def stop(self) -> None:
        """Stop listening and end every stream; returns once the server is down."""
        if self._watch is not None:
            self._watch.cancel()
        self._server.should_exit = True
        self.room.closed = True
        self.room.changed()  # wakes the streams, which then end
        if self._task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._task, timeout=5)
