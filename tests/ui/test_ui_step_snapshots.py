"""Snapshots of the steps' own views at 80x24 and at 120x40: the review, the agenda, a
test with stances missing, and the record form. The protocols are the test's own
(`steps_protocols`), so the pictures change only when the UI does.

Update them with `pytest tests/ui/test_ui_step_snapshots.py --snapshot-update` and read
the new pictures' text before checking them in.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import Parts, keys, settle, type_text
from steps_protocols import PEOPLE, first_week, weekly_parts

SIZES = [(80, 24), (120, 40)]
REVIEWED = ("review A1 done", "review A2 done", "advance")


@pytest.fixture
def week_two() -> Any:
    # A fixed folder: nothing on these screens shows it, but the meeting ids stay the same.
    path = Path(tempfile.gettempdir()) / "facilitator-ui-step-snapshots"
    shutil.rmtree(path, ignore_errors=True)
    parts = weekly_parts(path)
    first_week(parts)

    def open_(*commands: str) -> tuple[Parts, Any]:
        return parts, parts.open("weekly", *PEOPLE, "start", *commands, title="Week 2")

    return open_


@pytest.mark.parametrize("size", SIZES)
def test_review(week_two: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    parts, live = week_two("review A2 keep")
    assert snap_compare(parts.app(live), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_agenda(week_two: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    parts, live = week_two(*REVIEWED, "item 'Bike rack'", "item 'Rota'")
    assert snap_compare(parts.app(live), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_test_with_missing_stances(week_two: Any, snap_compare: Any,
                                   size: tuple[int, int]) -> None:
    parts, live = week_two(*REVIEWED, "propose 'Have it in August'", "advance",
                           "stance Ana agree", "stance Ben stand_aside 'Away in August'")
    assert snap_compare(parts.app(live), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_record_form(week_two: Any, snap_compare: Any, size: tuple[int, int]) -> None:
    parts, live = week_two(*REVIEWED)

    async def fill(pilot: Any) -> None:
        await settle(pilot)
        await keys(pilot, "w", "1")
        await type_text(pilot, "Fix the gate")
        await keys(pilot, "enter")
        await type_text(pilot, "Zed")
        await keys(pilot, "enter")
        await type_text(pilot, "2000-01-01")

    assert snap_compare(parts.app(live), terminal_size=size, run_before=fill)
