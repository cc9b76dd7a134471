"""On a terminal of 80x24 with the room open, the facilitator still sees who speaks next:
the floor's large timer gives its lines to the stack, and the turn's time is said in
words instead. At 120x40 the large timer is back."""

from __future__ import annotations

from pathlib import Path

from roomkit import open_assembly, room_app, room_parts, settle, ui_test

from facilitator.ui.widgets.stack import StackPanel


@ui_test
async def test_at_80x24_the_stack_names_who_is_next_and_the_turn_is_timed_in_words(
        tmp_path: Path) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben", "Cy", "Dee")
    for line in ("advance", "hand Ben", "hand Cy", "hand Dee", "next"):
        live.do(line)
    parts.clock.advance(65)
    async with room_app(parts, live, size=(80, 24)) as (app, pilot, _base):
        screen = app.screen
        screen.tick()
        await settle(pilot)
        stack = str(screen.query_one(StackPanel).render())
        assert stack.splitlines()[0].startswith("1. Cy")
        timer = screen.query_one("#timer")
        assert not timer.display or timer.region.height == 0
        assert "turn 1:05" in str(screen.query_one("#timebox").render())
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert timer.region.height == 3  # the large timer is back
        assert "turn" not in str(screen.query_one("#timebox").render())
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "turn 1:05" in str(screen.query_one("#timebox").render())
