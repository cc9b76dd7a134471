"""A template's refusals in the language of the person who asked for the minutes; what
Jinja and Python said is quoted as they said it."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.cli import main


def said(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> str:
    template = tmp_path / "t.md.j2"
    template.write_text(text, encoding="utf-8")
    script = tmp_path / "s.yaml"
    script.write_text("protocol: check-in\nparticipants: [Ana]\ncommands: [start, end]\n",
                      encoding="utf-8")
    assert main(["--lang", "es", "simulate", str(script), "--template", str(template)]) == 1
    return capsys.readouterr().err.replace(str(template), "t.md.j2")


@pytest.mark.parametrize(("text", "sentence"), [
    ("{{ 'x' * 10**9 }}", "facilitator: t.md.j2:1: Esta repetición (`*`) produciría más de "
                          "5.000.000 caracteres, más de lo que cabe en un acta; haga que la "
                          "plantilla produzca menos.\n"),
    ("{{ 'x' | center(10**9) }}", "facilitator: t.md.j2:1: `center` pide un ancho de 1000000000; "
                                  "dé como mucho 1000.\n"),
    ("{{ '%999999999s' % 1 }}", "facilitator: t.md.j2:1: Un formato con % pide un ancho de "
                                "999999999; dé como mucho 1000.\n"),
    ("{% for %}", "facilitator: t.md.j2:1: Expected an expression, got 'end of statement "
                  "block'; corrija la sintaxis de la plantilla en ese lugar.\n"),
])
def test_a_templates_refusal_is_said_in_spanish(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                text: str, sentence: str) -> None:
    assert said(tmp_path, capsys, text) == sentence
