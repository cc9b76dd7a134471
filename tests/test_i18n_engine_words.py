"""What the engine says of itself, in the group's language: a quorum counted against the
roster, the group's moratorium, a nested protocol waiting for its roles, and what stands
in for a placeholder with no value yet. Said in English as before; names and what people
typed as they are."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from facilitator import i18n
from facilitator.cli import main


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
    assert ("Quórum: están 3 de las 4 personas de la lista (1/2 de ellas hacen falta): "
            "cumplido.") in lines
    assert ("El grupo tiene una moratoria de nuevas iniciativas: We are tired. ¿Esto es "
            "trabajo nuevo?") in lines
    # The nested protocol waits for its presenter: in the news, and as the prompt.
    assert ("Decisión rápida necesita alguien para el rol presenter antes de empezar; use "
            "`role presenter NAME`.") in lines
    assert ("Decisión rápida necesita alguien para el rol presenter antes de empezar; use "
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

