"""The facilitator's keys are not slowed by the phones (benchmarks/bench_room.py):
- with a room, the screen may compose up to `room.FPS` frames a second, so a key pressed
  just after a frame drawn for the phones does not wait for Textual's next frame slot; a
  TEXTUAL_FPS the person set stands, and a meeting without a room keeps Textual's cap;
- a key draws what it changed at once; what phones did comes at the room's own pace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from roomkit import open_assembly, room_parts, settle, ui_test

from facilitator.room import FPS
from facilitator.ui import view
from facilitator.ui.meeting import MeetingScreen
from facilitator.ui.widgets.stack import StackPanel

# `run` as the command line does it, up to the app: the app itself is left out, and what
# textual read, once, is printed.
CODE = """
import sys
import facilitator.ui.launch as launch

def run(*args, **kwargs):
    import textual.constants
    print(textual.constants.MAX_FPS)
    return 0

launch.run = run
from facilitator.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("words", "set_by_person", "cap"), [
    (["--room"], None, FPS),
    (["--room"], "30", 30),
    ([], None, 60),
])
def test_a_room_raises_the_frame_cap_unless_the_person_set_it(
        tmp_path: Path, words: list[str], set_by_person: str | None, cap: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    env |= {"FACILITATOR_GROUP": str(tmp_path / "group"),
            "FACILITATOR_CACHE": str(tmp_path / "cache")}
    if set_by_person:
        env["TEXTUAL_FPS"] = set_by_person
    result = subprocess.run([sys.executable, "-c", CODE, "run", "quick-decision", *words],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(cap)]


@ui_test
async def test_a_key_draws_its_own_change_and_the_phones_come_at_their_pace(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hand from a phone is in the meeting at once and on the screen at the room's next
    show; a key pressed in between draws what the key changed, not the phones' part. A key
    whose command changes the stack draws the stack as it stands, phones' hands and all."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben", "Cy")
    live.do("advance")
    app = parts.app(live)
    pending = [False]
    monkeypatch.setattr(app, "room_pending", lambda: pending[0], raising=False)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        stack = screen.query_one(StackPanel)

        live.do("hand Ana", source="Ana's phone")  # the room's show is due
        pending[0] = True
        assert screen.send("pause")
        await settle(pilot)
        assert live.meeting.paused_since is not None
        assert "PAUSED" in str(screen.query_one("#where").render()).upper()
        assert "Ana" not in str(stack.render())

        pending[0] = False  # the room's show
        screen.show()
        await settle(pilot)
        assert "1. Ana" in str(stack.render())

        live.do("hand Cy", source="Cy's phone")
        pending[0] = True
        assert screen.send("hand Ben")  # the key changes the stack: drawn as it stands
        await settle(pilot)
        shown = [line.split()[1] for line in str(stack.render()).splitlines()
                 if line[:1].isdigit()]
        assert sorted(shown) == ["Ana", "Ben", "Cy"]
        assert shown == [name for name, _why in view.stack(live.meeting)]


@ui_test
async def test_a_keys_news_keeps_its_place_while_phones_act_then_gives_way(
        tmp_path: Path) -> None:
    """In a busy room a phone acts within a tenth of a second of the facilitator's key: the
    key's news stays on the news line, the phones' newest after it, for NEWS_HOLDS
    seconds; then phones' news takes the line as before."""
    from roomkit import room_app

    from facilitator.ui.meeting import NEWS_HOLDS

    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben", "Cy")
    live.do("advance")
    async with room_app(parts, live) as (app, pilot, base):
        screen = app.screen
        assert isinstance(screen, MeetingScreen)

        def news() -> str:
            return str(screen.query_one("#news").render())

        await pilot.press("space")
        await settle(pilot)
        assert news() == "Paused: every timer stands still."
        app.room_give("hand Ben", "Ben's phone")
        app._show_now()  # what the room's timer calls
        await settle(pilot)
        assert news().startswith("Paused: every timer stands still. ")
        assert "Ben" in news()

        parts.clock.advance(NEWS_HOLDS)
        app.room_give("hand Cy", "Cy's phone")
        app._show_now()
        await settle(pilot)
        assert "Cy" in news() and "Paused" not in news()
