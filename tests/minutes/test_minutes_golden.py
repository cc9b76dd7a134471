"""Golden files: each format of the meeting that has everything, byte for byte.

When a change to the minutes is meant, regenerate them and read the diff:
    UPDATE_GOLDEN=1 pytest tests/minutes/test_minutes_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from facilitator.minutes import FORMATS, render

GOLDEN = Path(__file__).parent / "golden"
CASES = [(fmt, True) for fmt in FORMATS] + [("md", False), ("txt", False)]


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing; create it with UPDATE_GOLDEN=1."
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} changed; if meant, regenerate with UPDATE_GOLDEN=1."


@pytest.mark.parametrize(("fmt", "airtime"), CASES)
def test_each_format_matches_its_golden_file(everything: dict[str, Any], fmt: str,
                                             airtime: bool) -> None:
    """The minutes of the meeting that has everything are exactly the golden file."""
    suffix = "" if airtime else ".no-airtime"
    _check(f"everything{suffix}.{fmt}", render(everything, fmt, airtime=airtime))


def test_a_changed_meeting_no_longer_matches(everything: dict[str, Any]) -> None:
    """A golden test fails when the output changes: one changed name is caught."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        pytest.skip("regenerating")
    changed = {**everything, "attendance": [{**everything["attendance"][0], "name": "Anna"},
                                            *everything["attendance"][1:]]}
    for fmt in FORMATS:
        expected = (GOLDEN / f"everything.{fmt}").read_text(encoding="utf-8")
        assert render(changed, fmt) != expected
