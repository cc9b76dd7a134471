"""Stage two of loading: YAML data -> the frozen model, checking the shape on the way.

Rules:
- Whatever the data, `build_file` returns a model of what could be read and a Problem for
  everything else; it reports every problem of the file, not only the first.
- A value that cannot be read keeps the model's default, so later checks still run.
- Cross-references (step ids, roles, scales, protocols) are not checked here: that is
  `validate`, on the merged library. Their positions are kept in `places` for it.
"""

from __future__ import annotations

import re
from typing import Any

from facilitator.engine.steps import KINDS
from facilitator.errors import Problem
from facilitator.i18n import L_, LN_, Said
from facilitator.protocols import schema
from facilitator.protocols.model import (
    REASONS,
    Protocol,
    Role,
    Scale,
    ScaleOption,
    Step,
    Where,
)
from facilitator.protocols.readers import READERS, Places
from facilitator.protocols.shape import Shaper, show, suggest, type_name


def build_file(data: Any, file: str) -> tuple[dict[str, Protocol], dict[str, Scale], list[Problem]]:
    """Turn one file's YAML data into protocols and scales, with the problems found."""
    s = Shaper(file)
    protocols: dict[str, Protocol] = {}
    scales: dict[str, Scale] = {}
    start = Where(file, 1, 1)
    if data is None:
        s.report(start, L_("The file is empty; start it with `version: 1` and a `protocols:` "
                           "mapping."))
        return protocols, scales, s.problems
    if not isinstance(data, dict):
        s.report(s.at(data), L_("A protocol file must be a mapping with `version: 1` and "
                                "`protocols:`, not {value}.", value=type_name(data)))
        return protocols, scales, s.problems
    s.check_keys(data, schema.FILE_KEYS, L_("a protocol file"))
    if "version" not in data:
        s.report(s.at(data), L_("The file has no `version`; add `version: 1` at the top."))
    elif not (type(data["version"]) is not bool and data["version"] == 1):
        s.report(s.at(data, "version"), L_("Version {value} is not supported; this "
                                           "facilitator reads `version: 1`.",
                                           value=show(data["version"])))
    if "scales" in data:
        table = s.mapping(data["scales"], s.at(data, "scales"), "`scales`")
        for sid in table or {}:
            first = len(s.texts)
            scale = _scale(s, table, sid)
            _check_translations(s, first, L_("scale `{id}`", id=sid))
            if scale is not None:
                scales[scale.id] = scale
    if "protocols" not in data:
        s.report(s.at(data), L_("The file has no `protocols`; add a `protocols:` mapping of "
                                "id -> protocol."))
    else:
        table = s.mapping(data["protocols"], s.at(data, "protocols"), "`protocols`")
        for pid in table or {}:
            first = len(s.texts)
            protocol = _protocol(s, table, pid)
            _check_translations(s, first, L_("protocol `{id}`", id=pid))
            if protocol is not None:
                protocols[protocol.id] = protocol
    return protocols, scales, s.problems


_HOLES = re.compile(r"\{[^{}]*\}")
_WORDS = re.compile(r"[^\W\d_]")  # a letter: something a language would say


def _check_translations(s: Shaper, first: int, what: Said) -> None:
    """Warn of a text that lacks a language the same protocol (or scale) has elsewhere.

    The languages are those its language maps name; a plain text counts as English, and
    one made only of placeholders (`"{proposal}"`) as every language. A text without one
    of them is shown in English (or its first language) instead."""
    texts = s.texts[first:]
    languages = {lang for _, _, text in texts for lang in text.translations}
    for where, key, text in texts:
        if not _WORDS.search(_HOLES.sub("", text)):
            continue
        missing = sorted(languages - text.languages)
        if missing:
            codes = ", ".join(f"`{lang}`" for lang in missing)
            s.report(where, LN_("`{key}` has no {codes} text, though {what} is translated "
                                "into it elsewhere; write it as a language map (`{{en: ..., "
                                "{lang}: ...}}`). Until then it shows as written.",
                                "`{key}` has no {codes} text, though {what} is translated "
                                "into them elsewhere; write it as a language map (`{{en: ..., "
                                "{lang}: ...}}`). Until then it shows as written.",
                                len(missing), key=key, codes=codes, what=what,
                                lang=missing[0]), warning=True)


def _scale(s: Shaper, table: Any, sid: Any) -> Scale | None:
    where = s.at(table, sid, of_key=True)
    s.check_id(str(sid), where, L_("scale id"))
    items = s.sequence(table[sid], s.at(table, sid), L_("Scale `{id}`", id=sid))
    if items is None:
        return None
    if not items:
        s.report(s.at(table, sid), L_("Scale `{id}` has no options; list at least one.",
                                      id=sid))
    options: list[ScaleOption] = []
    for j, item in enumerate(items):
        option = L_("Option {number} of scale `{id}`", number=j + 1, id=sid)
        node = s.mapping(item, s.at(items, j), option)
        if node is None:
            continue
        s.check_keys(node, schema.OPTION_KEYS, L_("a scale option"))
        s.require(node, ["key"], option, s.at(items, j))
        key = None
        if "key" in node:
            key = s.name(node, "key", L_("scale key"), schema.SCALE_KEY_PATTERN[1:-1],
                         L_("lower-case letters, digits, `-` and `_`"))
        if key is None:
            continue
        if any(o.key == key for o in options):
            s.report(s.at(node, "key"), L_("Scale `{id}` has the key `{key}` twice; give each "
                                           "option its own key.", id=sid, key=key))
            continue
        fields: dict[str, Any] = {}
        for name in ("label", "meaning"):
            if name in node and (text := s.human(node, name)) is not None:
                fields[name] = text
        if "support" in node:
            if node["support"] is None or isinstance(node["support"], bool):
                fields["support"] = node["support"]
            else:
                s.report(s.at(node, "support"), L_("`support` must be `true`, `false` or "
                                                   "`null`, not {value}.",
                                                   value=type_name(node["support"])))
        if "veto" in node and (veto := s.boolean(node, "veto")) is not None:
            fields["veto"] = veto
        if "reason" in node and (reason := s.choice(node, "reason", REASONS)) is not None:
            fields["reason"] = reason
        options.append(ScaleOption(key=key, label=fields.pop("label", key), **fields))
    return Scale(str(sid), tuple(options))


def _protocol(s: Shaper, table: Any, pid: Any) -> Protocol | None:
    where = s.at(table, pid, of_key=True)
    if not isinstance(pid, str):
        s.report(where, L_("{id} is not a valid protocol id; use lower-case letters, digits, "
                           "`-` and `_`, starting with a letter.", id=show(pid)))
        return None
    s.check_id(pid, where, L_("protocol id"))
    node = s.mapping(table[pid], s.at(table, pid), L_("Protocol `{id}`", id=pid))
    if node is None:
        return None
    s.check_keys(node, schema.PROTOCOL_KEYS, L_("a protocol"))
    s.require(node, schema.REQUIRED_PROTOCOL_KEYS, L_("Protocol `{id}`", id=pid), where)
    places: Places = {key: s.at(node, key) for key in node if isinstance(key, str)}
    fields: dict[str, Any] = {}
    for name in ("title", "summary"):
        if name in node and (text := s.human(node, name)) is not None:
            fields[name] = text
    if "confidential" in node and (flag := s.boolean(node, "confidential")) is not None:
        fields["confidential"] = flag
    if "guests" in node and (flag := s.boolean(node, "guests")) is not None:
        fields["guests"] = flag
    if "roles" in node:
        fields["roles"] = _roles(s, node, places)
    steps: list[Step] = []
    if "steps" in node:
        items = s.sequence(node["steps"], s.at(node, "steps"),
                           L_("`steps` of protocol `{id}`", id=pid))
        if items is not None and not items:
            s.report(s.at(node, "steps"), L_("Protocol `{id}` has no steps; add at least one.",
                                             id=pid))
        for i in range(len(items or ())):
            step = _step(s, items, i, pid)
            if step is not None:
                steps.append(step)
    return Protocol(id=pid, title=fields.pop("title", pid), steps=tuple(steps), where=where,
                    places=places, **fields)


def _roles(s: Shaper, node: Any, places: Places) -> dict[str, Role]:
    table = s.mapping(node["roles"], s.at(node, "roles"), "`roles`") or {}
    roles: dict[str, Role] = {}
    for rid in table:
        where = s.at(table, rid, of_key=True)
        if not isinstance(rid, str) or not s.check_id(rid, where, L_("role id")):
            if not isinstance(rid, str):
                s.report(where, L_("{id} is not a valid role id; use lower-case letters.",
                                   id=show(rid)))
            continue
        places[f"roles.{rid}"] = where
        spec = s.mapping(table[rid], s.at(table, rid), L_("Role `{id}`", id=rid))
        if spec is None:
            continue
        s.check_keys(spec, schema.ROLE_KEYS, L_("a role"))
        count = s.integer(spec, "count") if "count" in spec else None
        others: list[str] = []
        if "not" in spec:
            items = s.sequence(spec["not"], s.at(spec, "not"), "`not`")
            for j in range(len(items or ())):
                other = s.name(items, j, L_("role id"))
                if other is not None:
                    places[f"roles.{rid}.not[{j}]"] = s.at(items, j)
                    others.append(other)
        title = s.human(spec, "title") if "title" in spec else None
        roles[rid] = Role(rid, count or 1, tuple(others), title or "")
    return roles


def _step(s: Shaper, items: Any, i: int, pid: str) -> Step | None:
    where = s.at(items, i)
    numbered = L_("Step {number} of protocol `{id}`", number=i + 1, id=pid)
    node = s.mapping(items[i], where, numbered)
    if node is None:
        return None
    step_id = s.name(node, "id", L_("step id")) if "id" in node else None
    label = L_("Step `{id}`", id=step_id) if step_id else numbered
    s.require(node, ["id"], label, where)
    kind = None
    names = ", ".join(KINDS)
    if "kind" not in node:
        s.report(where, L_("{step} has no `kind`; add one of {kinds}.", step=label,
                           kinds=names))
    elif isinstance(node["kind"], str) and node["kind"] in KINDS:
        kind = KINDS[node["kind"]]
    else:
        raw = node["kind"]
        shown = f"`{raw}`" if isinstance(raw, str) else type_name(raw)
        hint = suggest(raw, KINDS) if isinstance(raw, str) else ""
        s.report(s.at(node, "kind"), L_("{value} is not a step kind; use one of {kinds}{hint}",
                                        value=shown, kinds=names, hint=hint or "."))
    allowed = dict(schema.COMMON_STEP_KEYS)
    elsewhere: dict[str, Said] | None = None
    if kind is None:
        for other in KINDS.values():
            allowed.update(other.keys)
    else:
        allowed.update(kind.keys)
        elsewhere = {key: _either(schema.step_key_owner(key))
                     for other in KINDS.values() for key in other.keys
                     if key not in allowed}
    s.check_keys(node, allowed, L_("a {kind} step", kind=kind.name) if kind else L_("a step"),
                 elsewhere)
    s.require(node, kind.required if kind else (), label, where)
    places: Places = {key: s.at(node, key) for key in node if isinstance(key, str)}
    fields: dict[str, Any] = {}
    for key in node:
        if isinstance(key, str) and key in allowed and key in READERS:
            value = READERS[key](s, node, key, places)
            if value is not None:
                fields[key] = value
    if "items" in node and "items" not in fields:
        fields["items"] = ()  # unreadable items: none, rather than `ask`
    if fields.get("items") == "ask":
        del fields["items"]  # the model says `ask` with None
    raw_kind = node.get("kind")
    return Step(id=step_id or f"#{i + 1}",
                kind=kind.name if kind else (raw_kind if isinstance(raw_kind, str) else ""),
                where=where, places=places, **fields)


def _either(kinds: list[str] | tuple[str, ...]) -> Said:
    """`a round step or a turn step`."""
    said = L_("a {kind} step", kind=kinds[0])
    for kind in kinds[1:]:
        said = L_("{one} or {other}", one=said, other=L_("a {kind} step", kind=kind))
    return said
