"""Themes: the default, a high-contrast one, and NO_COLOR (textual's monochrome filter)."""

from __future__ import annotations

import pytest
from conftest import Parts, keys, settle, ui_test

from facilitator.ui.app import HIGH_CONTRAST


@ui_test
async def test_the_high_contrast_theme_can_be_chosen(parts: Parts) -> None:
    """The palette offers it; the meeting screen renders with it."""
    live = parts.open("quick-decision")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "High contrast" in commands
        app.theme = HIGH_CONTRAST.name
        await keys(pilot, "j")
        assert app.current_theme.name == HIGH_CONTRAST.name


@ui_test
async def test_no_color_is_respected(parts: Parts, monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR set the screen is drawn without colour; meaning is in words and marks."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = parts.app(parts.open("quick-decision"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
