"""`meetings` lists the open meetings and the newest ended ones, and says how many earlier
ones it left out and how to see them; `--all` and `--format json` list every one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.commands.group import SHOWN
from facilitator.store.group import Group

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from sample_minutes import header, make_minutes


def group_of(path: Path, count: int) -> str:
    group = Group(path / "group")
    for n in range(count):
        group.record_minutes(make_minutes(f"m{n:02d}", f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}"))
    return str(group.path)


def listed(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["meetings", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out.splitlines()


def test_a_long_history_lists_the_newest_and_says_how_many_are_left_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With five more meetings than are shown, the newest SHOWN are listed, newest first,
    then one line saying five earlier meetings are not shown and naming `--all`."""
    folder = group_of(tmp_path, SHOWN + 5)
    lines = listed(capsys, "--group", folder)
    ids = [line.split()[2] for line in lines[:-1]]
    assert ids == [f"m{n:02d}" for n in range(SHOWN + 4, 4, -1)]
    assert lines[-1] == ("... and 5 earlier meetings are not shown; "
                         "`facilitator meetings --all` lists every one.")


def test_all_lists_every_meeting_and_json_always_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--all` lists every ended meeting with no line about earlier ones; JSON, for
    programs, is never cut short, with or without `--all`."""
    folder = group_of(tmp_path, SHOWN + 5)
    lines = listed(capsys, "--group", folder, "--all")
    assert [line.split()[2] for line in lines] == [f"m{n:02d}" for n in range(SHOWN + 4, -1, -1)]
    shown = listed(capsys, "--group", folder)
    assert lines[:SHOWN] == shown[:SHOWN]  # the same lines, only more of them
    for extra in ([], ["--all"]):
        out = "\n".join(listed(capsys, "--group", folder, "--format", "json", *extra))
        assert len(json.loads(out)) == SHOWN + 5


def test_one_left_out_is_said_in_the_singular_and_none_not_at_all(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One more than shown: '1 earlier meeting is not shown'. Exactly SHOWN: no such line,
    and the same lines as `--all`."""
    folder = group_of(tmp_path / "a", SHOWN + 1)
    assert listed(capsys, "--group", folder)[-1].startswith(
        "... and 1 earlier meeting is not shown;")
    folder = group_of(tmp_path / "b", SHOWN)
    lines = listed(capsys, "--group", folder)
    assert len(lines) == SHOWN and lines == listed(capsys, "--group", folder, "--all")


def test_open_meetings_come_first_and_are_never_left_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A meeting still open is listed before the ended ones, however long the history."""
    folder = group_of(tmp_path, SHOWN + 2)
    Group(folder).new_journal("open1", header("open1", "2099-01-01T19:00:00")).close()
    lines = listed(capsys, "--group", folder)
    assert "open1" in lines[0] and "facilitator resume open1" in lines[0]
    assert len(lines) == 1 + SHOWN + 1 and "2 earlier meetings" in lines[-1]
