"""The key bar: the keys that fit the moment, back after the command line, fitting the width."""

from __future__ import annotations

from conftest import Parts, command, settle, ui_test
from pseudo_screen import screen_lines

from facilitator.ui.widgets.keybar import KeyBar


def bar(app) -> str:
    """The bar as the screen draws it (it draws its own lines), a line per row."""
    region = app.screen.query_one(KeyBar).region
    lines = screen_lines(app)
    return "\n".join(lines[y].strip() for y in range(region.y, region.bottom))


@ui_test
async def test_the_bar_drawn_follows_pause_and_resume(parts: Parts) -> None:
    live = parts.open("quick-decision", *Parts.STARTED)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "space Pause" in bar(app)
        await pilot.press("space")
        await settle(pilot)
        assert "space Resume" in bar(app) and "Pause" not in bar(app)
        await pilot.press("space")
        await settle(pilot)
        assert "space Pause" in bar(app) and "Resume" not in bar(app)


@ui_test
async def test_the_keys_come_back_when_the_command_line_closes(parts: Parts) -> None:
    live = parts.open("quick-decision", *Parts.STARTED)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await command(pilot, "hand Ana")
        await settle(pilot)
        assert bar(app).startswith("n Next d Done h Hand x Interject a Advance")
        assert bar(app).endswith("? Help E End")


@ui_test
async def test_at_80_columns_the_bar_takes_two_lines_and_keeps_every_word(
        parts: Parts) -> None:
    live = parts.open("quick-decision", *Parts.STARTED)
    app = parts.app(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert bar(app) == ("n Next d Done h Hand x Interject a Advance e Extend space Pause "
                            "u Undo : Cmd\n? Help E End")
        assert app.screen.query_one(KeyBar).size.height == 2


@ui_test
async def test_on_a_narrow_terminal_the_keys_stand_alone_but_help_and_end_are_said(
        parts: Parts) -> None:
    live = parts.open("quick-decision", *Parts.STARTED)
    app = parts.app(live)
    async with app.run_test(size=(36, 24)) as pilot:
        await settle(pilot)
        assert bar(app) == "n d h x a e space u : ? Help E End"


@ui_test
async def test_the_bar_fits_a_terminal_made_narrower_without_waiting_for_a_key(
        parts: Parts) -> None:
    live = parts.open("quick-decision", *Parts.STARTED)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "\n" not in bar(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert bar(app) == ("n Next d Done h Hand x Interject a Advance e Extend space Pause "
                            "u Undo : Cmd\n? Help E End")
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert bar(app).endswith("u Undo : Cmd ? Help E End") and "\n" not in bar(app)
