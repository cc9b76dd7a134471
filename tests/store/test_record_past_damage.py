"""A meeting that ended but was not recorded, with a damaged line in the middle of its
journal, is recorded from every other line, says so, and is not recorded as empty
(issue 12, "Silent loss")."""

from __future__ import annotations

import json
from pathlib import Path

from facilitator.cli import main
from facilitator.protocols.loader import build_library
from facilitator.script import load_script, run_script
from facilitator.store.group import Group

SCRIPT = """\
protocol: quick-decision
title: Saturdays
participants: [Ana, Ben]
roles: {facilitator: Ana, presenter: Ben}
commands:
  - propose "Open on Saturdays"
  - start
  - hand Ben
  - next
  - wait 2m
  - done
  - note "A note before the damage"
  - advance
  - stance Ana agree
  - stance Ben agree
  - advance
  - advance
  - end
"""


def ended_unrecorded(tmp_path: Path) -> tuple[Group, Path]:
    """The meeting ended, and the process stopped before its minutes were written."""
    script = tmp_path / "s.yaml"
    script.write_text(SCRIPT)
    group = Group(tmp_path / "g")
    library, _ = build_library([])
    live = run_script(load_script(script), library, [], group)
    assert live.meeting.ended
    live.close()  # not finish(): nothing recorded
    return group, group.journal_path(live.id)


def damage(path: Path, command: str) -> int:
    lines = path.read_bytes().split(b"\n")
    number = next(i for i, raw in enumerate(lines)
                  if raw and json.loads(raw).get("command") == command)
    lines[number] = lines[number][:25]  # cut in the middle: not JSON any more
    path.write_bytes(b"\n".join(lines))
    return number + 1


def test_the_meeting_is_recorded_from_every_other_line_and_says_so(tmp_path, capsys) -> None:
    group, path = ended_unrecorded(tmp_path)
    line = damage(path, 'note "A note before the damage"')
    assert main(["decisions", "--group", str(group.path)]) == 0
    out = capsys.readouterr()
    assert "Open on Saturdays: passed" in out.out
    assert out.err.strip() == (f"facilitator: The meeting {path.stem} ended unrecorded with a "
                               f"damaged journal ({path}, line {line}); it is now recorded "
                               "without that line, and its minutes say so.")
    group = Group(group.path)  # a fresh look (a Group reads the memory once)
    [meeting] = group.meetings()
    assert meeting.duration_s == 120 and len(meeting.attendance) == 2
    minutes = group.minutes(meeting.id)
    assert minutes is not None
    assert [d["outcome"] for d in minutes["decisions"]] == ["passed"]
    assert [n["text"] for n in minutes["notes"]] == [
        f"Line {line} of this meeting's journal was damaged; what it held is missing from "
        "these minutes."]
    assert [s["step"] for s in minutes["steps"]] == ["discuss", "test", "write-up"]
    # Recorded once: the next command says nothing more.
    assert main(["meetings", "--group", str(group.path)]) == 0
    assert capsys.readouterr().err == ""


def test_a_journal_too_damaged_to_build_is_set_aside_with_a_sentence(tmp_path,
                                                                           capsys) -> None:
    group, path = ended_unrecorded(tmp_path)
    lines = path.read_bytes().split(b"\n")
    entry = json.loads(lines[3])
    entry["events"] = ["not an event"]
    lines[3] = json.dumps(entry).encode()
    path.write_bytes(b"\n".join(lines))
    assert main(["meetings", "--group", str(group.path)]) == 0
    err = capsys.readouterr().err
    assert f"The journal of the meeting {path.stem} is damaged" in err
    assert "set aside as" in err and "nothing in it was deleted." in err
    assert "Traceback" not in err
    assert group.meetings() == []
    assert not path.exists() and path.with_name(path.name + ".damaged").exists()
