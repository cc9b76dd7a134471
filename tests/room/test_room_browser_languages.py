"""Phones in a real browser (Debian's chromium, driven by Playwright), each in its own
language while the facilitator's screen speaks Spanish; and the page under the
pseudo-locale, where every word it shows is wrapped in ⟦…⟧ (no text that did not go
through a catalog). Waiting is on what the page says (Playwright's expect), never on sleeps.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.async_api import Page, expect
from roomkit import CODE, open_assembly, room_parts, settle, ui_test
from test_room_browser import PHONE, WAIT_MS, room_browser, shot

from facilitator.ui.widgets.room import RoomPanel

WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")
# Not words: figures, clock readings, marks; and the languages' own names in the menu.
NOT_WORDS = re.compile(r"[\d\s:;,.!?()%✓·/\-]+|English|Español|xx-pseudo")




async def untranslated(page: Page, *typed: str) -> list[str]:
    """The lines the page shows that hold anything but wrapped text, what people typed,
    figures and marks."""
    found = []
    for line in (await page.evaluate("document.body.innerText")).splitlines():
        left = line
        while WRAPPED.search(left):
            left = WRAPPED.sub(" ", left)
        for word in typed:
            left = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", left)
        if NOT_WORDS.sub("", left):
            found.append(line)
    return found


@ui_test
async def test_the_phone_page_under_the_pseudo_locale_says_nothing_untranslated(
        tmp_path: Path) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    typed = ("Ana", "Ben", "green", "yellow", "red", "Buy a kettle", "Assembly")
    async with room_browser(parts, live) as (app, pilot, base, browser):
        context = await browser.new_context(viewport=PHONE, locale="en-US")
        await context.add_init_script("localStorage.setItem('room-lang', 'xx-pseudo')")
        ana = await context.new_page()
        await ana.goto(base + "/")
        await expect(ana.locator("#where")).to_contain_text("⟦", timeout=WAIT_MS)
        assert await untranslated(ana, *typed) == []
        await ana.locator("#name").fill("Ana")
        await ana.locator("#code").fill(CODE)
        await ana.locator("#join button").click()
        await expect(ana.locator("#room")).to_be_visible(timeout=WAIT_MS)
        await expect(ana.locator("#floor")).to_contain_text("Ana", timeout=WAIT_MS)
        assert await untranslated(ana, *typed) == []  # a private round
        await ana.get_by_role("button", name="red").click()
        await expect(ana.locator("#collect-note")).to_contain_text("red",
                                                                   timeout=WAIT_MS)
        assert await untranslated(ana, *typed) == []
        await pilot.press("a")  # a discussion
        await settle(pilot)
        await expect(ana.locator("#raise")).to_be_visible(timeout=WAIT_MS)
        await ana.locator("#raise").click()
        await expect(ana.locator("#stack li")).to_have_count(1, timeout=WAIT_MS)
        assert await untranslated(ana, *typed) == []
        await pilot.press("a")  # a secret ballot (a hand is up: `y` says yes)
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await expect(ana.locator("#ballot")).to_be_visible(timeout=WAIT_MS)
        await ana.locator("#options input").first.check()
        await ana.locator("#stance button").click()
        await expect(ana.locator("#status")).to_contain_text("⟦", timeout=WAIT_MS)
        assert await untranslated(ana, *typed) == []
        await shot(ana, "pseudo-ballot")


@ui_test
async def test_two_phones_one_spanish_one_english_and_the_facilitator_in_spanish(
        tmp_path: Path, spanish: None) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    async with room_browser(parts, live) as (app, pilot, base, browser):
        ana = await (await browser.new_context(viewport=PHONE, locale="es-MX")).new_page()
        ben = await (await browser.new_context(viewport=PHONE, locale="en-US")).new_page()
        await ana.goto(base + "/")
        await ana.get_by_label("Su nombre, como lo conoce la reunión").fill("Ana")
        await ana.get_by_label("Código de la sala (en la pantalla de quien facilita)") \
            .fill(CODE)
        await ana.get_by_role("button", name="Entrar a la reunión").click()
        await ben.goto(base + "/")
        await ben.get_by_label("Your name, as the meeting knows it").fill("Ben")
        await ben.get_by_label("Room code (on the facilitator's screen)").fill(CODE)
        await ben.get_by_role("button", name="Join the meeting").click()

        await expect(ana.locator("#floor")).to_contain_text("Ana tiene la palabra",
                                                            timeout=WAIT_MS)
        await expect(ben.locator("#floor")).to_contain_text("Ana has the floor",
                                                            timeout=WAIT_MS)
        await expect(ana.locator("#where")).to_contain_text("paso 1 de 4, ronda")
        await expect(ben.locator("#where")).to_contain_text("step 1 of 4, round")
        await ana.get_by_role("button", name="red").click()
        await expect(ana.locator("#status")).to_have_text(
            "Ya llegó su respuesta (capacity): red.", timeout=WAIT_MS)
        await pilot.press("a")  # a discussion; a refusal comes in each one's language
        await settle(pilot)
        await expect(ana.get_by_role("button", name="Levantar la mano")).to_be_visible(
            timeout=WAIT_MS)
        await ana.get_by_role("button", name="Levantar la mano").click()
        await expect(ana.locator("#place")).to_have_text(
            "Es el número 1 en la pila de palabra.", timeout=WAIT_MS)
        await expect(ben.locator("#stack li").first).to_have_text(
            "Ana (first time in this step)", timeout=WAIT_MS)
        await shot(ana, "es-discussion")
        await shot(ben, "en-discussion")

        # Ben switches his page to Spanish; the browser remembers it.
        await ben.locator("#lang").select_option("es")
        await expect(ben.locator("#stack-h")).to_have_text("Quién sigue", timeout=WAIT_MS)
        await expect(ben.locator("#stack li").first).to_have_text(
            "Ana (primera vez en este paso)", timeout=WAIT_MS)
        await ben.reload()
        await expect(ben.locator("#raise")).to_have_text("Levantar la mano",
                                                         timeout=WAIT_MS)

        await settle(pilot)
        panel = str(app.screen.query_one(RoomPanel).render())
        assert "desde el teléfono de Ana: collect red" in panel
        assert "teléfonos conectados" in panel
        where = str(app.screen.query_one("#where").render())
        assert "paso 2 de 4, debate" in where
