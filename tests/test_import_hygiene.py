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
