"""Meetings for the minutes tests, run from scripts with a FakeClock (deterministic)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator.protocols.loader import build_library
from facilitator.script import load_script, run_script
from facilitator.session import LiveMeeting

HERE = Path(__file__).parent
PROTOCOLS = HERE / "everything.protocols.yaml"
SCRIPT = HERE / "everything.script.yaml"


def script_meeting(script: Path, protocols: Path | None = PROTOCOLS) -> LiveMeeting:
    """The ended meeting `script` runs, with `protocols` added to the library."""
    sources = [(protocols.name, protocols.read_text("utf-8"))] if protocols else []
    library, problems = build_library(sources)
    assert not [p for p in problems if not p.warning], problems
    live = run_script(load_script(script), library, sources)
    assert live.meeting.ended
    return live


def script_minutes(script: Path, protocols: Path | None = PROTOCOLS) -> dict[str, Any]:
    """The minutes of the meeting `script` runs, with `protocols` added to the library."""
    return script_meeting(script, protocols).minutes()


def write_script(tmp_path: Path, text: str, name: str = "meeting.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
