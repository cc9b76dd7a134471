"""With a room, the facilitator's screen may compose up to `room.FPS` frames a second, so
a key pressed just after a frame drawn for the phones does not wait for Textual's next
frame slot (benchmarks/bench_room.py); a TEXTUAL_FPS the person set stands, and a meeting
without a room keeps Textual's own cap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.room import FPS

# `run` as the command line does it, up to the app: the app itself is left out, and what
# textual read, once, is printed.
CODE = """
import sys
import facilitator.ui.launch as launch

def run(*args, **kwargs):
    import textual.constants
    print(textual.constants.MAX_FPS)
    return 0

launch.run = run
from facilitator.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("words", "set_by_person", "cap"), [
    (["--room"], None, FPS),
    (["--room"], "30", 30),
    ([], None, 60),
])
def test_a_room_raises_the_frame_cap_unless_the_person_set_it(
        tmp_path: Path, words: list[str], set_by_person: str | None, cap: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    env |= {"FACILITATOR_GROUP": str(tmp_path / "group"),
            "FACILITATOR_CACHE": str(tmp_path / "cache")}
    if set_by_person:
        env["TEXTUAL_FPS"] = set_by_person
    result = subprocess.run([sys.executable, "-c", CODE, "run", "quick-decision", *words],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(cap)]
