"""Reading plain data from YAML at C speed, with the line of every value kept.

libyaml (through PyYAML's `CSafeLoader`, pure Python when the C library is missing)
parses into events with marks; we build Python values from them ourselves, resolving
plain scalars by the YAML 1.2 core schema, so `yes`, `no`, `on` and `off` stay strings
(PyYAML alone resolves YAML 1.1). Used for scripts, which can be long; protocol files
keep ruamel's round-trip loader (see facilitator.protocols.loader).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

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


class Streamed:
    """Where `walk` left out a list it streamed: the `occurrence`-th one it streamed."""

    def __init__(self, occurrence: int) -> None:
        self.occurrence = occurrence


Source = str | IO[str]


def load(text: Source) -> tuple[Any, Lines]:
    """YAML text -> plain data (dicts, lists, scalars) and the lines of its parts.

    Built from libyaml's event stream, so no tree of nodes is held beside the data.
    Raises YAMLError (with `problem_mark`) on a syntax error."""
    walker = Walk(text)
    for _ in walker:
        pass
    return walker.result


class Walk:
    """YAML text read event by event. Gone through, it gives `(occurrence, value, line)`
    for each item of the lists that are the value of `key` in the top mapping of the first
    document, and leaves them out of the data (an anchor-free list: one an alias could name
    again is built as any other): a script's commands go by one at a time, whatever their
    number. Then `result` holds the data (`Streamed(occurrence)` in each such list's place)
    and the lines of its parts.

    `text` may be a file open for reading text: libyaml reads it a block at a time."""

    def __init__(self, text: Source, key: str | None = None) -> None:
        self._events = yaml.parse(text, Loader=_Loader)
        self._key = key
        self.result: tuple[Any, Lines] = (None, Lines())

    def __iter__(self) -> Iterator[tuple[int, Any, int]]:
        lines = Lines()
        anchors: dict[str, Any] = {}
        stack: list[tuple[Any, dict[Any, int], list[Any]]] = []  # container, lines, pending key
        root: list[Any] = []
        out: list[tuple[int, Any, int]] = []  # streamed items the last event completed
        streamed = 0
        key = self._key

        def put(value: Any, line: int) -> None:
            if not stack:
                root.append(value)
                return
            container, where, pending = stack[-1]
            if isinstance(container, list):
                where[len(container)] = line
                container.append(value)
            elif isinstance(container, Streamed):
                out.append((container.occurrence, value, line))
            elif not pending:
                try:
                    hash(value)
                except TypeError:
                    value = str(value)
                pending.append((value, line))
            else:
                key_of, key_line = pending.pop()
                where[key_of] = key_line
                container[key_of] = value

        for event in self._events:
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.ScalarEvent):
                value = scalar(event.value, not event.style and event.tag is None)
                if event.anchor:
                    anchors[event.anchor] = value
                put(value, line)
            elif isinstance(event, yaml.AliasEvent):
                put(anchors.get(event.anchor), line)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                container: Any
                if (key is not None and len(stack) == 1 and len(root) == 1
                        and isinstance(event, yaml.SequenceStartEvent) and not event.anchor
                        and isinstance(stack[0][0], dict) and stack[0][2]
                        and stack[0][2][0][0] == key):
                    streamed += 1
                    container = Streamed(streamed)
                else:
                    container = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                if event.anchor:
                    anchors[event.anchor] = container
                put(container, line)
                where: dict[Any, int] = {}
                lines.at[id(container)] = where
                stack.append((container, where, []))
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                stack.pop()
            if out:
                yield from out
                out.clear()
        self.result = (root[0] if root else None), lines
