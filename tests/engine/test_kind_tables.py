"""One step kind, one place: every table keyed by kind covers every kind, every command is
in the one command table, nothing outside the kind modules asks `kind == "..."`, and the
package has no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import attrs

from facilitator.engine.commands import COMMANDS
from facilitator.engine.general import GENERAL
from facilitator.engine.steps import KINDS
from facilitator.protocols.model import Step
from facilitator.ui.keys import KeyActions
from facilitator.ui.kinds import VIEWS
from facilitator.ui.vocabulary import KEYS

PACKAGE = Path(__file__).resolve().parents[2] / "facilitator"
STEPS = PACKAGE / "engine" / "steps"


def test_each_kind_is_one_module_named_after_it() -> None:
    modules = {p.stem for p in STEPS.glob("*.py")} - {"__init__"}
    assert modules == set(KINDS)
    for name, kind in KINDS.items():
        assert kind.name == name and kind.noun and kind.summary


def test_the_screens_table_covers_every_kind() -> None:
    assert set(VIEWS) == set(KINDS)


def test_every_command_is_handled_once_by_the_table() -> None:
    step_commands = {name for name, spec in COMMANDS.items() if spec.step}
    assert set(GENERAL) == set(COMMANDS) - step_commands - {"undo"}
    taken = {name for kind in KINDS.values() for name in kind.commands}
    assert taken == step_commands  # every step command is some kind's, and only those
    for spec in COMMANDS.values():
        assert spec.what.endswith(".") and spec.usage.startswith(spec.name)
        assert bool(spec.where) == spec.step


def test_every_kind_key_is_a_step_field_and_every_key_names_a_command() -> None:
    fields = {f.name for f in attrs.fields(Step)}
    for kind in KINDS.values():
        assert set(kind.keys) <= fields, kind.name
        assert set(kind.required) <= set(kind.keys), kind.name
    for key in KEYS:
        assert not key.name or key.name in COMMANDS or hasattr(KeyActions, f"_key_{key.name}")


def test_nothing_outside_the_kind_modules_compares_a_kind_name() -> None:
    """`x.kind == "round"` (or `!=`, `in (...)`) only inside engine/steps/."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if STEPS in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            names = {s.attr for s in sides if isinstance(s, ast.Attribute)}
            words = [s for s in sides if isinstance(s, ast.Constant | ast.Tuple | ast.Set)]
            if "kind" in names and words:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def _imports(path: Path) -> set[str]:
    """The modules `module` imports when it runs (not those only named for the types)."""
    tree = ast.parse(path.read_text("utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for n in ast.walk(node)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in out if m.startswith("facilitator")}


def test_the_package_has_no_import_cycles() -> None:
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = set()
        for target in _imports(path):
            # Importing a module runs its packages' __init__ first.
            pieces = target.split(".")
            for i in range(2, len(pieces) + 1):
                prefix = ".".join(pieces[:i])
                if prefix in modules and prefix != name and not name.startswith(prefix + "."):
                    edges.add(prefix)
        graph[name] = edges
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(path[path.index(nxt):] + [node, nxt])
                              if nxt in path else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []
