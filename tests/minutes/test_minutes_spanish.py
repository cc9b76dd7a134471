"""The minutes in Spanish: the spec's quick decision as golden files, the same meeting
rendered in either language, and what people typed left exactly as typed.

Regenerate the golden files, when a change is meant, with
    UPDATE_GOLDEN=1 pytest tests/minutes/test_minutes_spanish.py
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.cli import main

GOLDEN = Path(__file__).parent / "golden"
SPEC = Path(__file__).parents[2] / "docs" / "protocol-language.md"


def spec_script() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)
    return next(b for b in blocks if b.startswith("protocol: quick-decision"))


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def simulate(tmp_path: Path, capsys: pytest.CaptureFixture[str], script: str,
             *options: str) -> str:
    path = tmp_path / "script.yaml"
    path.write_text(script, encoding="utf-8")
    capsys.readouterr()
    assert main(["simulate", str(path), *options]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "eml"])
def test_the_spec_quick_decision_in_spanish_matches_its_golden_file(
        utc: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    text = simulate(tmp_path, capsys, spec_script(), "--format", fmt, "--lang", "es")
    path = GOLDEN / f"quick-decision.es.{fmt}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} changed; if meant, regenerate with UPDATE_GOLDEN=1.")


def test_the_spanish_minutes_say_it_in_spanish(utc: None, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """What the golden file holds, said outright: the protocol's own translations and the
    catalog's words, with names, pronouns, the proposal and the reason as typed."""
    md = simulate(tmp_path, capsys, spec_script(), "--format", "md", "--lang", "es")
    for said in ("jueves, 1 de enero de 2026", "## Presentes", "Ana (she/her)",
                 "**Aprobada.**", "Prueba de acuerdo, intento 1: **aprobada**",
                 "(De acuerdo: 2, Hacerse a un lado: 1)", "Cy se hizo a un lado",
                 "“I can't help on Saturdays”", "| 0:00 | Debate | 3m | hecho |",
                 "| Ben | 2m | 1 | 67\xa0%", "Reparto de la palabra: **0,33**",
                 "### Open the tool library on Saturdays"):
        assert said in md, said


def test_json_is_the_same_data_in_every_language(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    english = simulate(tmp_path, capsys, spec_script(), "--format", "json")
    spanish = simulate(tmp_path, capsys, spec_script(), "--format", "json", "--lang", "es")
    assert json.loads(spanish) == json.loads(english)


def test_minutes_of_a_recorded_meeting_in_another_language(
        utc: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The group writes its minutes in its language; `minutes --lang` renders another from
    the same meeting, its protocol's texts translated from the journal's protocols."""
    group = tmp_path / "group"
    assert main(["group", "set", "language", "es", "--group", str(group)]) == 0
    simulate(tmp_path, capsys, spec_script(), "--group", str(group))
    kept = next((group / "minutes").glob("*.md")).read_text(encoding="utf-8")
    assert "## Decisiones" in kept and "| 0:00 | Debate | 3m | hecho |" in kept
    assert main(["minutes", "--last", "--format", "md", "--group", str(group)]) == 0
    assert capsys.readouterr().out.rstrip("\n") == kept.rstrip("\n")
    assert main(["minutes", "--last", "--format", "md", "--lang", "en",
                 "--group", str(group)]) == 0
    english = capsys.readouterr().out
    assert "## Decisions" in english and "| 0:00 | Discuss | 3m | done |" in english


NAMES = """\
protocol: quick-decision
title: Present
participants: [{name: Sí, pronouns: she/her}, {name: Yes}, {name: Decisions, pronouns: done}]
roles: {facilitator: Sí, presenter: Yes}
commands:
  - propose "Decisions"
  - start
  - hand Yes
  - next
  - wait 1m
  - done
  - note "Present"
  - advance
  - stance Sí agree
  - stance Yes agree
  - stance Decisions stand_aside "nobody"
  - advance
  - advance
  - end
"""


@pytest.mark.parametrize("lang", ["en", "es", "xx-pseudo"])
def test_names_and_what_people_typed_are_never_translated(
        lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """People called Sí, Yes and Decisions, pronouns `done`, and typed text that is also a
    message of the catalog ("Present", "Decisions", "nobody") come out exactly as typed."""
    for fmt in ("md", "txt", "html"):
        out = simulate(tmp_path, capsys, NAMES, "--format", fmt, "--lang", lang)
        assert "Sí (she/her)" in out and "Decisions (done)" in out
        assert "Presentes" not in out.split("\n")[0]  # the title, as typed
        assert "Present" in out.split("\n")[0] or fmt == "html"
    md = simulate(tmp_path, capsys, NAMES, "--format", "md", "--lang", lang)
    assert "\n# Present\n" in "\n" + md
    assert "### Decisions\n" in md
    assert "Decisions se hizo a un lado: “nobody”" in md or lang != "es"
    assert "- Present (" in md  # the note
    assert "Yes: " not in md.replace("- Presenta: Yes", "").replace("- Presenter: Yes", "") \
        or lang == "xx-pseudo"
