"""Translations in protocol files: a text is plain or a language map; a text that lacks a
language its protocol (or scale) uses elsewhere is a warning naming file, line and column;
the schema takes both forms; the cache keeps every translation."""

from __future__ import annotations

import pickle
from typing import Any

import jsonschema
from protocol_helpers import at, lines, one, problems
from ruamel.yaml import YAML

from facilitator.cli import main
from facilitator.protocols import cache
from facilitator.protocols.loader import build_library
from facilitator.protocols.schema import json_schema
from facilitator.protocols.texts import Text, pick

TRANSLATED = """\
version: 1
protocols:
  saturday:
    title: {en: Saturday opening, es: Apertura del sábado}
    summary: Decide whether to open on Saturdays.
    roles:
      host: {title: {en: Host, es: Anfitrión}}
    steps:
      - id: talk
        kind: discussion
        title: {en: Talk it over, es: Conversarlo}
        prompt: "{proposal}"
      - id: test
        kind: decide
        title: {en: Test, es: Prueba}
        on: {blocked: talk}
        prompt:
          en: Where do you stand?
"""


def test_a_text_without_a_language_its_protocol_uses_is_a_warning_with_its_place() -> None:
    found = problems(TRANSLATED)
    assert [p.warning for p in found] == [True, True]
    assert [str(p) for p in found] == [
        f"{at(TRANSLATED, 'Decide whether')} warning: `summary` has no `es` text, though "
        "protocol `saturday` is translated into it elsewhere; write it as a language map "
        "(`{en: ..., es: ...}`). Until then it shows as written.",
        f"{at(TRANSLATED, 'en: Where')} warning: `prompt` has no `es` text, though protocol "
        "`saturday` is translated into it elsewhere; write it as a language map "
        "(`{en: ..., es: ...}`). Until then it shows as written.",
    ]


def test_validate_prints_the_warning_with_file_and_line_and_the_file_is_ok(
        tmp_path: Any, capsys: Any) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(TRANSLATED, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}:5:14: warning: `summary` has no `es` text")
    assert out[-1] == f"{path}: ok"


def test_a_fully_translated_protocol_and_a_plain_one_have_no_warning() -> None:
    done = TRANSLATED.replace("summary: Decide whether to open on Saturdays.",
                              "summary: {en: Decide it., es: Decidirlo.}").replace(
        "          en: Where do you stand?\n",
        "          en: Where do you stand?\n          es: ¿Dónde se ubica?\n")
    assert lines(done) == []
    plain = "version: 1\nprotocols:\n  p:\n    title: P\n    steps: [{id: a, kind: pause}]\n"
    assert lines(plain) == []


def test_a_placeholder_alone_needs_no_translation() -> None:
    """`prompt: "{proposal}"` says nothing in any language: no warning for it."""
    assert not any("`{proposal}`" in line or at(TRANSLATED, '"{proposal}"') in line
                   for line in lines(TRANSLATED))


def test_a_language_code_must_be_one() -> None:
    text = ("version: 1\nprotocols:\n  p:\n    title: {en: P, Spanish: Pe}\n"
            "    steps: [{id: a, kind: pause}]\n")
    assert one(text) == (f"{at(text, 'Spanish')} `Spanish` is not a language code in `title`; "
                         "write one like `en`, `es` or `pt-br` (lower case).")


def test_the_text_is_english_else_the_first_given_and_picked_by_language() -> None:
    library, _ = build_library([("p.yaml", TRANSLATED)], include_builtin=False)
    protocol = library.protocol("saturday")
    assert protocol.title == "Saturday opening"
    assert pick(protocol.title, "es") == "Apertura del sábado"
    assert pick(protocol.roles["host"].title, "es") == "Anfitrión"
    assert pick(protocol.steps[1].prompt, "es") == "Where do you stand?"  # English, lacking es
    only_spanish = TRANSLATED.replace("{en: Test, es: Prueba}", "{es: Prueba}")
    library, _ = build_library([("p.yaml", only_spanish)], include_builtin=False)
    assert library.protocol("saturday").steps[1].title == "Prueba"


def test_the_schema_takes_a_language_map_and_refuses_a_bad_code() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    data = YAML(typ="safe", pure=True).load(TRANSLATED)
    assert [e.message for e in validator.iter_errors(data)] == []
    data["protocols"]["saturday"]["title"] = {"Spanish": "Apertura"}
    assert list(validator.iter_errors(data))


def test_the_cache_keeps_translations() -> None:
    title = Text.of({"en": "Quick decision", "es": "Decisión rápida"})
    kept = pickle.loads(_pickled(title))
    assert type(kept) is Text and kept == "Quick decision"
    assert dict(kept.translations) == {"en": "Quick decision", "es": "Decisión rápida"}


def _pickled(value: object) -> bytes:
    import io

    out = io.BytesIO()
    cache._Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()
