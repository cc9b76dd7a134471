"""A Spanish-speaking facilitator's meeting: the terminal and `--plain` speak Spanish, as a
facilitator would say it, while names, pronouns and what people typed stay as typed."""

from __future__ import annotations

import io

from conftest import Parts, command, keys, settle, type_text, ui_test
from pseudo_screen import screen_lines
from test_ui_plain import Typist

from facilitator.ui.plain import converse


def test_a_consent_decision_in_plain_spanish(parts: Parts, spanish: None) -> None:
    """The conversation speaks Spanish; `sí` ends the meeting."""
    out = io.StringIO()
    lines = ["join Ana ella/la", "join Ben", "join Cy elle", "role presenter Ben",
             'propose "Abrir la biblioteca de herramientas los sábados"', "start",
             "hand Ben", "hand Cy", "next", 120, "next", 60, "done", "advance",
             "stance Ana agree", "stance Ben agree",
             'stance Cy stand_aside "No puedo los sábados"', "advance", "advance", "end", "sí"]
    code = converse(None, parts.group, parts.library, parts.sources, parts.clock,
                    protocol="quick-decision", title="Biblioteca",
                    stdin=Typist(lines, parts.clock), stdout=out)
    said = out.getvalue()
    assert code == 0
    assert "¿Quiénes están? Anote a la gente, nombre los roles y empiece." in said
    assert "Llegó Ana (ella/la)." in said
    assert "Rol de presentación: Ben." in said
    assert "Ben tiene la palabra (primera vez en este paso; levantó la mano antes que Cy)." \
        in said
    assert "Ben terminó después de 2m." in said
    assert "La prueba terminó: aprobada, intento 1" in said
    assert "Acta escrita en" in said
    for english in ("joined", "has the floor", "The meeting has", "Minutes written"):
        assert english not in said


@ui_test
async def test_the_meeting_screen_in_spanish(parts: Parts, spanish: None) -> None:
    """Panels, the key bar and the stance board speak Spanish; the keys are the same."""
    app = parts.app(protocol="quick-decision", title="Biblioteca")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for person in ("Ana ella/la", "Ben", "Cy"):
            await keys(pilot, "j")
            await type_text(pilot, person)
            await keys(pilot, "enter")
        await keys(pilot, "r", "1", "2")
        await command(pilot, 'propose "Abrir los sábados"')
        await keys(pilot, "enter", "h", "2", "n")
        screen = "\n".join(screen_lines(app))
        assert "Ben tiene la palabra (primera vez en este paso)" in screen
        assert "Quién sigue" in screen and "n Siguiente" in screen
        await keys(pilot, "d", "a", "s", "1", "1", "s", "1", "1", "s", "1", "1")
        screen = "\n".join(screen_lines(app))
        assert "3 de 3 posturas · están todas" in screen
        assert "De acuerdo: Ana; Ben; Cy" in screen
        assert "Si se cierra ahora: aprobada" in screen
        assert "s Postura" in screen and "a Avanzar" in screen


def test_the_minutes_of_an_untitled_meeting_speak_spanish_too(parts: Parts,
                                                              spanish: None) -> None:
    """Ended at the screen (here `--plain`), the minutes name the protocol and its steps
    in Spanish: the screen hands the minutes the protocols the meeting ran."""
    out = io.StringIO()
    lines = ["join Ana", "join Ben", "start", "next", 30, "next", 30, "next", "advance",
             "end", "sí"]
    code = converse(None, parts.group, parts.library, parts.sources, parts.clock,
                    protocol="check-in", title="", stdin=Typist(lines, parts.clock),
                    stdout=out)
    assert code == 0, out.getvalue()
    [written] = parts.group.minutes_path.glob("*.md")
    minutes = written.read_text()
    assert minutes.startswith("# Ronda de apertura\n"), minutes[:80]
    assert "| Ronda de apertura |" in minutes and "Check" not in minutes


def test_a_turn_names_its_role_by_its_name_for_people(parts: Parts, spanish: None) -> None:
    """The engine keeps "the presenter's turn"; the screen and the phones say the role as
    the group reads it, never its id."""
    from facilitator.room.shown import projector
    from facilitator.ui.kinds import engine_words

    live = parts.open("consent", "join Ana", "join Ben", "role presenter Ana",
                      "propose 'Compostera'", "start")
    meeting = live.meeting
    assert meeting.floor is not None and meeting.floor.reason == "the presenter's turn"
    assert engine_words(meeting.floor.reason, meeting) == "turno de presentación"
    assert projector(meeting)["floor"]["reason"] == "turno de presentación"
