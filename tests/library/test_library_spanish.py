"""The built-in library speaks Spanish: every protocol (and the starter file, and every
built-in scale) validates with no warning and carries an `es` text for each of its human
texts, with the same placeholders as the English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

from facilitator.protocols.loader import build_library
from facilitator.protocols.model import Library, Protocol, Scale
from facilitator.protocols.scales import BUILTIN_SCALES
from facilitator.protocols.texts import Text

REPO = Path(__file__).resolve().parents[2]
BUILTIN = REPO / "protocols.yaml"
STARTER = Path(str(files("facilitator") / "data" / "starter-protocols.yaml"))
HOLES = re.compile(r"\{[^{}]*\}")


def _load(path: Path) -> Library:
    library, problems = build_library([(str(path), path.read_text("utf-8"))],
                                      include_builtin=path != BUILTIN)
    assert [str(p) for p in problems] == []
    return library


def _texts(protocol: Protocol) -> Iterator[tuple[str, str]]:
    yield "title", protocol.title
    yield "summary", protocol.summary
    for rid, role in protocol.roles.items():
        if role.title:
            yield f"roles.{rid}.title", role.title
    for step in protocol.steps:
        yield f"{step.id}.title", step.title  # every step names itself for people
        if re.search(r"[A-Za-z]", HOLES.sub("", step.prompt)):
            yield f"{step.id}.prompt", step.prompt
        for item in step.items or ():
            yield f"{step.id}.items", item.title


def _scale_texts(scale: Scale) -> Iterator[tuple[str, str]]:
    for option in scale.options:
        yield f"{option.key}.label", option.label
        yield f"{option.key}.meaning", option.meaning


def _check(where: str, text: str) -> None:
    assert isinstance(text, Text) and text.translations.get("es"), f"{where} has no Spanish"
    assert text.translations.get("en") == str(text), f"{where}: English is not its own text"
    spanish = text.translations["es"]
    assert sorted(HOLES.findall(spanish)) == sorted(HOLES.findall(str(text))), where
    assert spanish != str(text) or len(str(text).split()) == 1, f"{where} is not translated"


@pytest.mark.parametrize("path", [BUILTIN, STARTER], ids=["protocols.yaml", "starter"])
def test_every_protocol_has_complete_spanish(path: Path) -> None:
    library = _load(path)
    mine = [p for p in library.protocols.values() if p.where.file == str(path)]
    assert mine
    for protocol in mine:
        for key, text in _texts(protocol):
            _check(f"{path.name}: {protocol.id}.{key}", text)
    for scale in library.scales.values():
        for key, text in _scale_texts(scale):
            _check(f"scale {scale.id}: {key}", text)


def test_every_builtin_scale_has_complete_spanish() -> None:
    for scale in BUILTIN_SCALES.values():
        for key, text in _scale_texts(scale):
            _check(f"scale {scale.id}: {key}", text)


def test_show_and_protocols_read_the_library_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    from facilitator.cli import main

    assert main(["protocols", "--lang", "es"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "quick-decision     Decisión rápida" in listed
    assert "check-in           Ronda de apertura" in listed
    assert main(["show", "quick-decision", "--lang", "es"]) == 0
    assert capsys.readouterr().out.splitlines()[:5] == [
        "Decisión rápida (quick-decision)", "Un debate breve, y después vemos si hay acuerdo.",
        "Roles: presenter", "", "1. Debate [discussion, 10m, policy progressive] (discuss)"]
    assert main(["show", "quick-decision", "--mermaid", "--lang", "es"]) == 0
    chart = capsys.readouterr().out
    assert 's1["Prueba de acuerdo<br/>decide"]' in chart and 'start(["Inicio"])' in chart
    assert main(["show", "quick-decision"]) == 0  # and English as before
    assert capsys.readouterr().out.splitlines()[0] == "Quick decision (quick-decision)"
