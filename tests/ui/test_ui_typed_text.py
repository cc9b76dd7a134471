"""What people typed shows exactly as typed: a name, a proposal, a meeting's title with
square brackets in it is never read as Textual markup. `[draft]` once vanished from the
news line, and a proposal holding `[link=…]` stopped the app with a traceback (from the
keyboard, or from a phone through the same news line)."""

from __future__ import annotations

from conftest import Parts, settle, ui_test
from pseudo_screen import screen_lines

from facilitator.ui.display import DisplayApp
from facilitator.ui.meeting import MeetingScreen
from facilitator.ui.picker import PickerScreen

TITLE = "Tea [draft] [/] plans"
NAME = "Ben [he]"
PROPOSAL = "see [link=http://x]click [/] ok [@click=app.quit]q[/]"
STRANGER = "[b]Zed[/]"


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(screen_lines(app))


@ui_test
async def test_typed_text_with_brackets_shows_as_typed_everywhere(parts: Parts) -> None:
    live = parts.open("quick-decision", title=TITLE)
    app = parts.app(live)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        for line in ("join Ana", f"join '{NAME}'", "role presenter Ana",
                     f"propose '{PROPOSAL}'"):
            assert screen.send(line), line
            await settle(pilot)
        shown = screen_text(app)
        assert TITLE in shown.splitlines()[0]
        assert f"Proposal: {PROPOSAL}" in shown
        assert NAME in shown

        for line in ("start", f"hand '{NAME}'", "next"):
            assert screen.send(line), line
            await settle(pilot)
        assert f"{NAME} has the floor" in screen_text(app)

        # A refusal quotes the name typed: a notification, as plain text.
        app.clear_notifications()
        assert not screen.send(f"hand '{STRANGER}'")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        [notice] = list(app._notifications)
        assert STRANGER in notice.message
        assert STRANGER in screen_text(app)


@ui_test
async def test_the_picker_lists_a_title_with_brackets_as_typed(parts: Parts) -> None:
    live = parts.open("quick-decision", "join Ana", title=TITLE)
    live.close()
    app = parts.app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        assert TITLE in screen_text(app)


@ui_test
async def test_the_projector_shows_typed_text_as_typed(parts: Parts) -> None:
    parts.open("quick-decision", "join Ana", f"join '{NAME}'", "role presenter Ana",
               f"propose '{PROPOSAL}'", "start", f"hand '{NAME}'", "next", title=TITLE)
    app = DisplayApp(parts.group, None, parts.clock, poll_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert TITLE in shown.splitlines()[0]
        assert PROPOSAL in shown
        assert f"{NAME} has the floor" in shown
