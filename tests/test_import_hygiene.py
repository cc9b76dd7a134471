"""The core (protocols, engine) imports no UI and no storage."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import facilitator.protocols, facilitator.engine
for package in (facilitator.protocols, facilitator.engine):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
print(" ".join(sorted(name for name in ("textual", "tinydb") if name in sys.modules)))
"""


def test_core_imports_neither_textual_nor_tinydb() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


START = """
import sys
from facilitator.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("textual", "ruamel", "facilitator.engine", "facilitator.session", "jinja2",
         "facilitator.store.group", "facilitator.protocols.build")
print(" ".join(sorted(n for n in heavy if n in sys.modules)), file=sys.stderr)
"""


def test_help_imports_no_engine_no_store_and_no_yaml_parser() -> None:
    """`facilitator --help` builds the parser from light modules only."""
    result = subprocess.run([sys.executable, "-c", START, "--help"], capture_output=True,
                            text=True, check=True)
    assert "usage: facilitator" in result.stdout
    assert result.stderr.strip() == ""


def test_protocols_with_a_warm_cache_imports_no_engine_and_no_yaml_parser(tmp_path) -> None:
    """The second `facilitator protocols` reads the cached library: no ruamel, no engine,
    no readers of protocol files."""
    import os

    env = {**os.environ, "FACILITATOR_CACHE": str(tmp_path / "cache"),
           "FACILITATOR_GROUP": str(tmp_path / "group")}
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", START, "protocols"], capture_output=True,
                                text=True, check=True, env=env)
    assert "quick-decision" in result.stdout
    assert result.stderr.strip() == ""


def test_no_module_reads_textuals_private_attributes() -> None:
    """Textual's private names (`Input._suggestion` and the like) change without notice:
    the UI keeps its own state instead of reading theirs."""
    import ast
    from pathlib import Path

    import facilitator

    private = {"_suggestion", "_cursor_visible", "_notifications", "_compose_stacks"}
    found = []
    for path in Path(facilitator.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in private:
                found.append(f"{path.name}:{node.lineno} .{node.attr}")
    assert found == []
