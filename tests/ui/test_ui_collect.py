"""Python's garbage collector waits while the full screen starts and collects as usual
once the first screen is up (facilitator.collect); every other command collects from the
moment its words are read, and nothing leaves the collector off."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Parts, settle, ui_test

from facilitator import cli, collect
from facilitator.commands import meeting as meeting_commands


@pytest.fixture
def collecting() -> Iterator[None]:
    assert gc.isenabled()
    yield
    collect.settle()
    gc.enable()


def test_a_command_collects_while_it_works_and_a_screen_starts_without(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collecting: None) -> None:
    seen: dict[str, bool] = {}
    monkeypatch.setenv("FACILITATOR_GROUP", str(tmp_path / "group"))
    monkeypatch.setenv("FACILITATOR_CACHE", str(tmp_path / "cache"))

    def simulate(args: Any) -> int:
        seen["simulate"] = gc.isenabled()
        return 0

    def run(args: Any) -> int:
        seen["run"] = gc.isenabled()
        return 0

    def broken(args: Any) -> int:
        raise OSError("the disk went away")

    monkeypatch.setattr(meeting_commands, "_simulate", simulate)
    monkeypatch.setattr(meeting_commands, "_run", run)
    assert cli.main(["simulate", "script.yaml"]) == 0
    assert seen["simulate"] and gc.isenabled()
    assert cli.main(["run", "quick-decision"]) == 0
    assert seen["run"] is False and gc.isenabled()  # held while starting, not after
    assert cli.main(["run", "--plain", "quick-decision"]) == 0
    assert seen["run"] is True  # the plain conversation collects from the start
    monkeypatch.setattr(meeting_commands, "_run", broken)
    assert cli.main(["run", "quick-decision"]) == 1
    assert gc.isenabled()  # a start that failed leaves it on


@ui_test
async def test_the_first_screen_lets_the_collector_go_on(parts: Parts) -> None:
    collect.hold()
    try:
        assert not gc.isenabled()
        app = parts.app(parts.open("quick-decision"))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
    finally:
        collect.settle()
        gc.enable()
