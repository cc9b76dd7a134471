"""Snapshots of the key screens (pytest-textual-snapshot). Protocols are defined here, not
taken from the built-in library, so the pictures change only when the UI does.

Update them with `pytest tests/ui/test_ui_snapshots.py --snapshot-update` and look at
the report before checking them in.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import Parts, settle

PROTOCOLS = """
version: 1
protocols:
  decision:
    title: Decision
    summary: Discuss briefly, then test for agreement.
    roles: {presenter: {}}
    steps:
      - {id: discuss, kind: discussion, prompt: "{proposal}", time: 10m,
         time_per_speaker: 2m}
      - id: test
        kind: decide
        rule: {max_stand_asides: 1}
        attempts: 2
        reveal: open
        on: {passed: write-up, blocked: discuss, failed: discuss, exhausted: end}
      - {id: write-up, kind: record, type: decision}
  go-round:
    title: Go-round
    summary: Everyone says one thing.
    steps:
      - {id: round, kind: round, prompt: "What is on your mind, {speaker}?"}
"""
SETUP = ("join Ana she/her", "join Ben", "join Cy they/them", "join Dee he/him",
         "role facilitator Ana", "role presenter Ben",
         "propose 'Open the tool library on Saturdays'")


@pytest.fixture
def snap_parts() -> Parts:
    # A fixed folder: the summary shows the minutes' path, which must not vary.
    path = Path(tempfile.gettempdir()) / "facilitator-ui-snapshots"
    shutil.rmtree(path, ignore_errors=True)
    return Parts(path, PROTOCOLS, builtin=False)


def test_picker(snap_parts: Parts, snap_compare: Any) -> None:
    live = snap_parts.open("go-round", title="Last week")
    live.do("join Ana")
    live.close()
    assert snap_compare(snap_parts.app(), terminal_size=(120, 40))


def test_discussion_with_three_hands(snap_parts: Parts, snap_compare: Any) -> None:
    live = snap_parts.open("decision", title="Tool library")
    for line in (*SETUP, "start", "hand Ben", "next"):
        live.do(line)
    snap_parts.clock.advance(150)
    live.do("done")
    for line in ("hand Cy", "hand Ben", "hand Ana direct-response", "next"):
        live.do(line)
    snap_parts.clock.advance(125)
    for line in ("hand Dee",):
        live.do(line)
    assert snap_compare(snap_parts.app(live), terminal_size=(120, 40))


def test_discussion_at_80_columns(snap_parts: Parts, snap_compare: Any) -> None:
    live = snap_parts.open("decision", title="Tool library")
    for line in (*SETUP, "start", "hand Ben", "hand Cy", "hand Dee", "next"):
        live.do(line)
    snap_parts.clock.advance(65)
    assert snap_compare(snap_parts.app(live), terminal_size=(80, 24))


def test_stance_board(snap_parts: Parts, snap_compare: Any) -> None:
    live = snap_parts.open("decision", title="Tool library")
    for line in (*SETUP, "start", "advance", "stance Ana agree", "stance Ben agree",
                 "stance Cy stand_aside \"I can't help on Saturdays\""):
        live.do(line)
    assert snap_compare(snap_parts.app(live), terminal_size=(120, 40))


def test_summary(snap_parts: Parts, snap_compare: Any) -> None:
    live = snap_parts.open("decision", title="Tool library")
    for line in (*SETUP, "start", "hand Ben", "next"):
        live.do(line)
    snap_parts.clock.advance(120)
    for line in ("done", "advance", "stance Ana agree", "stance Ben agree",
                 "stance Cy agree", "stance Dee reservations 'Only if we rota it'",
                 "advance", "record action 'Draw up a rota' Dee 2026-02-01", "advance"):
        live.do(line)

    async def end(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("E", "y")
        await settle(pilot)

    assert snap_compare(snap_parts.app(live), terminal_size=(100, 30), run_before=end)
