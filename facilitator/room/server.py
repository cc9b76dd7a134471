"""The room's web server: the participants' page and the JSON API (docs/room.md).

Routes are a table; each handler is thin: authenticate, parse, hand one command to the
room (which hands it to the live meeting), answer. Every error is a status and a
sentence (`{"error": ...}`), never a traceback. Bodies are read up to `MAX_BODY` bytes.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from facilitator.room.hub import Room, RoomError

MAX_BODY = 4096  # bytes: a name, a code, a command with a reason
KEEPALIVE = 15.0  # seconds between comments on a quiet event stream
COALESCE = 0.5  # seconds at least between two updates on one stream
# A strict policy: nothing from outside, the page's own inline script and style only.
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
    "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _page() -> str:
    return resources.files("facilitator.room").joinpath("page.html").read_text("utf-8")


def error(status: int, sentence: str) -> JSONResponse:
    return JSONResponse({"error": sentence}, status_code=status, headers=HEADERS)


async def body(request: Request) -> dict[str, Any]:
    """The request's JSON object, read up to MAX_BODY bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise RoomError(413, f"That request is too large; at most {MAX_BODY} bytes.")
    data = b""
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            raise RoomError(413, f"That request is too large; at most {MAX_BODY} bytes.")
    try:
        parsed = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise RoomError(400, "The request is not JSON; send an object such as "
                        '{"command": "hand"}.') from None
    if not isinstance(parsed, dict):
        raise RoomError(400, 'Send a JSON object, such as {"command": "hand"}.')
    return parsed


def text_field(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise RoomError(400, f"Give `{key}` as text.")
    return value


def bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise RoomError(401, "This phone is not in the room; join with the room code.")
    return token.strip()


def client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def build(room: Room) -> Starlette:
    """The Starlette app that serves `room`."""

    async def page(request: Request) -> Response:
        return HTMLResponse(_page(), headers=HEADERS)

    async def join(request: Request) -> Response:
        data = await body(request)
        answer = room.join(text_field(data, "name"), text_field(data, "code"),
                           client(request))
        return JSONResponse(answer, status_code=202 if "waiting" in answer else 200,
                            headers=HEADERS)

    async def do(request: Request) -> Response:
        token = bearer(request)
        room.seat(token)  # who, before reading anything more
        data = await body(request)
        room.do(token, text_field(data, "command"))
        return JSONResponse({"ok": True}, headers=HEADERS)

    async def state(request: Request) -> Response:
        return JSONResponse(room.state(bearer(request)), headers=HEADERS)

    async def events(request: Request) -> Response:
        token = bearer(request)
        room.state(token)

        async def stream() -> AsyncIterator[str]:
            version = -1
            while True:
                if room.closed or await request.is_disconnected():
                    return
                try:
                    now = room.state_json(token)  # sent as it was encoded, not decoded first
                except RoomError as gone:
                    yield f"event: gone\ndata: {json.dumps({'error': gone.sentence})}\n\n"
                    return
                if version != room.version or version < 0:
                    version = room.version
                    yield f"data: {now}\n\n"
                    # A burst of changes reaches a phone as one update, not one each.
                    await asyncio.sleep(COALESCE)
                else:
                    yield ": still here\n\n"
                await room.wait(version, KEEPALIVE)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={**HEADERS, "X-Accel-Buffering": "no"})

    async def refused(request: Request, exc: Exception) -> Response:
        if isinstance(exc, RoomError):
            return error(exc.status, exc.sentence)
        return error(500, "Something went wrong on the facilitator's laptop; the meeting "
                     "goes on. Try again, or raise your hand in the room.")

    async def not_found(request: Request, exc: Exception) -> Response:
        return error(404, "There is nothing here; open the room's page at /.")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return error(405, "That method is not used here; see docs/room.md.")

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/api/join", join, methods=["POST"]),
        Route("/api/do", do, methods=["POST"]),
        Route("/api/state", state, methods=["GET"]),
        Route("/api/events", events, methods=["GET"]),
    ]
    return Starlette(routes=routes, exception_handlers={
        RoomError: refused, Exception: refused, 404: not_found, 405: not_allowed})
