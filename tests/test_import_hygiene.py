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
