"""Two phones in a real browser (Debian's chromium, driven by Playwright) take part in a
meeting run by the facilitator's app (a Pilot) in the same asyncio loop: a private round
answered from phones, hands raised, stances in a secret ballot; the facilitator's screen
shows each. Waiting is on what the page says (Playwright's expect), never on sleeps.

Set FACILITATOR_SCREENSHOTS=DIR to keep the phones' screenshots (390x844).
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Page, async_playwright, expect
from roomkit import CODE, open_assembly, room_app, room_parts, settle, ui_test

from facilitator.ui.widgets.room import RoomPanel
from facilitator.ui.widgets.stack import StackPanel

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
WAIT_MS = 10_000


@asynccontextmanager
async def room_browser(parts: Any, live: Any) -> AsyncIterator[tuple[Any, Any, str, Browser]]:
    """(app, pilot, base address, browser): the facilitator's app with the room listening,
    and chromium to open phones in, closed afterwards."""
    async with room_app(parts, live) as (app, pilot, base), async_playwright() as play:
        browser = await play.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=FLAGS)
        try:
            yield app, pilot, base, browser
        finally:
            await browser.close()


async def shot(page: Page, name: str) -> None:
    folder = os.environ.get("FACILITATOR_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


async def join_from(page: Page, base: str, name: str) -> None:
    await page.goto(base + "/")
    await page.get_by_label("Your name, as the meeting knows it").fill(name)
    await page.get_by_label("Room code (on the facilitator's screen)").fill(CODE)
    await page.get_by_role("button", name="Join the meeting").click()
    await expect(page.locator("#room")).to_be_visible(timeout=WAIT_MS)


async def tap(page: Page, button: str, status: str) -> None:
    """Press a button on the phone, and hear back (the page's status line) what it did."""
    await page.get_by_role("button", name=button).click()
    await expect(page.locator("#status")).to_have_text(status, timeout=WAIT_MS)


def screen_text(app, widget) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(widget).render())


@ui_test
async def test_two_phones_take_part_in_a_round_a_discussion_and_a_secret_ballot(
        tmp_path: Path) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    async with room_browser(parts, live) as (app, pilot, base, browser):
        ana = await (await browser.new_context(viewport=PHONE)).new_page()
        ben = await (await browser.new_context(viewport=PHONE)).new_page()
        await join_from(ana, base, "Ana")
        await join_from(ben, base, "Ben")

        # A private round: each answers from their own phone.
        await expect(ana.locator("#floor")).to_contain_text("Ana has the floor",
                                                            timeout=WAIT_MS)
        await tap(ana, "red", "Your capacity is in: red.")
        await tap(ben, "green", "Your capacity is in: green.")
        await expect(ben.locator("#collect-note")).to_contain_text("You answered: green")
        assert not re.search(r"\bred\b", await ben.locator("#collect-note").inner_text())
        await shot(ana, "1-round")
        await settle(pilot)
        panel = screen_text(app, RoomPanel)
        assert "from Ana's phone: collect red" in panel
        assert "from Ben's phone: collect green" in panel
        assert [(e["command"], e["source"]) for e in live.entries[-2:]] == [
            ("collect Ana red", "Ana's phone"), ("collect Ben green", "Ben's phone")]

        # A discussion: hands from phones, in the stack's order on every screen.
        await pilot.press("a")
        await settle(pilot)
        await expect(ana.get_by_role("button", name="Raise my hand")).to_be_visible(
            timeout=WAIT_MS)
        await tap(ana, "Raise my hand", "Your hand is up.")
        await tap(ben, "Point of process", "Your hand is up.")
        await expect(ana.locator("#place")).to_have_text(
            "You are number 2 on the stack.", timeout=WAIT_MS)
        await expect(ana.locator("#stack li").first).to_contain_text("Ben")
        await settle(pilot)
        stack = screen_text(app, StackPanel)
        assert "Ben" in stack and "Ana" in stack and stack.index("Ben") < stack.index("Ana")
        await shot(ana, "2-discussion")

        # A secret ballot: stances only from phones; the screen counts, never tells.
        # (Hands are still up: leaving the discussion asks first, and `y` says yes.)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await expect(ana.locator("#ballot-h")).to_have_text(
            "Your stance (secret ballot)", timeout=WAIT_MS)
        await ana.get_by_label("Stand aside").check()
        await ana.get_by_label("Reason (when your choice asks for one)").fill(
            "I will not help but will not stop it")
        await tap(ana, "Give my stance", "Your stance is in.")
        await ben.get_by_label("Agree", exact=True).check()
        await tap(ben, "Give my stance", "Your stance is in.")
        await shot(ben, "3-secret-ballot")
        await settle(pilot)
        board = screen_text(app, "#stances")
        assert "2 of 2 stances in" in board
        assert "Stand aside" not in board and "Agree" not in board
        assert [(e["command"], e.get("sealed")) for e in live.entries[-2:]] == [
            ("stance Ana", True), ("stance Ben", True)]
        panel = screen_text(app, RoomPanel)
        assert "from Ben's phone: a secret stance" in panel and "agree" not in panel

        # A refusal's sentence reaches the phone that caused it.
        await ben.get_by_label("Agree", exact=True).check()
        await pilot.press("R")  # stances off
        await ben.get_by_role("button", name="Give my stance").click()
        await expect(ben.locator("#status")).to_contain_text(
            "switched the room's stances off", timeout=WAIT_MS)


@ui_test
async def test_ones_own_airtime_moves_on_the_phone_while_one_speaks(tmp_path: Path) -> None:
    """The state comes when the meeting changes; while Ana holds the floor her phone counts
    her turn on, in her airtime and her share (the browser's clock is moved, not waited)."""
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    async with room_browser(parts, live) as (app, pilot, base, browser):
        ana = await (await browser.new_context(viewport=PHONE)).new_page()
        await ana.clock.install()
        await join_from(ana, base, "Ana")
        await expect(ana.locator("#floor")).to_contain_text("Ana has the floor",
                                                            timeout=WAIT_MS)
        await expect(ana.locator("#me")).to_contain_text("spoken 0:0", timeout=WAIT_MS)
        await ana.clock.run_for(90_000)
        await expect(ana.locator("#me")).to_contain_text(
            re.compile(r"spoken 1:3\d in 0 turns \(100% of the talking\)"),
            timeout=WAIT_MS)
        await expect(ana.locator("#floor")).to_contain_text("Ana has the floor: 1:3")
