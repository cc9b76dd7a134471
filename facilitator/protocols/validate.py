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

from facilitator.engine.kind import StepKind
from facilitator.engine.steps import KINDS
from facilitator.errors import Problem
from facilitator.i18n import L_, Said
from facilitator.protocols.model import BUILTIN_ROLES, END, Library, Protocol, Step, Where
from facilitator.protocols.schema import COMMON_OUTCOMES
from facilitator.protocols.shape import listing, suggest

_ROLE_PLACEHOLDER = re.compile(r"\{role\.([^{}]*)\}")


def _problem(where: Where, message: Said | str, *, warning: bool = False) -> Problem:
    return Problem(where.file, where.line, where.col, message, warning)


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
            add(_problem(step.place("id"), L_(
                "Step id `{id}` is used twice in protocol `{protocol}` (first on line "
                "{line}); give each step its own id.", id=step.id, protocol=protocol.id,
                line=first[step.id].where.line)))
        else:
            first[step.id] = step
    declared = set(protocol.roles) | set(BUILTIN_ROLES)

    def target(where: Where, value: str) -> None:
        if value != END and value not in ids:
            add(_problem(where, L_("`{value}` is not a step of protocol `{protocol}`; use "
                                   "one of {steps}, or `end`{hint}", value=value,
                                   protocol=protocol.id, steps=listing(ids),
                                   hint=suggest(value, ids) or ".")))

    def role(where: Where, name: str, subject: Said) -> None:
        if name not in declared:
            hint = suggest(name, declared) or "."
            add(_problem(where, L_("{subject} is not a role of protocol `{protocol}`; "
                                   "declare it under `roles:` (`{name}: {{}}`){hint}",
                                   subject=subject, protocol=protocol.id, name=name,
                                   hint=hint)))

    for rid, spec in protocol.roles.items():
        for j, other in enumerate(spec.not_):
            role(protocol.place(f"roles.{rid}.not[{j}]"), other,
                 L_("The role `{role}`", role=other))
    for step in protocol.steps:
        if step.next is not None:
            target(step.place("next"), step.next)
        for label, value in {**step.on, **step.options}.items():
            key = "on" if label in step.on else "options"
            target(step.place(f"{key}.{label}"), value)
        kind = KINDS.get(step.kind)  # an unknown kind was reported when it was built
        if kind is not None:
            problems += _check_outcomes(step, kind)
            for key, name in kind.roles(step):
                role(step.place(key), name, L_("The {key} `{name}`", key=key, name=name))
        for key in ("prompt", "title"):
            for name in _ROLE_PLACEHOLDER.findall(getattr(step, key)):
                role(step.place(key), name, L_("`{name}` in `{{role.{name}}}`", name=name))
        if kind is None:
            continue
        for where, sentence, warning in kind.checks(step, protocol, library):
            if not warning:
                add(_problem(where, sentence))
        for where, ref in kind.refs(step):
            if library.protocol(ref) is None:
                add(_problem(where, L_("Protocol `{ref}` is not in the library; use one of "
                                       "{protocols}, or define it under `protocols:`{hint}",
                                       ref=ref, protocols=listing(library.protocols),
                                       hint=suggest(ref, library.protocols) or ".")))
    if not problems:  # with unknown or doubled step ids, unreachable steps are only noise
        problems += _check_reach(protocol)
    problems += _check_blocks(protocol, library)
    return problems


def _check_outcomes(step: Step, kind: StepKind) -> list[Problem]:
    own = kind.outcomes_of(step)
    if own is None:
        return []  # a used protocol can end with any outcome
    known = tuple(dict.fromkeys(own + COMMON_OUTCOMES))
    problems = []
    for outcome in step.on:
        where = step.place(f"on.{outcome}:key")
        if outcome not in known:
            problems.append(_problem(where, L_(
                "`{outcome}` is not an outcome of a {kind} step; use one of {known}{hint}",
                outcome=outcome, kind=step.kind, known=listing(known),
                hint=suggest(outcome, known) or ".")))
        elif outcome == "timeout" and not step.hard:
            problems.append(_problem(where, L_(
                "Step `{id}` never ends with `timeout` because it is not `hard: true`; add "
                "`hard: true` or remove this route.", id=step.id), warning=True))
    return problems


def _falls_through(step: Step) -> bool:
    """Whether some outcome of the step follows `next` (or the following step)."""
    kind = KINDS.get(step.kind)
    if kind is None or not kind.outcomes:
        return True  # use, choose (skip leaves without a label) and unknown kinds
    outcomes = set(kind.outcomes) | {"exhausted", "skipped"}
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
        _problem(step.where, L_("Step `{id}` of protocol `{protocol}` cannot be reached from "
                                "the first step; route to it with `next` or `on`, or remove "
                                "it.", id=step.id, protocol=protocol.id), warning=True)
        for i, step in enumerate(protocol.steps) if i not in seen
    ]


def _check_blocks(protocol: Protocol, library: Library) -> list[Problem]:
    """The kinds' own warnings (a test with no route for a block)."""
    problems = []
    for step in protocol.steps:
        kind = KINDS.get(step.kind)
        if kind is None:
            continue
        problems += [_problem(where, sentence, warning=True)
                     for where, sentence, warning in kind.checks(step, protocol, library)
                     if warning]
    return problems


def check_recursion(library: Library) -> list[Problem]:
    """One Problem per cycle of protocols running each other (`use`, agenda items)."""
    edges: dict[str, list[tuple[str, Where]]] = {}
    for pid, protocol in library.protocols.items():
        edges[pid] = [(ref, where) for step in protocol.steps if step.kind in KINDS
                      for where, ref in KINDS[step.kind].refs(step)]
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
                    problems.append(_problem(where, L_(
                        "Protocol `{ref}` runs itself through {route}; a protocol cannot use "
                        "itself, directly or through others. Break the cycle.", ref=ref,
                        route=route)))
            elif ref in edges and ref not in state:
                visit(ref, [*path, (pid, where)])
        state[pid] = 2

    for pid in edges:
        if pid not in state:
            visit(pid, [])
    return problems
