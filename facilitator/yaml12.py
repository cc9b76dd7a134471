"""Reading plain data from YAML at C speed, with the line of every value kept.

libyaml (through PyYAML's `CSafeLoader`, pure Python when the C library is missing)
builds the node tree with marks; we turn nodes into Python values ourselves, resolving
plain scalars by the YAML 1.2 core schema, so `yes`, `no`, `on` and `off` stay strings
(PyYAML alone resolves YAML 1.1). Used for scripts, which can be long; protocol files
keep ruamel's round-trip loader (see facilitator.protocols.loader).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # no libyaml: the same nodes, slower
    from yaml import SafeLoader as _Loader

YAMLError = yaml.YAMLError

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


class Lines:
    """Where each key or item of a mapping or list read by `load` begins (1-based)."""

    def __init__(self) -> None:
        self.at: dict[int, dict[Any, int]] = {}

    def of(self, container: Any, key: Any) -> int:
        return self.at.get(id(container), {}).get(key, 1)


def scalar(value: str, plain: bool) -> Any:
    """A scalar's value by the YAML 1.2 core schema; quoted scalars are strings."""
    if not plain:
        return value
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def load(text: str) -> tuple[Any, Lines]:
    """YAML text -> plain data (dicts, lists, scalars) and the lines of its parts.

    Raises YAMLError (with `problem_mark`) on a syntax error."""
    node = yaml.compose(text, Loader=_Loader)
    lines = Lines()
    if node is None:
        return None, lines
    return _value(node, lines), lines


def _value(node: yaml.Node, lines: Lines) -> Any:
    if isinstance(node, yaml.ScalarNode):
        # PyYAML has already resolved the tag by YAML 1.1; a plain scalar is resolved again,
        # by 1.2, and a quoted or block scalar is a string.
        return scalar(node.value, not node.style)  # plain: None in Python, "" in C
    if isinstance(node, yaml.SequenceNode):
        items: list[Any] = []
        where: dict[Any, int] = {}
        for i, child in enumerate(node.value):
            where[i] = child.start_mark.line + 1
            items.append(_value(child, lines))
        lines.at[id(items)] = where
        return items
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        where = {}
        for key_node, value_node in node.value:
            key = _value(key_node, lines)
            try:
                hash(key)
            except TypeError:
                key = str(key)
            where[key] = key_node.start_mark.line + 1
            mapping[key] = _value(value_node, lines)
        lines.at[id(mapping)] = where
        return mapping
    return None
