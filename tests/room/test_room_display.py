"""The projector (`facilitator display`) shows the room's way in while the room is open, and
the facilitator's app writes it there (the group's room.json) and takes it away after."""

from __future__ import annotations

from pathlib import Path

import httpx
from roomkit import CODE, open_assembly, room_app, room_parts, settle, ui_test

from facilitator.ui.display import DisplayApp
from facilitator.ui.room import read_room_file


@ui_test
async def test_the_projector_shows_the_qr_code_address_and_room_code(tmp_path: Path) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana")
    async with room_app(parts, live) as (app, pilot, base):
        opened = read_room_file(parts.group)
        assert opened == {"address": base + "/", "code": CODE}
        display = DisplayApp(parts.group, None, parts.clock, poll_seconds=None)
        async with display.run_test(size=(100, 50)) as projector:
            await settle(projector)
            shown = str(display.query_one("#room").render())
            assert f"Take part from your phone: {base}/" in shown
            assert f"Room code: {CODE}" in shown
            assert "█" in shown  # the QR code
        async with httpx.AsyncClient(timeout=30) as client:  # the address is the room's page
            assert "Join the meeting" in (await client.get(base + "/")).text
    assert read_room_file(parts.group) is None
