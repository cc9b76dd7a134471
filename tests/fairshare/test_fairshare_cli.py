"""`roles suggest`, `workload`, `airtime` and `moratorium` from the command line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from fairshare_history import meeting

from facilitator.commands import fairshare as commands
from facilitator.errors import FacilitatorError
from facilitator.store.group import Group

FOUR = ["Ana", "Ben", "Cy", "Dee"]


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run the fair-share commands as cli.main would once they are registered."""
    parser = argparse.ArgumentParser(prog="facilitator")
    commands.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    code = args.func(args)
    return code, capsys.readouterr().out


@pytest.fixture
def group_dir(tmp_path: Path) -> str:
    group = Group(tmp_path / "group")
    for _ in range(3):
        meeting(group, FOUR, {"facilitator": "Ana", "notetaker": "Ben"},
                (("Call the landlord", "Cy"),), talk={"Ana": 6, "Ben": 1, "Cy": 1})
    return str(group.path)


def test_roles_suggest_prints_one_sentence_per_role(group_dir: str, capsys) -> None:
    """One line per role, who to ask first and then. Ana (facilitated three in a row), Ben
    (a role each time) and Cy (three open actions) carry too much: Dee is asked first."""
    code, out = cli(capsys, "roles", "suggest", "--group", group_dir)
    assert code == 0
    assert out.splitlines()[0] == "facilitator: ask Dee first, then Ben, Cy, Ana."
    assert len(out.splitlines()) == 4


def test_roles_suggest_as_json_maps_roles_to_names(group_dir: str, capsys) -> None:
    """`--format json` prints {role: [names]}."""
    _, out = cli(capsys, "roles", "suggest", "--group", group_dir, "--format", "json")
    assert json.loads(out)["notetaker"] == ["Dee", "Ana", "Cy", "Ben"]


def test_workload_says_who_carries_too_much(group_dir: str, capsys) -> None:
    """Per person a sentence; warnings follow, as sentences."""
    _, out = cli(capsys, "workload", "--group", group_dir)
    assert "Cy: 3 open actions; no role lately; came to 3 meetings." in out
    assert "Ana: no open actions; facilitator three times in the last 4 meetings" in out
    assert "Ana has facilitated three meetings in a row; ask someone else." in out
    assert "Cy carries 3 open action items, more than twice the usual" in out


def test_workload_as_json_is_a_list_of_rows(group_dir: str, capsys) -> None:
    """`--format json` prints [{name, open_actions, roles_recent, meetings, warning,
    shifts_week, resting_until, backups}]."""
    _, out = cli(capsys, "workload", "--group", group_dir, "--format", "json")
    rows = json.loads(out)
    assert set(rows[0]) == {"name", "open_actions", "roles_recent", "meetings", "warning",
                            "shifts_week", "resting_until", "backups"}


def test_airtime_names_the_measure_and_flags_a_big_share(group_dir: str, capsys) -> None:
    """The text says how even the floor was, how that is measured, and who held the most."""
    _, out = cli(capsys, "airtime", "--group", group_dir, "--meetings", "2")
    assert out.startswith("Over the last 2 meetings (16 min of speaking):")
    assert "  Dee: did not take the floor" in out
    assert "normalised Gini" in out
    assert "Ana held more than twice an even share" in out
    _, out = cli(capsys, "airtime", "--group", group_dir, "--format", "json")
    assert json.loads(out)["shares"]["Ana"] == 0.75


def test_airtime_refuses_zero_meetings(group_dir: str, capsys) -> None:
    """--meetings 0 is refused with a sentence."""
    with pytest.raises(FacilitatorError, match="1 or more"):
        cli(capsys, "airtime", "--group", group_dir, "--meetings", "0")


def test_moratorium_set_show_lift(tmp_path: Path, capsys) -> None:
    """Set with a reason, show it, lift it."""
    group = str(tmp_path / "g")
    assert cli(capsys, "moratorium", "--group", group)[1].startswith("No moratorium")
    _, out = cli(capsys, "moratorium", "set", "Everyone", "is", "tired", "--group", group)
    assert out == "New initiatives are paused: Everyone is tired.\n"
    assert "Everyone is tired." in cli(capsys, "moratorium", "--group", group)[1]
    _, out = cli(capsys, "moratorium", "lift", "Rested", "--group", group)
    assert "lifted" in out
    assert cli(capsys, "moratorium", "--group", group)[1].startswith("No moratorium")
