"""Readers of step keys: (shaper, step node, key, places) -> the model's value, or None.

Rules: a reader records a Problem for what it cannot read and returns None (the model's
default then applies); positions of cross-references go into `places` for `validate`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitator.i18n import L_
from facilitator.protocols import schema
from facilitator.protocols.model import (
    BALLOTS,
    INTERJECTIONS,
    ORDERS,
    POLICIES,
    RECORD_OUTCOMES,
    RECORD_TYPES,
    REVEALS,
    AgendaItem,
    Collect,
    Rule,
    Where,
)
from facilitator.protocols.shape import Shaper, show, type_name

Places = dict[str, Where]


Reader = Callable[[Shaper, Any, str, Places], Any]


def _ref(s: Shaper, node: Any, key: Any, places: Places) -> str | None:
    value = node[key]
    if isinstance(value, str):
        return value
    s.report(s.at(node, key), L_("`{key}` must be an id, not {value}.", key=key,
                                 value=type_name(value)))
    return None


def _routes(s: Shaper, node: Any, key: str, places: Places) -> dict[str, str] | None:
    table = s.mapping(node[key], s.at(node, key), f"`{key}`")
    routes: dict[str, str] = {}
    for label in table or {}:
        if not isinstance(label, str):
            s.report(s.at(table, label, of_key=True),
                     L_("{label} is not a valid label in `{key}`; write it as text.",
                        label=show(label), key=key))
            continue
        target = _ref(s, table, label, places)
        if target is not None:
            routes[label] = target
            places[f"{key}.{label}"] = s.at(table, label)
            places[f"{key}.{label}:key"] = s.at(table, label, of_key=True)
    return routes


def _collect(s: Shaper, node: Any, key: str, places: Places) -> Collect | None:
    table = s.mapping(node[key], s.at(node, key), "`collect`")
    if table is None:
        return None
    if len(table) != 1:
        s.report(s.at(node, key), L_("`collect` must hold exactly one field, like "
                                     "`{{capacity: [green, yellow, red]}}` or "
                                     "`{{answer: text}}`."))
        return None
    field = next(iter(table))
    if not isinstance(field, str) or not s.check_id(field, s.at(table, field, of_key=True),
                                                    L_("field name")):
        return None
    value = table[field]
    if value == "text":
        return Collect(field, None)
    if isinstance(value, list) and value and all(
            isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        return Collect(field, tuple(str(v) for v in value))
    s.report(s.at(table, field), L_("`{field}` must be `text` or a list of choices like "
                                    "`[green, yellow, red]`, not {value}.", field=field,
                                    value=type_name(value)))
    return None


def _interjections(s: Shaper, node: Any, key: str, places: Places) -> tuple[str, ...] | None:
    items = s.sequence(node[key], s.at(node, key), "`interjections`")
    if items is None:
        return None
    chosen = [s.choice(items, j, INTERJECTIONS) for j in range(len(items))]
    return tuple(dict.fromkeys(c for c in chosen if c is not None))


def _rule(s: Shaper, node: Any, key: str, places: Places) -> Rule | None:
    table = s.mapping(node[key], s.at(node, key), "`rule`")
    if table is None:
        return None
    s.check_keys(table, schema.RULE_KEYS, L_("a rule"))
    fields: dict[str, Any] = {}
    for name in ("quorum", "threshold"):
        if name in table and (value := s.fraction(table, name)) is not None:
            fields[name] = value
    if "max_stand_asides" in table:
        fields["max_stand_asides"] = s.integer(table, "max_stand_asides", minimum=0)
    return Rule(**fields)


def _items(s: Shaper, node: Any, key: str, places: Places) -> Any:
    value = node[key]
    if value == "ask":
        return "ask"
    items = s.sequence(value, s.at(node, key), "`items` (or `ask`)") or []
    result: list[AgendaItem] = []
    for j in range(len(items)):
        if isinstance(items[j], str):
            result.append(AgendaItem(s.human(items, j) or items[j]))
            continue
        item = L_("Agenda item {number}", number=j + 1)
        entry = s.mapping(items[j], s.at(items, j), item)
        if entry is None:
            continue
        s.check_keys(entry, schema.ITEM_KEYS, L_("an agenda item"))
        s.require(entry, ["title"], item, s.at(items, j))
        fields: dict[str, Any] = {}
        for name in ("title", "owner"):
            if name in entry and (text := (s.human(entry, name) if name == "title"
                                           else s.text(entry, name))) is not None:
                fields[name] = text
        if "protocol" in entry and (ref := _ref(s, entry, "protocol", places)) is not None:
            fields["protocol"] = ref
            places[f"items[{j}].protocol"] = s.at(entry, "protocol")
        if "time" in entry:
            fields["time"] = s.duration(entry, "time")
        result.append(AgendaItem(fields.pop("title", f"Item {j + 1}"), **fields))
    return tuple(result)


def _text(s: Shaper, node: Any, key: str, places: Places) -> str | None:
    return s.human(node, key)


def _choice(choices: tuple[str, ...]) -> Reader:
    return lambda s, node, key, places: s.choice(node, key, choices)


READERS: dict[str, Reader] = {
    "title": _text, "prompt": _text,
    "time": lambda s, n, k, p: s.duration(n, k),
    "time_per_speaker": lambda s, n, k, p: s.duration(n, k),
    "think": lambda s, n, k, p: s.duration(n, k),
    "hard": lambda s, n, k, p: s.boolean(n, k),
    "confidential": lambda s, n, k, p: s.boolean(n, k),
    "allow_pass": lambda s, n, k, p: s.boolean(n, k),
    "revisit_passes": lambda s, n, k, p: s.boolean(n, k),
    "private": lambda s, n, k, p: s.boolean(n, k),
    "in_turn": lambda s, n, k, p: s.boolean(n, k),
    "public": lambda s, n, k, p: s.boolean(n, k),
    "agree": lambda s, n, k, p: s.boolean(n, k),
    "review_after": lambda s, n, k, p: s.duration(n, k, days=True),
    "max_visits": lambda s, n, k, p: s.integer(n, k),
    "every": lambda s, n, k, p: s.integer(n, k),
    "attempts": lambda s, n, k, p: s.integer(n, k),
    "direct_responses_per_person": lambda s, n, k, p: s.integer(n, k, minimum=0),
    "next": _ref, "speaker": _ref, "answers": _ref, "scale": _ref, "protocol": _ref,
    "default_protocol": _ref,
    "on": _routes, "options": _routes,
    "order": _choice(ORDERS), "policy": _choice(POLICIES), "reveal": _choice(REVEALS),
    "ballot": _choice(BALLOTS),
    "type": _choice(RECORD_TYPES),
    "outcome": _choice(RECORD_OUTCOMES),
    "quorum": lambda s, n, k, p: s.fraction(n, k),
    "collect": _collect, "interjections": _interjections, "rule": _rule, "items": _items,
}
