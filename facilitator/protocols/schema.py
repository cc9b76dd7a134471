"""The shape of a protocol file: which keys exist where, and a JSON Schema of it.

Rules:
- This module is the one list of keys, with the step kinds' own keys, which each kind's
  record says (`facilitator.engine.steps.KINDS`). The loader's shape check and
  `json_schema()` both read them, so the editor's completion and `validate` agree.
- `json_schema()` is draft 2020-12 and plain data (no I/O), fit for yaml-language-server.
"""

from __future__ import annotations

from typing import Any

from facilitator.engine.steps import KINDS
from facilitator.protocols.model import (
    BALLOTS,
    INTERJECTIONS,
    ORDERS,
    POLICIES,
    REASONS,
    RECORD_OUTCOMES,
    RECORD_TYPES,
    REVEALS,
)

ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
SCALE_KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
DURATION_PATTERN = r"^(\d+h(\d+m)?(\d+s)?|\d+m(\d+s)?|\d+s)$"
PERIOD_PATTERN = r"^(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?$"
FRACTION_PATTERN = r"^\s*(\d+\s*/\s*\d+|\d+(\.\d+)?%?|\.\d+)\s*$"

FILE_KEYS = {
    "version": "The protocol language version; must be 1.",
    "scales": "Extra stance scales, id -> list of options; built-ins can be overridden.",
    "protocols": "The protocols of this file, id -> protocol.",
}
PROTOCOL_KEYS = {
    "title": "The name people see (required).",
    "summary": "One sentence on what the protocol is for.",
    "roles": "Roles that must be named before start, id -> {count, not}.",
    "confidential": "true: nothing said inside reaches the minutes except public records.",
    "guests": "true: people who hold no role are guests, not members: the minutes keep no "
              "guest names or airtime and no note times, and the roster does not take them.",
    "steps": "The steps, in order (at least one).",
}
REQUIRED_PROTOCOL_KEYS = ("title", "steps")
ROLE_KEYS = {
    "title": "The role's name for people (default: its id in words).",
    "count": "How many people hold the role (default 1).",
    "not": "Roles the same person may not also hold (a neutrality rule).",
}
COMMON_STEP_KEYS = {
    "id": "The step's id, unique in its protocol.",
    "kind": "What the step does: " + ", ".join(KINDS) + ".",
    "title": "What the room sees; default from the id.",
    "prompt": "The question or instruction, shown large; placeholders {proposal}, {item}, "
    "{speaker}, {principles}, {role.NAME}.",
    "time": "Timebox for the whole step, like 10m; soft unless `hard: true`.",
    "hard": "true: when `time` runs out the step ends with outcome `timeout`.",
    "next": "Step id or `end`; default the following step.",
    "on": "Outcome -> step id or `end`; overrides `next` for that outcome.",
    "max_visits": "Loop guard (default 10); one visit more ends with outcome `exhausted`.",
    "every": "Run this step only in every Nth meeting of this protocol, else skip it.",
    "confidential": "As on a protocol, for this step only.",
}
RULE_KEYS = {
    "quorum": "Fraction of people present who must give a stance (default 1).",
    "threshold": "Fraction of counted stances that must be supportive (default 1).",
    "max_stand_asides": "More stand-asides than this and the outcome is `failed`.",
}
ITEM_KEYS = {
    "title": "The item's title (required).",
    "protocol": "The protocol the item runs through.",
    "time": "Timebox for the item, like 15m.",
    "owner": "Who brings the item.",
}
OPTION_KEYS = {
    "key": "What people type: `stance NAME KEY` (required).",
    "label": "What people see.",
    "meaning": "One sentence shown when choosing.",
    "support": "true counts for, false against, null is not counted.",
    "veto": "true: this stance blocks.",
    "reason": "Whether a reason is required, optional or none.",
}

# Outcomes every step may end with, besides its kind's own.
COMMON_OUTCOMES = ("timeout", "exhausted", "skipped")


def step_key_owner(key: str) -> list[str]:
    """The kinds a kind-specific step key belongs to."""
    return [kind.name for kind in KINDS.values() if key in kind.keys]


# --- JSON Schema -------------------------------------------------------------------------

def _d(description: str, **schema: Any) -> dict[str, Any]:
    return {"description": description, **schema}


_ID = {"type": "string", "pattern": ID_PATTERN}
_DURATION = {"type": "string", "pattern": DURATION_PATTERN}
_FRACTION = {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1},
                       {"type": "string", "pattern": FRACTION_PATTERN}]}
_TARGET = {"type": "string", "description": "A step id of this protocol, or `end`."}
_TEXT = {"type": ["string", "number"]}
# Text for people: plain, or a language map (`{en: Quick decision, es: Decisión rápida}`).
_HUMAN = {"anyOf": [_TEXT, {
    "type": "object", "minProperties": 1, "additionalProperties": _TEXT,
    "propertyNames": {"pattern": "^[a-z]{2,3}(-[a-z0-9]{2,8})*$"},
    "description": "The text in each language, by language code (en, es, ...)."}]}


def _step_value_schemas() -> dict[str, dict[str, Any]]:
    choose_target = {"type": "object", "additionalProperties": _TARGET, "minProperties": 1}
    item = {
        "type": "object", "required": ["title"], "additionalProperties": False,
        "properties": {
            "title": _d(ITEM_KEYS["title"], **_HUMAN), "protocol": _d(ITEM_KEYS["protocol"], **_ID),
            "time": _d(ITEM_KEYS["time"], **_DURATION), "owner": _d(ITEM_KEYS["owner"], **_TEXT),
        },
    }
    return {
        "id": _ID, "kind": {"enum": list(KINDS)}, "title": _HUMAN, "prompt": _HUMAN,
        "time": _DURATION, "hard": {"type": "boolean"}, "next": _TARGET,
        "on": {"type": "object", "additionalProperties": _TARGET},
        "max_visits": {"type": "integer", "minimum": 1},
        "every": {"type": "integer", "minimum": 1}, "confidential": {"type": "boolean"},
        "order": {"enum": list(ORDERS)}, "time_per_speaker": _DURATION,
        "allow_pass": {"type": "boolean"}, "revisit_passes": {"type": "boolean"},
        "think": _DURATION,
        "collect": {
            "type": "object", "minProperties": 1, "maxProperties": 1,
            "additionalProperties": {"anyOf": [
                {"const": "text"},
                {"type": "array", "items": {"type": ["string", "number"]}, "minItems": 1},
            ]},
        },
        "private": {"type": "boolean"}, "in_turn": {"type": "boolean"},
        "policy": {"enum": list(POLICIES)},
        "interjections": {"type": "array", "items": {"enum": list(INTERJECTIONS)},
                          "uniqueItems": True},
        "direct_responses_per_person": {"type": "integer", "minimum": 0},
        "speaker": {"type": "string", "pattern": ID_PATTERN},
        "answers": {"type": "string", "pattern": ID_PATTERN},
        "scale": {"type": "string"},
        "rule": {
            "type": "object", "additionalProperties": False,
            "properties": {
                "quorum": _d(RULE_KEYS["quorum"], **_FRACTION),
                "threshold": _d(RULE_KEYS["threshold"], **_FRACTION),
                "max_stand_asides": _d(RULE_KEYS["max_stand_asides"], type="integer", minimum=0),
            },
        },
        "attempts": {"type": "integer", "minimum": 1}, "reveal": {"enum": list(REVEALS)},
        "ballot": {"enum": list(BALLOTS)},
        "type": {"enum": list(RECORD_TYPES)}, "public": {"type": "boolean"},
        "outcome": {"enum": list(RECORD_OUTCOMES)}, "quorum": _FRACTION,
        "agree": {"type": "boolean"},
        "review_after": {"type": "string", "pattern": "^(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?$"},
        "options": choose_target,
        "items": {"anyOf": [{"const": "ask"}, {"type": "array", "items": {"anyOf": [
            item, {"type": "string"}]}}]},
        "default_protocol": _ID, "protocol": _ID,
    }


def _step_schema() -> dict[str, Any]:
    values = _step_value_schemas()
    every_key = {**COMMON_STEP_KEYS}
    for kind in KINDS.values():
        every_key.update(kind.keys)
    branches = []
    for kind in KINDS.values():
        allowed = {**COMMON_STEP_KEYS, **kind.keys}
        branches.append({
            "if": {"properties": {"kind": {"const": kind.name}}, "required": ["kind"]},
            "then": {
                "properties": {k: True for k in allowed},
                "additionalProperties": False,
                "required": ["id", "kind", *kind.required],
            },
        })
    return {
        "type": "object",
        "required": ["id", "kind"],
        "properties": {k: {**values.get(k, {}), "description": text}
                       for k, text in every_key.items()},
        "additionalProperties": False,
        "allOf": branches,
    }


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a protocol file."""
    option = {
        "type": "object", "required": ["key"], "additionalProperties": False,
        "properties": {
            "key": _d(OPTION_KEYS["key"], anyOf=[
                {"type": "string", "pattern": SCALE_KEY_PATTERN},
                {"type": "integer", "minimum": 0}]),
            "label": _d(OPTION_KEYS["label"], **_HUMAN),
            "meaning": _d(OPTION_KEYS["meaning"], **_HUMAN),
            "support": _d(OPTION_KEYS["support"], type=["boolean", "null"]),
            "veto": _d(OPTION_KEYS["veto"], type="boolean"),
            "reason": _d(OPTION_KEYS["reason"], enum=list(REASONS)),
        },
    }
    role = {
        "type": ["object", "null"], "additionalProperties": False,
        "properties": {
            "title": _d(ROLE_KEYS["title"], **_HUMAN),
            "count": _d(ROLE_KEYS["count"], type="integer", minimum=1),
            "not": _d(ROLE_KEYS["not"], type="array", items=_ID),
        },
    }
    protocol = {
        "type": "object", "required": list(REQUIRED_PROTOCOL_KEYS),
        "additionalProperties": False,
        "properties": {
            "title": _d(PROTOCOL_KEYS["title"], **_HUMAN),
            "summary": _d(PROTOCOL_KEYS["summary"], **_HUMAN),
            "roles": _d(PROTOCOL_KEYS["roles"], type="object",
                        propertyNames={"pattern": ID_PATTERN}, additionalProperties=role),
            "confidential": _d(PROTOCOL_KEYS["confidential"], type="boolean"),
            "guests": _d(PROTOCOL_KEYS["guests"], type="boolean"),
            "steps": _d(PROTOCOL_KEYS["steps"], type="array", minItems=1,
                        items={"$ref": "#/$defs/step"}),
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://facilitator.invalid/schema/protocols-v1.json",
        "title": "facilitator protocol file",
        "description": "A group's meeting protocols, in the facilitator protocol language v1.",
        "type": "object",
        "required": ["version", "protocols"],
        "additionalProperties": False,
        "properties": {
            "version": _d(FILE_KEYS["version"], const=1),
            "scales": _d(FILE_KEYS["scales"], type="object",
                         propertyNames={"pattern": ID_PATTERN},
                         additionalProperties={"type": "array", "minItems": 1,
                                               "items": {"$ref": "#/$defs/option"}}),
            "protocols": _d(FILE_KEYS["protocols"], type="object",
                            propertyNames={"pattern": ID_PATTERN},
                            additionalProperties={"$ref": "#/$defs/protocol"}),
        },
        "$defs": {"protocol": protocol, "step": _step_schema(), "option": option},
    }
