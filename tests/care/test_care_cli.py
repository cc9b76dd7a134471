"""`shift`, `rest`, `backup`, `agreements`, and `workload` / `roles suggest` with `--today`,
from the command line; `record shift` and `--backup` in the engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from care_life import open_meeting, weekly

from facilitator.cli import main
from facilitator.engine.commands import COMMANDS
from facilitator.engine.events import ActionRecorded, to_json
from facilitator.errors import Refused
from facilitator.store.group import Group

FOUR = ["Ana", "Ben", "Cy", "Dee"]


def run(capsys: pytest.CaptureFixture[str], group: Group, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--group", str(group.path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def group(tmp_path: Path) -> Group:
    found = Group(tmp_path / "group")
    weekly(found, "2026-11-03", FOUR, {"facilitator": "Ben"})
    return found


def test_shift_thanks_and_warns_at_the_third_in_a_week(group: Group, capsys) -> None:
    """Each shift is one new change file; the third within a week is answered with the
    warning; workload counts them."""
    run(capsys, group, "roster", "--pronouns", "Ana", "she/her")
    for day in ("2026-11-04", "2026-11-05"):
        code, out = run(capsys, group, "shift", "ana", "Food drive", day, "--today", day)
        assert code == 0 and out.startswith("Thank you, Ana: Food drive on")
        assert "next week off" not in out
    _, out = run(capsys, group, "shift", "Ana", "Pantry", "2026-11-07", "--today", "2026-11-07")
    assert out.splitlines()[1] == ("  Ana has done 3 shifts this week; suggest she takes "
                                   "next week off.")
    assert len(list(group.changes_path.glob("*.json"))) == 4  # pronouns and three shifts
    _, out = run(capsys, group, "workload", "--today", "2026-11-08")
    assert "Ana: no open actions; no role lately; came to 1 meeting; 3 shifts this week." in out
    _, out = run(capsys, group, "roles", "suggest", "--today", "2026-11-10")
    assert "Ana" not in out.split("\n\n")[0]
    assert "Not asked this time: Ana (a week off after 3 shifts)." in out


def test_rest_keeps_the_reason_to_the_one_who_asks_about_them(group: Group, capsys) -> None:
    """`rest NAME --until DATE --why TEXT`: the list says until when, never why; asking
    about that one person shows their words; `--end` welcomes them back."""
    code, out = run(capsys, group, "rest", "Cy", "--until", "2026-12-01", "--why", "exams",
                    "--today", "2026-11-05")
    assert code == 0 and out.startswith("Cy is resting until 1 December")
    _, out = run(capsys, group, "rest", "--today", "2026-11-05")
    assert out == "Cy is resting until 1 December.\n"
    _, out = run(capsys, group, "rest", "Cy", "--today", "2026-11-05")
    assert out == "Cy is resting until 1 December (exams).\n"
    _, out = run(capsys, group, "roles", "suggest", "--today", "2026-11-05")
    assert "Not asked this time: Cy (resting until 1 December)." in out
    assert "exams" not in out
    _, out = run(capsys, group, "workload", "--today", "2026-11-05")
    assert "resting until 1 December" in out and "exams" not in out
    code, out = run(capsys, group, "rest", "Cy", "--until", "2026-11-01", "--today",
                    "2026-11-05")
    assert code == 1 and "has passed" in out
    code, out = run(capsys, group, "rest", "Cy", "--why", "tired")
    assert code == 1 and "--why goes with --until" in out
    _, out = run(capsys, group, "rest", "Cy", "--end", "--today", "2026-11-05")
    assert out == "Welcome back, Cy.\n"
    _, out = run(capsys, group, "rest", "--today", "2026-11-05")
    assert out == "Nobody is resting.\n"


def test_backup_names_a_role_or_an_action_and_lists_them(group: Group, capsys) -> None:
    """`backup ROLE NAME` and `backup A1 NAME`; `backup` alone lists them."""
    weekly(group, "2026-11-10", FOUR, {"facilitator": "Cy"},
           records=('action "Book the hall" Ana',))
    _, out = run(capsys, group, "backup", "facilitator", "Dee")
    assert out == "Dee backs up the role facilitator, and will be asked for it sooner.\n"
    _, out = run(capsys, group, "backup", "A1", "Ben")
    assert out == "Ben backs up A1 (Book the hall).\n"
    _, out = run(capsys, group, "backup")
    assert "facilitator: Dee (since" in out and "A1 Book the hall (Ana): Ben" in out
    _, out = run(capsys, group, "roles", "suggest", "--today", "2026-11-11")
    assert out.splitlines()[0].startswith("facilitator: ask Dee first")


def test_agreements_says_whom_each_binds_and_when_it_is_reviewed(group: Group,
                                                                  capsys) -> None:
    """Open agreements, each with its parties (or the whole group) and next review."""
    live, _ = open_meeting(group, "2026-11-17", FOUR, {"facilitator": "Dee"})
    live.do('record agreement "Keys go back to the hook" Ana Ben')
    live.do('record agreement "Quiet after 10pm"')
    live.do("end")
    live.finish()
    _, out = run(capsys, group, "agreements")
    lines = out.splitlines()
    assert lines[0] == "G1  Keys go back to the hook"
    assert lines[1] == "      binds Ana, Ben; no review date; agreed 17 November."
    assert lines[3] == "      binds the whole group; no review date; agreed 17 November."


def test_record_shift_and_backup_are_in_the_command_table() -> None:
    """The one command table's usage names both."""
    usage = COMMANDS["record"].usage
    assert "record shift NAME WHAT" in usage and "[--backup NAME]" in usage


def test_record_shift_and_backup_refuse_what_does_not_fit(group: Group) -> None:
    """A shift needs a name and what; `--backup` needs a name; nothing is journaled."""
    live, _ = open_meeting(group, "2026-11-10", FOUR, {"facilitator": "Cy"})
    before = len(live.entries)
    with pytest.raises(Refused, match="record shift NAME WHAT"):
        live.do("record shift Ana")
    with pytest.raises(Refused, match="--backup NAME"):
        live.do('record action "Book the hall" Ana --backup')
    assert len(live.entries) == before
    [event] = live.do('record action "Book the hall" Ana 2026-12-01 --backup Ben')
    assert event == ActionRecorded(at=event.at, what="Book the hall", owner="Ana",
                                   due="2026-12-01", backup="Ben")
    assert to_json(event)["backup"] == "Ben"
    [event] = live.do('record action "Print flyers" Ana')
    assert "backup" not in to_json(event)  # journals without backups read as before
    live.close()
