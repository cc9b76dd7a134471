"""Stage three of loading: semantic checks of built protocols against the merged library.

Rules:
- Checks only read the model; each Problem points at the value at fault (`Step.place`).
- Errors: unknown steps, outcomes, roles, scales and protocols; duplicate step ids;
  protocols that run themselves. Warnings: steps nothing reaches, blocks with no route,
  `timeout` routes on steps that are not hard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from facilitator.errors import Problem
from facilitator.protocols.model import BUILTIN_ROLES, END, Library, Protocol, Step, Where
from facilitator.protocols.schema import COMMON_OUTCOMES, KIND_OUTCOMES
from facilitator.protocols.shape import one_line, suggest

_ROLE_PLACEHOLDER = re.compile(r"\{role\.([^{}]*)\}")


def _problem(where: Where, message: str, *, warning: bool = False) -> Problem:
    return Problem(where.file, where.line, where.col, one_line(message), warning)


def _listing(names: Iterable[str], limit: int = 12) -> str:
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown + (", ..." if len(names) > limit else "")


def validate_library(library: Library, protocols: Iterable[Protocol]) -> list[Problem]:
    """Check `protocols` (every one defined, overridden or not) against `library`."""
    problems: list[Problem] = []
    for protocol in protocols:
        problems += check_protocol(protocol, library)
    problems += check_recursion(library)
    return problems


def check_protocol(protocol: Protocol, library: Library) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    ids = [step.id for step in protocol.steps]
    first: dict[str, Step] = {}
    for step in protocol.steps:
        if step.id in first:
            add(_problem(step.place("id"), f"Step id `{step.id}` is used twice in protocol "
                         f"`{protocol.id}` (first on line {first[step.id].where.line}); "
                         "give each step its own id."))
        else:
            first[step.id] = step
    declared = set(protocol.roles) | set(BUILTIN_ROLES)

    def target(where: Where, value: str) -> None:
        if value != END and value not in ids:
            add(_problem(where, f"`{value}` is not a step of protocol `{protocol.id}`; use "
                         f"one of {_listing(ids)}, or `end`{suggest(value, ids) or '.'}"))

    def role(where: Where, name: str, subject: str) -> None:
        if name not in declared:
            hint = suggest(name, declared) or "."
            add(_problem(where, f"{subject} is not a role of protocol `{protocol.id}`; "
                         f"declare it under `roles:` (`{name}: {{}}`){hint}"))

    for rid, spec in protocol.roles.items():
        for j, other in enumerate(spec.not_):
            role(protocol.place(f"roles.{rid}.not[{j}]"), other, f"The role `{other}`")
    for step in protocol.steps:
        if step.next is not None:
            target(step.place("next"), step.next)
        for label, value in {**step.on, **step.options}.items():
            key = "on" if label in step.on else "options"
            target(step.place(f"{key}.{label}"), value)
        problems += _check_outcomes(step)
        if step.kind == "turn" and step.speaker not in (None, "choose"):
            role(step.place("speaker"), str(step.speaker), f"The speaker `{step.speaker}`")
        for key in ("prompt", "title"):
            for name in _ROLE_PLACEHOLDER.findall(getattr(step, key)):
                role(step.place(key), name, f"`{name}` in `{{role.{name}}}`")
        if step.kind == "decide" and library.scale(step.scale) is None:
            add(_problem(step.place("scale"), f"Scale `{step.scale}` is not defined; use one "
                         f"of {_listing(library.scales)}, or define it under `scales:`"
                         f"{suggest(step.scale, library.scales) or '.'}"))
        for where, ref in _protocol_refs(step):
            if library.protocol(ref) is None:
                add(_problem(where, f"Protocol `{ref}` is not in the library; use one of "
                             f"{_listing(library.protocols)}, or define it under "
                             f"`protocols:`{suggest(ref, library.protocols) or '.'}"))
    if not problems:  # with unknown or doubled step ids, unreachable steps are only noise
        problems += _check_reach(protocol)
    else:
        problems += _check_blocks(protocol)
    return problems


def _check_outcomes(step: Step) -> list[Problem]:
    if step.kind == "use" or step.kind not in KIND_OUTCOMES and step.kind != "choose":
        return []  # a used protocol can end with any outcome; unknown kinds are reported
    known = tuple(step.options) if step.kind == "choose" else KIND_OUTCOMES[step.kind]
    known = tuple(dict.fromkeys(known + COMMON_OUTCOMES))
    problems = []
    for outcome in step.on:
        where = step.place(f"on.{outcome}:key")
        if outcome not in known:
            problems.append(_problem(where, f"`{outcome}` is not an outcome of a {step.kind} "
                                     f"step; use one of {_listing(known)}"
                                     f"{suggest(outcome, known) or '.'}"))
        elif outcome == "timeout" and not step.hard:
            problems.append(_problem(where, f"Step `{step.id}` never ends with `timeout` "
                                     "because it is not `hard: true`; add `hard: true` or "
                                     "remove this route.", warning=True))
    return problems


def _protocol_refs(step: Step) -> list[tuple[Where, str]]:
    """The protocols a step runs, with where each is named."""
    if step.kind == "use" and step.protocol is not None:
        return [(step.place("protocol"), step.protocol)]
    if step.kind != "agenda":
        return []
    refs = [(step.place(f"items[{j}].protocol"), item.protocol)
            for j, item in enumerate(step.items or ()) if item.protocol is not None]
    needed = step.items is None or any(item.protocol is None for item in step.items)
    if needed or "default_protocol" in step.places:
        refs.append((step.place("default_protocol"), step.default_protocol))
    return refs


def _falls_through(step: Step) -> bool:
    """Whether some outcome of the step follows `next` (or the following step)."""
    if step.kind not in KIND_OUTCOMES:
        return True  # use, choose (skip leaves without a label) and unknown kinds
    outcomes = set(KIND_OUTCOMES[step.kind]) | {"exhausted", "skipped"}
    if step.hard:
        outcomes.add("timeout")
    return not outcomes <= set(step.on)


def _check_reach(protocol: Protocol) -> list[Problem]:
    if not protocol.steps:
        return []
    index = {step.id: i for i, step in reversed(list(enumerate(protocol.steps)))}
    seen = {0}
    todo = [0]
    while todo:
        i = todo.pop()
        step = protocol.steps[i]
        targets = [*step.on.values(), *step.options.values()]
        if _falls_through(step):
            targets.append(protocol.route(i, "\0"))
        for name in targets:
            j = index.get(name)
            if j is not None and j not in seen:
                seen.add(j)
                todo.append(j)
    return [
        _problem(step.where, f"Step `{step.id}` of protocol `{protocol.id}` cannot be reached "
                 "from the first step; route to it with `next` or `on`, or remove it.",
                 warning=True)
        for i, step in enumerate(protocol.steps) if i not in seen
    ] + _check_blocks(protocol)


def _check_blocks(protocol: Protocol) -> list[Problem]:
    problems = []
    for i, step in enumerate(protocol.steps):
        if step.kind == "decide" and "blocked" not in step.on:
            problems.append(_problem(step.where, f"Step `{step.id}` has no route for "
                                     f"`blocked`, so a block goes on to "
                                     f"`{protocol.route(i, 'blocked')}`; add `blocked` under "
                                     "`on` to say where a block leads.", warning=True))
    return problems


def check_recursion(library: Library) -> list[Problem]:
    """One Problem per cycle of protocols running each other (`use`, agenda items)."""
    edges: dict[str, list[tuple[str, Where]]] = {}
    for pid, protocol in library.protocols.items():
        edges[pid] = [(ref, where) for step in protocol.steps
                      for where, ref in _protocol_refs(step)]
    problems: list[Problem] = []
    reported: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(pid: str, path: list[tuple[str, Where]]) -> None:
        state[pid] = 1
        for ref, where in edges.get(pid, []):
            if state.get(ref) == 1:
                names = [p for p, _ in path] + [pid]
                cycle = names[names.index(ref):]
                start = cycle.index(min(cycle))
                key = tuple(cycle[start:] + cycle[:start])
                if key not in reported:
                    reported.add(key)
                    route = " -> ".join([*cycle, ref])
                    problems.append(_problem(where, f"Protocol `{ref}` runs itself through "
                                             f"{route}; a protocol cannot use itself, "
                                             "directly or through others. Break the cycle."))
            elif ref in edges and ref not in state:
                visit(ref, [*path, (pid, where)])
        state[pid] = 2

    for pid in edges:
        if pid not in state:
            visit(pid, [])
    return problems
