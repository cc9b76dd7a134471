"""The room's JSON API against the facilitator's app (a Pilot) in the same asyncio loop: what a
phone can do, how it is journaled, what the facilitator sees, what a phone is shown."""

from __future__ import annotations

import gc
from pathlib import Path

import httpx
from roomkit import (
    CODE,
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

from facilitator.ui.widgets.admit import Admit
from facilitator.ui.widgets.room import RoomPanel
from facilitator.ui.widgets.stack import StackPanel


def panel_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(RoomPanel).render())


@ui_test
async def test_a_phone_acts_in_its_own_voice_and_is_journaled_with_its_source(
        tmp_path: Path) -> None:
    """Ana's `collect red` becomes `collect Ana red` from Ana's phone; the facilitator's room
    panel lists it; the refusal of a hand in a round is the engine's sentence, status 409."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana = await token_of(client, base, "Ana")
        answer = await do(client, base, ana, "collect red")
        assert answer.status_code == 200 and answer.json() == {"ok": True}
        assert live.entries[-1]["command"] == "collect Ana red"
        assert live.entries[-1]["source"] == "Ana's phone"
        refused = await do(client, base, ana, "hand")
        assert refused.status_code == 409
        assert refused.json() == {"error": "No hands are taken during a round; Ana can speak "
                                           "when the round reaches them."}
        await settle(pilot)
        shown = panel_text(app)
        assert "from Ana's phone: collect red" in shown
        assert "from Ana's phone: hand (refused) ✗" in shown
        assert f"Room code: {CODE}" in shown and base in shown


@ui_test
async def test_a_private_answer_is_shown_only_to_its_own_phone(tmp_path: Path) -> None:
    """In a private round, Ben's phone sees the prompt and the floor, never Ana's answer."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana, ben = await token_of(client, base, "Ana"), await token_of(client, base, "Ben")
        assert (await do(client, base, ana, "collect red")).status_code == 200
        mine = (await client.get(f"{base}/api/state", headers=bearer(ana))).json()
        assert mine["me"]["collect"] == {"field": "capacity", "choices": ["green", "yellow",
                                         "red"], "given": "red", "private": True}
        theirs = (await client.get(f"{base}/api/state", headers=bearer(ben))).text
        assert "red" not in theirs.replace('"red"]', "")  # only the choices list names red
        assert '"given":null' in theirs
        state = (await client.get(f"{base}/api/state", headers=bearer(ben))).json()
        assert state["prompt"] == "How much capacity do you have today?"
        assert state["floor"]["name"] == "Ana" and state["round"] == ["Ben"]


@ui_test
async def test_pass_only_when_the_round_reaches_you(tmp_path: Path) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana, ben = await token_of(client, base, "Ana"), await token_of(client, base, "Ben")
        early = await do(client, base, ben, "pass")
        assert early.status_code == 409
        assert early.json()["error"] == "The round has not reached you; pass when it does."
        assert (await do(client, base, ana, "pass")).status_code == 200
        assert live.meeting.floor is not None and live.meeting.floor.name == "Ben"
        assert live.entries[-1]["command"] == "pass Ana"


@ui_test
async def test_hands_from_phones_reach_the_facilitators_stack(tmp_path: Path) -> None:
    """In a discussion: a hand and a point of process from two phones are on the screen's
    stack with why each is next; the phone sees its own place; lower takes it back."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben", "Cy")
    live.do("advance")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana, ben = await token_of(client, base, "Ana"), await token_of(client, base, "Ben")
        assert (await do(client, base, ana, "hand")).status_code == 200
        assert (await do(client, base, ben, "hand point-of-process")).status_code == 200
        await settle(pilot)
        stack = str(app.screen.query_one(StackPanel).render())
        assert stack.index("Ben") < stack.index("Ana")
        state = (await client.get(f"{base}/api/state", headers=bearer(ana))).json()
        assert [h["name"] for h in state["stack"]] == ["Ben", "Ana"]
        assert state["me"]["on_stack"] == 2
        assert (await do(client, base, ana, "lower")).status_code == 200
        assert [e["command"] for e in live.entries[-3:]] == [
            "hand Ana", "hand Ben point-of-process", "lower Ana"]


@ui_test
async def test_a_device_never_acts_for_someone_else(tmp_path: Path) -> None:
    """A name in the phone's words is not obeyed: `hand Ben` is not a hand for Ben, and a
    stance naming Ben is Ana's (refused: Ben is not an option)."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    live.do("advance")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana = await token_of(client, base, "Ana")
        before = len(live.entries)
        answer = await do(client, base, ana, "hand Ben")
        assert answer.status_code == 400
        assert len(live.entries) == before
        answer = await client.post(f"{base}/api/do", json={"command": "hand", "name": "Ben"},
                                   headers=bearer(ana))
        assert answer.status_code == 200 and live.entries[-1]["command"] == "hand Ana"


@ui_test
async def test_secret_ballot_from_phones(tmp_path: Path) -> None:
    """Stances come from phones; the facilitator's board shows only how many are in; the
    phone sees its own choice; the keyboard's stance is refused."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    live.do("advance")
    live.do("advance")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana, ben = await token_of(client, base, "Ana"), await token_of(client, base, "Ben")
        assert (await do(client, base, ana, 'stance stand_aside "I cannot support it"')
                ).status_code == 200
        assert (await do(client, base, ben, "stance agree")).status_code == 200
        assert live.entries[-1]["command"] == "stance Ben" and live.entries[-1]["sealed"]
        mine = (await client.get(f"{base}/api/state", headers=bearer(ana))).json()
        assert mine["me"]["ballot"]["secret"] is True
        assert mine["me"]["ballot"]["given"] == "stand_aside"
        assert mine["stances"]["hidden"] is True and mine["stances"]["rows"] == []
        theirs = (await client.get(f"{base}/api/state", headers=bearer(ben))).text
        assert "stand_aside\"" not in theirs.replace('"key":"stand_aside"', "")
        await settle(pilot)
        board = str(app.screen.query_one("#stances").render())
        assert "2 of 2 stances in" in board and "stand" not in board.lower().replace(
            "stances", "")


@ui_test
async def test_a_new_name_waits_until_the_facilitator_admits_it(tmp_path: Path) -> None:
    """Dee is not in the meeting: her phone waits (202); `A` then `y` admits and joins her."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    live.do("advance")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        answer = await join(client, base, "Dee")
        assert answer.status_code == 202 and "waiting" in answer.json()
        dee = answer.json()["token"]
        early = await do(client, base, dee, "hand")
        assert early.status_code == 403
        await settle(pilot)
        assert "Waiting (A admits): Dee" in panel_text(app)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, Admit)
        await pilot.press("y")
        await settle(pilot)
        assert "Dee" in live.meeting.people and live.meeting.people["Dee"].present
        assert (await do(client, base, dee, "hand")).status_code == 200


@ui_test
async def test_a_second_phone_for_a_name_waits_and_admitting_it_lets_the_first_go(
        tmp_path: Path) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    live.do("advance")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        first = await token_of(client, base, "Ana")
        second = await join(client, base, "Ana")
        assert second.status_code == 202
        assert "Ana already has a phone in the room" in second.json()["waiting"]
        app.room.admit("Ana")
        assert (await do(client, base, first, "hand")).status_code == 401
        assert (await do(client, base, second.json()["token"], "hand")).status_code == 200


@ui_test
async def test_the_facilitator_switches_phones_input_off_and_undoes(tmp_path: Path) -> None:
    """`R` turns stances off, then all input; the refusal says so; `undo` takes back a
    phone's hand like any command."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    live.do("advance")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana = await token_of(client, base, "Ana")
        assert (await do(client, base, ana, "hand")).status_code == 200
        await pilot.press("u")
        await settle(pilot)
        assert live.entries[-1]["command"] == "undo"
        await pilot.press("R")
        assert app.room.input == "no-stances"
        refused = await do(client, base, ana, "stance agree")
        assert refused.status_code == 409 and "stances off" in refused.json()["error"]
        assert (await do(client, base, ana, "hand")).status_code == 200
        await pilot.press("R")
        refused = await do(client, base, ana, "lower")
        assert refused.status_code == 409 and "input off" in refused.json()["error"]
        await pilot.press("R")
        assert app.room.input == "on"


@ui_test
async def test_live_updates_arrive_as_server_sent_events(tmp_path: Path) -> None:
    """The stream sends the state at once, then again after each change."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    live.do("advance")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana, ben = await token_of(client, base, "Ana"), await token_of(client, base, "Ben")
        async with client.stream("GET", f"{base}/api/events", headers=bearer(ana)) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            lines = stream.aiter_lines()
            seen: list[str] = []
            for _ in range(20):  # bounded: the first state, then the change
                line = await anext(lines)
                if line.startswith("data: "):
                    seen.append(line)
                    if len(seen) == 1:
                        assert (await do(client, base, ben, "hand")).status_code == 200
                    else:
                        break
            assert '"stack":[]' in seen[0] and '"name":"Ben"' in seen[1]


@ui_test
async def test_the_suggestion_box_from_a_phone_keeps_no_name(tmp_path: Path) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana = await token_of(client, base, "Ana")
        assert (await do(client, base, ana, "suggest Can we start on time?")).status_code == 200
        assert live.entries[-1]["source"] == "a phone"
        assert "Ana" not in str(live.entries[-1])
        await settle(pilot)
        assert "from a phone: a suggestion" in panel_text(app)


@ui_test
async def test_a_confidential_step_sends_phones_only_what_the_projector_shows(
        tmp_path: Path) -> None:
    """What is said in a confidential step (a note, a record) reaches no phone; a phone gets
    the projector's view (the same functions) and its own person's part, nothing more."""
    from facilitator.room.hub import projector

    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    live.do("goto closed")
    live.do("note The treasurer lost 40 euros")
    live.do("record decision Repay it quietly")
    async with room_app(parts, live) as (app, pilot, base), httpx.AsyncClient(timeout=30) as client:
        ana = await token_of(client, base, "Ana")
        text = (await client.get(f"{base}/api/state", headers=bearer(ana))).text
        assert "40 euros" not in text and "Repay" not in text
        state = (await client.get(f"{base}/api/state", headers=bearer(ana))).json()
        assert set(state) == {*projector(live.meeting), "me", "input"}
        shown = {k: v for k, v in state.items() if k not in ("me", "input")}
        assert shown == projector(live.meeting, live.clock.now())


@ui_test
async def test_the_room_freezes_what_the_laptop_holds_and_lets_it_go_when_it_stops(
        tmp_path: Path) -> None:
    """While the room serves, what was loaded before it is left out of full garbage
    collections (they paused keys and phones for up to 200 ms under 200 phones); once
    it stops, all of it can be collected again (nothing is kept for good)."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    async with room_app(parts, live) as (app, pilot, base):
        assert gc.get_freeze_count() > 1000
    assert gc.get_freeze_count() == 0


def _screen(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [strip.text for strip in app.screen._compositor.render_strips()]


@ui_test
async def test_the_qr_code_is_whole_or_left_out_and_the_address_always_shows(
        tmp_path: Path) -> None:
    """At 80x24 there is no room for the QR code: the address and the room code show. At
    120x40 every line of the QR code is on the screen as drawn, also after the terminal
    grew from 80x24 (a wrapped code cannot be read)."""
    from facilitator.room.qr import qr_lines

    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    async with room_app(parts, live, size=(80, 24)) as (app, pilot, base):
        shown = "\n".join(_screen(app))
        assert base in shown and f"Room code: {CODE}" in shown
        qr = qr_lines(base + "/")
        assert qr[1] not in shown
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        shown = "\n".join(_screen(app))
        assert all(line in shown for line in qr), shown
        assert base in shown and f"Room code: {CODE}" in shown
