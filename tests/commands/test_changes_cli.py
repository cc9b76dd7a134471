"""Changes made outside a meeting, from the command line: each one file, kept in memory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.store.group import Group

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from sample_minutes import make_minutes


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_action_reviewed_outside_a_meeting(tmp_path: Path, capsys) -> None:
    """`actions review A1 hand Cy` hands it on; `done` closes it; each is one new file."""
    group = Group(tmp_path / "group")
    group.record_minutes(make_minutes("m1", "2026-03-01"))
    where = str(group.path)
    assert run(capsys, "actions", "--group", where, "review", "A1", "hand", "Cy")[1] == (
        "A1 is open, now with Cy.\n")
    assert run(capsys, "actions", "--group", where)[1].startswith("Cy\n  A1  Print a sign")
    assert run(capsys, "actions", "--group", where, "review", "A1", "done")[1] == "A1 is done.\n"
    assert run(capsys, "actions", "--group", where)[1] == "No open action items.\n"
    assert len(os.listdir(group.changes_path)) == 2
    code, _, err = run(capsys, "actions", "--group", where, "review", "A9", "done")
    assert code == 1 and "There is no action or agreement A9" in err


def test_pronouns_are_recorded_outside_a_meeting(tmp_path: Path, capsys) -> None:
    """`roster --pronouns NAME PRONOUNS` shows in the roster."""
    where = str(tmp_path / "group")
    assert run(capsys, "roster", "--group", where, "--pronouns", "Eli", "he/him")[1] == (
        "Eli's pronouns: he/him.\n")
    assert run(capsys, "roster", "--group", where)[1] == "Eli (he/him): 0 meetings, last never\n"
