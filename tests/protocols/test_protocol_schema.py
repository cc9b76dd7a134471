"""The JSON Schema accepts what the loader accepts, and names what it refuses."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from protocol_helpers import CONSENSUS_BLOCK, QUICK_DECISION, problems
from ruamel.yaml import YAML

from facilitator.engine.steps import KINDS
from facilitator.protocols.loader import builtin_source
from facilitator.protocols.schema import json_schema


def _data(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def _errors(text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(json_schema())
    return [error.message for error in validator.iter_errors(_data(text))]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_the_spec_examples_and_the_builtin_library_validate() -> None:
    assert _errors(QUICK_DECISION + CONSENSUS_BLOCK) == []
    assert _errors(builtin_source()[1]) == []


def test_every_step_key_has_a_description_and_kinds_are_an_enum() -> None:
    step = json_schema()["$defs"]["step"]
    assert step["properties"]["kind"]["enum"] == list(KINDS)
    assert all(spec.get("description") for spec in step["properties"].values())


@pytest.mark.parametrize("text", [
    "version: 1\nprotocols:\n  p: {title: P, steps: [{id: a, kind: nap}]}\n",
    "version: 1\nprotocols:\n  p: {title: P, steps: [{id: a, kind: discussion, speaker: x}]}\n",
    "version: 1\nprotocols:\n  p: {title: P, steps: [{id: a, kind: pause, time: soon}]}\n",
    "version: 1\nprotocols:\n  p: {title: P, steps: [{id: a, kind: use}]}\n",
    "version: 2\nprotocols: {}\n",
    "version: 1\nprotocols:\n  P: {title: P, steps: [{id: a, kind: pause}]}\n",
])
def test_the_schema_refuses_what_the_loader_refuses(text: str) -> None:
    assert _errors(text) != []
    assert any(not p.warning for p in problems(text))
