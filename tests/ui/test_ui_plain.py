"""`run --plain`: the spec's quick decision as a conversation on stdin and stdout."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from conftest import Parts

from facilitator.ui.plain import converse

SPEC = [
    "join Ana she/her", "join Ben", "join Cy they/them", "role facilitator Ana",
    "role presenter Ben", 'propose "Open the tool library on Saturdays"', "start",
    "hand Ben", "hand Cy", "next", 120, "next", 60, "done", "advance",
    "stance Ana agree", "stance Ben agree", "stance Cy stand_aside \"I can't help on Saturdays\"",
    "advance", "advance", "end", "yes",
]


class Typist(io.StringIO):
    """Lines typed one by one; a number moves the fake clock on instead."""

    def __init__(self, lines: list[object], clock) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.lines = list(lines)
        self.clock = clock

    def readline(self, *args: object) -> str:  # type: ignore[override]
        while self.lines and isinstance(self.lines[0], int):
            self.clock.advance(self.lines.pop(0))
        return f"{self.lines.pop(0)}\n" if self.lines else ""


def test_the_quick_decision_as_a_conversation(parts: Parts) -> None:
    """Every change is one sentence; a refusal is one sentence; `end` asks, then writes."""
    out = io.StringIO()
    lines = ["status", "next", *SPEC]  # `next` before `start` is refused
    code = converse(None, parts.group, parts.library, parts.sources, parts.clock,
                    protocol="quick-decision", title="Tool library",
                    stdin=Typist(lines, parts.clock), stdout=out)
    said = out.getvalue()
    assert code == 0
    assert "Who is here? Join people, name the roles, then start." in said
    assert "The meeting has not started; `start` it before `next`." in said
    assert "Cy (they/them) joined." in said
    assert "Ben has the floor (first time in this step; raised a hand before Cy)." in said
    assert "Ben is done after 2m." in said
    assert "Step: Test, a test for agreement." in said
    assert "The test ended passed, attempt 1 (agree 2, stand aside 1)." in said
    assert "End the meeting and write the minutes?" in said
    assert parts.group.unfinished_meetings() == []
    [path] = list(parts.group.minutes_path.glob("*.json"))
    assert f"Minutes written to {path.with_suffix('.md')}" in said
    minutes = json.loads(path.read_text())
    assert minutes["decisions"][0]["tally"] == {"agree": 2, "stand_aside": 1}
    assert {a["name"]: a["seconds"] for a in minutes["airtime"]} == {"Ana": 0, "Ben": 120,
                                                                     "Cy": 60}


def test_quit_leaves_the_meeting_to_be_resumed(parts: Parts) -> None:
    """`quit` closes the conversation but not the meeting."""
    out = io.StringIO()
    converse(None, parts.group, parts.library, parts.sources, parts.clock,
             protocol="quick-decision", stdin=Typist(["join Ana", "quit"], parts.clock),
             stdout=out)
    assert "`facilitator resume --plain` takes it up" in out.getvalue()
    assert len(parts.group.unfinished_meetings()) == 1


def test_the_plain_picker_offers_to_resume(parts: Parts) -> None:
    """With an unfinished meeting, `r` at the picker takes it up."""
    live = parts.open("quick-decision", title="Left open")
    live.do("join Ana")
    live.close()
    out = io.StringIO()
    converse(None, parts.group, parts.library, parts.sources, parts.clock,
             stdin=Typist(["r", "status", "quit"], parts.clock), stdout=out)
    said = out.getvalue()
    assert "The meeting Left open was not ended. Type r to resume it" in said
    assert "Present: Ana." in said


def test_plain_imports_no_textual() -> None:
    """The plain conversation works where a full-screen app cannot: it never loads textual."""
    code = ("import sys, facilitator.ui.plain, facilitator.ui.launch, facilitator.ui.follow; "
            "print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_minutes_that_cannot_be_written_are_told_and_the_exit_is_non_zero(
        parts: Parts, monkeypatch) -> None:
    """A full disk at `end`: one sentence, exit 1; the journal keeps the meeting, and the
    minutes are written the next time the group is opened."""
    import errno
    import os

    from facilitator.opening import open_group

    real = os.replace

    def full(*args, **kwargs):
        if "minutes" in str(args[1]):
            raise OSError(errno.ENOSPC, "No space left on device", str(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, "replace", full)
    out = io.StringIO()
    code = converse(None, parts.group, parts.library, parts.sources, parts.clock,
                    protocol="quick-decision", stdin=Typist(SPEC, parts.clock), stdout=out)
    assert code == 1
    [said] = [line for line in out.getvalue().splitlines() if "could not be written" in line]
    assert said.startswith("The minutes could not be written: The minutes of ")
    assert said.endswith("the disk is full. Free some space, then try again. The meeting is "
                         "safe in its journal; its minutes are written the next time the "
                         "group is opened.")
    monkeypatch.setattr(os, "replace", real)
    assert [m.title for m in open_group(parts.group.path).meetings()] == [""]
