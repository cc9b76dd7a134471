"""Fixtures for the minutes tests."""

from __future__ import annotations

from typing import Any

import pytest
from minutes_scripts import SCRIPT, script_minutes


@pytest.fixture(scope="session")
def everything() -> dict[str, Any]:
    """The meeting that has everything: the golden files' meeting."""
    return script_minutes(SCRIPT)
