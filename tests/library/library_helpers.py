"""Shared helpers for the built-in library's tests: run a script from scripts/, read minutes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator.protocols.loader import build_library, builtin_source
from facilitator.protocols.model import Library
from facilitator.script import load_script, run_script
from facilitator.store.group import Group

SCRIPTS = Path(__file__).parent / "scripts"
REPO = Path(__file__).parents[2]


def builtin() -> tuple[Library, list[tuple[str, str]]]:
    """The built-in library alone, and the sources it was built from."""
    sources = [builtin_source()]
    library, problems = build_library(sources, include_builtin=False)
    assert [p for p in problems if not p.warning] == []
    return library, sources


def run(name: str, group: Group | None = None, *, library: Library | None = None,
        sources: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Run scripts/NAME.yaml to its `end` and return the minutes (recorded in `group`)."""
    if library is None:
        library, sources = builtin()
    live = run_script(load_script(SCRIPTS / f"{name}.yaml"), library, sources or [], group)
    assert live.meeting.ended, f"{name}.yaml must end the meeting"
    if group is not None:
        return live.finish()
    minutes = live.minutes()
    live.close()
    return minutes


def steps(minutes: dict[str, Any], protocol: str | None = None) -> list[tuple[str, str]]:
    """(step, outcome) in the order the steps started, of one protocol or of all."""
    return [(s["step"], s["outcome"]) for s in minutes["steps"]
            if protocol is None or s["protocol"] == protocol]


def decisions(minutes: dict[str, Any]) -> list[tuple[str, int, str, dict[str, int]]]:
    """Each test for agreement as (step, attempt, outcome, tally)."""
    return [(d["step"], d["attempt"], d["outcome"], d["tally"]) for d in minutes["decisions"]]


def recorded(minutes: dict[str, Any]) -> list[str]:
    """The proposals of the decisions a record step recorded."""
    return [d["proposal"] for d in minutes["decisions"] if d.get("recorded")]


def airtime(minutes: dict[str, Any]) -> dict[str, tuple[float, int]]:
    """name -> (seconds, turns)."""
    return {a["name"]: (a["seconds"], a["turns"]) for a in minutes["airtime"]}


def reasons(minutes: dict[str, Any], index: int) -> dict[str, str | None]:
    """name -> reason of the stances of the index-th test."""
    return {s["name"]: s["reason"] for s in minutes["decisions"][index]["stances"]}
