"""The room's web server: the participants' page and the JSON API (docs/room.md).

Routes are a table; each handler is thin: authenticate, parse, hand one command to the
room (which hands it to the live meeting), answer. Every error is a status and a
sentence (`{"error": ...}`), never a traceback. Bodies are read up to `MAX_BODY` bytes.
Every answer is in the phone's language (`room.words.phone_language`: `?lang=`, else
`Accept-Language`): the room's work for one request is done speaking it.
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

from facilitator.i18n import Translator, _, translator
from facilitator.room.hub import Room, RoomError
from facilitator.room.words import phone_language, words
from facilitator.ui.speaking import speaking

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


async def body(request: Request, said: Translator) -> dict[str, Any]:
    """The request's JSON object, read up to MAX_BODY bytes; what is wrong with it said in
    the phone's language (`said`: no other language is spoken while it is read)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise RoomError(413, _too_large(said))
    data = b""
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            raise RoomError(413, _too_large(said))
    try:
        parsed = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise RoomError(400, said.gettext("The request is not JSON; send an object such as "
                                          '{{"command": "hand"}}.').format()) from None
    if not isinstance(parsed, dict):
        raise RoomError(400, said.gettext('Send a JSON object, such as {{"command": "hand"}}.')
                        .format())
    return parsed


def _too_large(said: Translator) -> str:
    return said.gettext("That request is too large; at most {n} bytes.").format(n=MAX_BODY)


def text_field(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise RoomError(400, _("Give `{key}` as text.").format(key=key))
    return value


def bearer(request: Request) -> str:
    scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise RoomError(401, _("This phone is not in the room; join with the room code."))
    return token.strip()


def language(request: Request) -> str:
    """The language to answer this phone in."""
    return phone_language(request.query_params.get("lang"),
                          request.headers.get("accept-language"))


def client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def build(room: Room) -> Starlette:
    """The Starlette app that serves `room`."""

    async def page(request: Request) -> Response:
        return HTMLResponse(_page(), headers=HEADERS)

    async def join(request: Request) -> Response:
        lang = language(request)
        data = await body(request, translator(lang))
        with speaking(lang):
            answer = room.join(text_field(data, "name"), text_field(data, "code"),
                               client(request))
        return JSONResponse(answer, status_code=202 if "waiting" in answer else 200,
                            headers=HEADERS)

    async def do(request: Request) -> Response:
        lang = language(request)
        with speaking(lang):
            token = bearer(request)
            room.seat(token)  # who, before reading anything more
        data = await body(request, translator(lang))
        with speaking(lang):
            room.do(token, text_field(data, "command"))
        return JSONResponse({"ok": True}, headers=HEADERS)

    async def state(request: Request) -> Response:
        with speaking(language(request)):
            return JSONResponse(room.state(bearer(request)), headers=HEADERS)

    async def page_words(request: Request) -> Response:
        return JSONResponse(words(language(request)), headers=HEADERS)

    async def events(request: Request) -> Response:
        lang = language(request)
        with speaking(lang):
            token = bearer(request)
            room.state(token)

        async def stream() -> AsyncIterator[str]:
            version = -1
            while True:
                if room.closed or await request.is_disconnected():
                    return
                try:
                    with speaking(lang):  # sent as it was encoded, not decoded first
                        now = room.state_json(token)
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
        with speaking(language(request)):
            return error(500, _("Something went wrong on the facilitator's laptop; the "
                                "meeting goes on. Try again, or raise your hand in the room."))

    async def not_found(request: Request, exc: Exception) -> Response:
        with speaking(language(request)):
            return error(404, _("There is nothing here; open the room's page at /."))

    async def not_allowed(request: Request, exc: Exception) -> Response:
        with speaking(language(request)):
            return error(405, _("That method is not used here; see docs/room.md."))

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/api/join", join, methods=["POST"]),
        Route("/api/do", do, methods=["POST"]),
        Route("/api/state", state, methods=["GET"]),
        Route("/api/events", events, methods=["GET"]),
        Route("/api/words", page_words, methods=["GET"]),

    ]
    return Starlette(routes=routes, exception_handlers={
        RoomError: refused, Exception: refused, 404: not_found, 405: not_allowed})
