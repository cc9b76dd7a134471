"""What the engine and the minutes say of themselves, in the group's language: a quorum
counted against the roster, the group's moratorium, a nested protocol waiting for its
roles, what stands in for a placeholder with no value yet, and the notes the minutes
write themselves. Said in English as before; names and what people typed as they are."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from facilitator import i18n
from facilitator.cli import main
from facilitator.minutes.view import note


@pytest.fixture(autouse=True)
def english_after() -> object:
    yield
    i18n.use("en")


def _converse(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
              group: Path, protocol: str, commands: list[str], *lang: str) -> str:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{c}\n" for c in commands)))
    capsys.readouterr()
    code = main(["run", protocol, "--plain", "--group", str(group), *lang])
    said = capsys.readouterr()
    assert code == 0, said.err
    return said.out


ASSEMBLY = ["join Ana", "join Ben", "join Cy", "role facilitator Ana", "start", "advance",
            'item "Rent strike" quick-decision', "status", "role presenter Ben", "status",
            "end", "yes"]


@pytest.fixture
def group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str]) -> Path:
    """A group with a roster of four (one meeting behind it) and a moratorium."""
    folder = tmp_path / "group"
    _converse(monkeypatch, capsys, folder, "check-in",
              ["join Ana", "join Ben", "join Cy", "join Dee", "start", "end", "yes"])
    assert main(["moratorium", "set", "We are tired", "--group", str(folder)]) == 0
    return folder


def test_a_general_assembly_in_spanish(group: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    said = _converse(monkeypatch, capsys, group, "general-assembly", ASSEMBLY, "--lang", "es")
    lines = said.splitlines()
    assert ("Quórum: están aquí 3 de las 4 personas de la lista (hace falta 1/2 de ellas): "
            "cumplido.") in lines
    assert ("El grupo tiene una moratoria de nuevas iniciativas: We are tired. ¿Esto es "
            "trabajo nuevo?") in lines
    # The nested protocol waits for its presenter: in the news, and as the prompt.
    assert ("Decisión rápida necesita alguien para el rol de presentación antes de empezar; use "
            "`role presenter NAME`.") in lines
    assert ("Decisión rápida necesita alguien para el rol de presentación antes de empezar; use "
            "role presenter NAME.") in lines
    assert "(todavía no hay propuesta: propose TEXT)" in lines
    for english in ("Quorum:", "moratorium", "needs", "no proposal yet"):
        assert english not in said


def test_the_same_assembly_in_english_as_before(group: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    lines = _converse(monkeypatch, capsys, group, "general-assembly", ASSEMBLY).splitlines()
    assert ("Quorum: 3 of the 4 people on the roster are here (1/2 of them needed): met."
            in lines)
    assert ("The group has a moratorium on new initiatives: We are tired. Is this new work?"
            in lines)
    assert ("Quick decision needs a presenter before it can begin; name one: `role presenter "
            "NAME`." in lines)
    assert ("Quick decision needs a presenter before it can begin; name one: role presenter "
            "NAME." in lines)
    assert "(no proposal yet: propose TEXT)" in lines


def test_a_duration_refused_in_spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """`extend` reads a duration as a protocol file does, and says what is wrong with it in
    the language."""
    said = _converse(monkeypatch, capsys, tmp_path / "group", "check-in",
                     ["join Ana", "start", "extend 5x", "extend 3d", "quit"], "--lang", "es")
    assert "> `5x` no es una duración; escríbala como `45s`, `2m`, `1m30s` o `1h15m`." in said
    assert "> `3d` usa días o semanas, que solo aceptan los plazos de revisión;" in said


SCRIPT = """\
protocol: discussion
title: Tenants' committee
participants: [{name: Ana}, {name: Ben}, {name: Cy}]
commands:
  - start
  - hand Ana
  - next
  - wait 1m
  - hand Cy point-of-process
  - wait 30s
  - done
  - wait 30s
  - done
  - suggest "Shorter meetings"
  - advance
  - end
"""


def test_the_minutes_own_notes_in_spanish(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "notes.yaml"
    script.write_text(SCRIPT, encoding="utf-8")
    assert main(["simulate", str(script), "--format", "md", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert ("- Punto de proceso: Cy; el tiempo de Ana se detuvo mientras se escuchaba, y "
            "después Ana siguió. (1:00)") in out
    assert "- Buzón de sugerencias: Shorter meetings (2:00)" in out
    i18n.use("en")
    assert main(["simulate", str(script), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert ("- Point of process: Cy; Ana's time stood still while it was heard, then Ana went "
            "on. (1:00)") in out
    assert "- Suggestion box: Shorter meetings (2:00)" in out


def test_a_note_people_typed_stays_as_it_is() -> None:
    spanish = i18n.translator("es")
    assert note("Point of process: Ana.", spanish) == "Punto de proceso: Ana."
    assert note("Bring chairs", spanish) == "Bring chairs"
    assert note("The meeting stopped for 5m (the facilitator's computer was off); timers "
                "stood still.", spanish) == ("La reunión se detuvo durante 5m (la computadora "
                                             "de quien facilita estaba apagada); los relojes "
                                             "se quedaron quietos.")
    assert note("Lines 3, 4 of this meeting's journal were damaged; what they held is missing "
                "from these minutes.", spanish).startswith("Las líneas 3, 4 del diario")
