"""Trying to break the room: tokens that are not yours or are stale, wrong codes, bodies too
large or not JSON, floods, and a server that fails. The meeting goes on through all of it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from roomkit import (
    CODE,
    Ticking,
    bare_room,
    bearer,
    do,
    join,
    open_assembly,
    room_app,
    room_parts,
    settle,
    token_of,
    ui_test,
)

from facilitator.room.server import MAX_BODY


@ui_test
async def test_wrong_codes_are_refused_and_repeated_ones_slowed(tmp_path: Path) -> None:
    """Three wrong codes are refused (403); then the address waits 1 s, 2 s, ... even with the
    right code (429); once the wait is over the right code works."""
    live = open_assembly(room_parts(tmp_path), "Ana")
    clock = Ticking()
    async with bare_room(live, clock=clock) as (room, base), httpx.AsyncClient(timeout=30) as client:
        for guess in ("000000", "111111", "222222"):
            answer = await join(client, base, "Ana", guess)
            assert answer.status_code == 403
            assert answer.json()["error"] == ("That is not the room code; read it again from "
                                              "the screen.")
        slowed = await join(client, base, "Ana", CODE)
        assert slowed.status_code == 429 and "wrong room codes" in slowed.json()["error"]
        clock.t += 1.5
        assert (await join(client, base, "Ana", "333333")).status_code == 403
        clock.t += 1.5  # the fourth wrong code earned two seconds
        assert (await join(client, base, "Ana", CODE)).status_code == 429
        clock.t += 1.0
        assert (await join(client, base, "Ana", CODE)).status_code == 200


@ui_test
async def test_tokens_that_are_not_a_seat_are_refused(tmp_path: Path) -> None:
    """No header, another scheme, a made-up token: 401, and nothing reaches the journal."""
    live = open_assembly(room_parts(tmp_path), "Ana")
    live.do("advance")
    async with bare_room(live) as (room, base), httpx.AsyncClient(timeout=30) as client:
        before = len(live.entries)
        for headers in ({}, {"Authorization": "Basic QW5hOg=="},
                        bearer("x" * 43), {"Authorization": "Bearer"}):
            answer = await client.post(f"{base}/api/do", json={"command": "hand"},
                                       headers=headers)
            assert answer.status_code == 401, headers
            assert answer.json()["error"] == ("This phone is not in the room; join with the "
                                              "room code.")
        assert (await client.get(f"{base}/api/state")).status_code == 401
        assert len(live.entries) == before


@ui_test
async def test_a_token_from_an_ended_meeting_is_refused(tmp_path: Path) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    live.do("advance")
    async with bare_room(live) as (room, base), httpx.AsyncClient(timeout=30) as client:
        ana = await token_of(client, base, "Ana")
        live.do("end")
        answer = await do(client, base, ana, "hand")
        assert answer.status_code == 410
        assert answer.json()["error"] == ("That meeting has ended; join the next one with "
                                          "its code.")
        assert (await join(client, base, "Ana")).status_code == 410


@ui_test
async def test_a_token_from_another_meeting_is_refused(tmp_path: Path) -> None:
    """The app moves on to the next meeting: the last meeting's tokens open nothing."""
    parts = room_parts(tmp_path)
    first = open_assembly(parts, "Ana")
    current = [first]
    from facilitator.room.hub import Room
    from facilitator.room.serve import RoomServer

    room = Room(CODE, lambda: current[0])
    server = RoomServer(room, "127.0.0.1", 0)
    server.start()
    await server.ready.wait()
    base = server.address.rstrip("/")
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            ana = await token_of(client, base, "Ana")
            first.close()
            current[0] = open_assembly(parts, "Ana")
            assert (await do(client, base, ana, "suggest more tea")).status_code == 410
    finally:
        await server.stop()
        current[0].close()


@ui_test
async def test_bodies_too_large_or_not_json_are_refused_with_a_sentence(tmp_path: Path) -> None:
    live = open_assembly(room_parts(tmp_path), "Ana")
    live.do("advance")
    async with bare_room(live) as (room, base), httpx.AsyncClient(timeout=30) as client:
        ana = await token_of(client, base, "Ana")
        before = len(live.entries)
        big = await client.post(f"{base}/api/do", headers=bearer(ana),
                                json={"command": "suggest " + "x" * MAX_BODY})
        assert big.status_code == 413 and "too large" in big.json()["error"]

        async def chunks():  # no Content-Length: the server counts as it reads
            for _ in range(10):
                yield b"x" * 1024

        streamed = await client.post(f"{base}/api/do", headers=bearer(ana), content=chunks())
        assert streamed.status_code == 413
        for content in (b"{not json", b"[1, 2]", b'{"command": 7}', b"\xff\xfe", b""):
            bad = await client.post(f"{base}/api/do", headers=bearer(ana), content=content)
            assert bad.status_code == 400, content
            assert "error" in bad.json() and "Traceback" not in bad.text
        odd = await do(client, base, ana, "end")
        assert odd.status_code == 400  # not a phone's command
        assert (await client.get(f"{base}/api/nowhere")).status_code == 404
        assert (await client.delete(f"{base}/api/do")).status_code == 405
        assert len(live.entries) == before


@ui_test
async def test_a_flood_from_one_phone_is_limited_and_others_still_get_through(
        tmp_path: Path) -> None:
    """300 hands at once from one token: the burst passes, the rest wait (429); the journal
    holds exactly the accepted ones; another phone is answered normally."""
    live = open_assembly(room_parts(tmp_path), "Ana", "Ben")
    live.do("advance")
    clock = Ticking()  # the clock stands still: no tokens refill during the flood
    async with bare_room(live, clock=clock, rate=5, burst=10) as (room, base), \
            httpx.AsyncClient(limits=httpx.Limits(max_connections=50)) as client:
        ana = await token_of(client, base, "Ana")
        ben = await token_of(client, base, "Ben")
        before = len(live.entries)
        words = ["hand", "lower"] * 150
        answers = await asyncio.gather(*(do(client, base, ana, w) for w in words))
        codes = [a.status_code for a in answers]
        assert codes.count(429) == 290
        assert all(a.json()["error"].startswith("Slow down") for a in answers
                   if a.status_code == 429)
        accepted = sum(1 for c in codes if c == 200)
        refused = sum(1 for c in codes if c == 409)  # lower with no hand up, say
        assert accepted + refused == 10
        assert len(live.entries) - before == accepted
        assert (await do(client, base, ben, "hand")).status_code == 200


@ui_test
async def test_a_flood_of_joins_is_limited(tmp_path: Path) -> None:
    live = open_assembly(room_parts(tmp_path), "Ana")
    async with bare_room(live, clock=Ticking()) as (room, base), httpx.AsyncClient(timeout=30) as client:
        answers = [await join(client, base, "Ana") for _ in range(30)]
        assert [a.status_code for a in answers].count(429) == 20


@ui_test
async def test_no_traceback_reaches_a_phone(tmp_path: Path) -> None:
    """Whatever breaks inside, the phone gets a sentence, and the meeting goes on."""
    live = open_assembly(room_parts(tmp_path), "Ana")
    live.do("advance")

    def broken(command: str, source: str) -> list:
        raise RuntimeError("disk on fire")

    async with bare_room(live) as (room, base), httpx.AsyncClient(timeout=30) as client:
        ana = await token_of(client, base, "Ana")
        room.give = broken
        answer = await do(client, base, ana, "hand")
        assert answer.status_code == 500
        assert "disk on fire" not in answer.text and "Traceback" not in answer.text
        assert answer.json()["error"].startswith("Something went wrong on the facilitator's")
        live.do("hand Ana")  # the keyboard still works


@ui_test
async def test_the_server_listens_only_on_the_interface_asked_for(tmp_path: Path) -> None:
    live = open_assembly(room_parts(tmp_path), "Ana")
    from facilitator.room.hub import Room
    from facilitator.room.serve import RoomServer

    server = RoomServer(Room(CODE, lambda: live), "127.0.0.1", 0)
    server.start()
    await server.ready.wait()
    try:
        sockets = [s for srv in server._server.servers for s in srv.sockets]
        assert {s.getsockname()[0] for s in sockets} == {"127.0.0.1"}
    finally:
        await server.stop()


@ui_test
async def test_a_room_that_cannot_listen_leaves_the_meeting_running(tmp_path: Path) -> None:
    """The port is taken: the room's panel says so, and the facilitator's keys work on."""
    import socket

    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    live.do("advance")
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        app = parts.app(live, room=__import__("facilitator.ui.room", fromlist=["RoomSetup"])
                        .RoomSetup("127.0.0.1", port, CODE))
        async with app.run_test(size=(140, 50)) as pilot:
            await settle(pilot)
            assert app.room_server is not None and app.room_server.failed is not None
            assert "the meeting goes on without it" in str(app.screen.query_one("#room")
                                                           .render())
            await pilot.press("h")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert live.entries[-1]["command"] == "hand Ana"
    finally:
        taken.close()


@ui_test
async def test_the_room_stops_by_itself_with_the_app(tmp_path: Path) -> None:
    """Quitting the app ends open streams and closes the port."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana = await token_of(client, base, "Ana")
        async with client.stream("GET", f"{base}/api/events", headers=bearer(ana)) as stream:
            lines = stream.aiter_lines()
            assert (await anext(lines)).startswith("data: ")
            await app.stop_room()
    async with httpx.AsyncClient(timeout=30) as client:
        try:
            await client.get(f"{base}/")
            reached = True
        except httpx.ConnectError:
            reached = False
        assert not reached


@ui_test
async def test_phones_acting_while_the_screens_panels_are_rebuilt_break_nothing(
        tmp_path: Path) -> None:
    """The room shows phones' commands from a timer of its own: when it fires while the
    meeting screen's panels are being built or taken down, the screen's next tick shows
    them instead, and the facilitator's app runs on (it crashed once under 200 phones)."""
    from facilitator.ui.widgets.floor import FloorPanel

    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    live.do("advance")
    async with room_app(parts, live) as (app, pilot, base):
        floor = app.screen.query_one(FloorPanel)
        await floor.remove_children()  # as in the moment a screen is taken down
        app.room_give("hand Ben", "Ben's phone")
        app._show_now()  # what the room's timer calls
        await settle(pilot)
        assert app.is_running and live.entries[-1]["command"] == "hand Ben"
