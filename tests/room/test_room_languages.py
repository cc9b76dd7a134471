"""Each phone in its own language, whatever the facilitator's: the page's words
(`GET /api/words`), what the state says, and every refusal come in the language the phone
asked for (`?lang=`) or its browser prefers (`Accept-Language`), else English; the
facilitator's screen keeps its own. Names and what people typed are as typed."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import httpx
import pytest
from roomkit import CODE, bearer, open_assembly, room_app, room_parts, settle, ui_test

from facilitator.room.words import WORDS, phone_language
from facilitator.ui.widgets.room import RoomPanel


@pytest.mark.parametrize(("asked", "accept", "lang"), [
    ("es", None, "es"), (None, "es-MX,es;q=0.9,en;q=0.8", "es"),
    (None, "fr-FR, en;q=0.5", "en"), (None, "de;q=0.9, es;q=0.4", "es"),
    ("fr", "es", "es"), (None, None, "en"), (None, "es;q=0", "en"),
    (None, "es;q=nonsense, en", "en"), ("xx-pseudo", None, "xx-pseudo")])
def test_a_phone_is_answered_in_the_language_it_asks_for_else_its_browsers(
        asked: str | None, accept: str | None, lang: str) -> None:
    assert phone_language(asked, accept) == lang


def test_every_word_of_the_page_is_in_the_words_it_is_served() -> None:
    """Each `data-w` text of page.html is its English in WORDS (the page shows it before
    the words arrive), and each `w("key")` of its script names one."""
    page = resources.files("facilitator.room").joinpath("page.html").read_text("utf-8")
    marked = re.findall(r'data-w="(\w+)"[^>]*>([^<]*)<', page)
    assert len(marked) > 20
    for key, english in marked:
        assert WORDS[key] == english, key
    for key in re.findall(r'\bw\("(\w+)"', page):
        assert key in WORDS, key


async def _join(client: httpx.AsyncClient, base: str, name: str, **params: str) -> str:
    answer = await client.post(f"{base}/api/join", json={"name": name, "code": CODE},
                               params=params)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


@ui_test
async def test_two_phones_each_in_their_own_language_while_the_spanish(
        tmp_path: Path, spanish: None) -> None:
    parts = room_parts(tmp_path)
    live = open_assembly(parts, "Ana", "Ben")
    async with room_app(parts, live) as (app, pilot, base), \
            httpx.AsyncClient(timeout=30) as client:
        ana = await _join(client, base, "Ana", lang="es")
        ben = await _join(client, base, "Ben")  # no language asked, none preferred: English
        words = (await client.get(f"{base}/api/words", params={"lang": "es"})).json()
        assert words["lang"] == "es" and words["words"]["join"] == "Entrar a la reunión"
        assert {"code": "es", "name": "Español"} in words["languages"]
        english = (await client.get(f"{base}/api/words",
                                    headers={"Accept-Language": "en-GB"})).json()
        assert english["words"]["join"] == "Join the meeting"

        state_es = (await client.get(f"{base}/api/state", params={"lang": "es"},
                                     headers=bearer(ana))).json()
        state_en = (await client.get(f"{base}/api/state", headers=bearer(ben))).json()
        assert "paso 1 de" in state_es["where"] and "ronda" in state_es["where"]
        assert "step 1 of" in state_en["where"] and "round" in state_en["where"]
        assert state_es["floor"]["reason"] == "le toca en la ronda"
        assert state_en["floor"]["reason"] == "next in the round"

        hand_es = await client.post(f"{base}/api/do", json={"command": "hand"},
                                    params={"lang": "es"}, headers=bearer(ana))
        hand_en = await client.post(f"{base}/api/do", json={"command": "hand"},
                                    headers=bearer(ben))
        assert hand_es.status_code == hand_en.status_code == 409
        assert hand_es.json()["error"] == ("En una ronda no se piden manos; Ana podrá hablar "
                                           "cuando le llegue la ronda.")
        assert hand_en.json()["error"] == ("No hands are taken during a round; Ben can speak "
                                           "when the round reaches them.")
        wrong = await client.post(f"{base}/api/join", json={"name": "Cy", "code": "nope"},
                                  headers={"Accept-Language": "es-AR,es;q=0.9"})
        assert wrong.status_code == 403
        assert wrong.json()["error"] == ("Ese no es el código de la sala; vuelva a leerlo en "
                                         "la pantalla.")
        await settle(pilot)
        panel = str(app.screen.query_one(RoomPanel).render())
        # The facilitator's screen speaks Spanish, whatever the phones do.
        assert "desde el teléfono de Ben: hand (rechazado) ✗" in panel
        assert "Código de la sala:" in panel
