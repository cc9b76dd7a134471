"""The group's memory from the command line: meetings, minutes, roster, actions, decisions,
principles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.store.group import Group

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from sample_minutes import header, make_minutes


@pytest.fixture
def group_dir(tmp_path: Path) -> str:
    group = Group(tmp_path / "group")
    group.record_minutes(make_minutes("m1", "2026-03-01"))
    group.record_minutes(
        make_minutes(
            "m2", "2026-03-08", actions=[{"what": "Buy paint", "owner": "Ana", "due": None}]
        )
    )
    return str(group.path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_meetings_as_json_is_a_list_of_objects(group_dir: str, capsys) -> None:
    """`meetings --format json` prints every meeting, newest first."""
    code, out, _ = run(capsys, "meetings", "--group", group_dir, "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert [(m["id"], m["status"]) for m in listed] == [("m2", "ended"), ("m1", "ended")]
    code, out, _ = run(capsys, "meetings", "--group", group_dir)
    assert "m2" in out.splitlines()[0] and "Meeting m1" in out


def test_minutes_prints_the_stored_json(group_dir: str, capsys) -> None:
    """`minutes ID` and `minutes --last` print the stored minutes as JSON."""
    code, out, _ = run(capsys, "minutes", "m1", "--group", group_dir, "--format", "json")
    assert code == 0 and json.loads(out)["meeting"]["id"] == "m1"
    code, out, _ = run(capsys, "minutes", "--last", "--group", group_dir)
    assert json.loads(out)["meeting"]["id"] == "m2"


def test_minutes_of_an_open_meeting_say_how_to_resume(group_dir: str, capsys) -> None:
    """An unfinished meeting has no minutes; the sentence names `facilitator resume ID`."""
    Group(group_dir).new_journal("m3", header("m3", "2099-01-01T19:00:00")).close()
    code, _, err = run(capsys, "minutes", "--last", "--group", group_dir)
    assert code == 1
    assert "still open" in err and "facilitator resume m3" in err
    assert len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "meetings", "--group", group_dir, "--format", "json")
    assert json.loads(out)[0] == {
        "id": "m3",
        "title": "T m3",
        "protocol": "p",
        "created_at": "2099-01-01T19:00:00",
        "status": "open",
    }


def test_an_unknown_meeting_is_one_sentence(group_dir: str, capsys) -> None:
    """A meeting that does not exist is refused with a sentence pointing at `meetings`."""
    code, _, err = run(capsys, "minutes", "nope", "--group", group_dir)
    assert code == 1 and "There is no meeting nope" in err and "facilitator meetings" in err


def test_minutes_render_in_every_format_and_can_be_written_to_a_file(
    group_dir: str, capsys, tmp_path
) -> None:
    """`minutes m1 --format md` renders; `--no-airtime` leaves airtime out; `-o` writes a file."""
    code, out, _ = run(capsys, "minutes", "m1", "--group", group_dir, "--format", "md")
    assert code == 0 and out.startswith("# ") and "Airtime" in out
    code, out, _ = run(capsys, "minutes", "m1", "--group", group_dir, "--format", "md",
                       "--no-airtime")
    assert code == 0 and "Airtime" not in out
    target = tmp_path / "m1.html"
    code, out, _ = run(capsys, "minutes", "m1", "--group", group_dir, "--format", "html",
                       "-o", str(target))
    assert code == 0 and out == f"Minutes written to {target}.\n"
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


def test_roster_and_opt_outs(group_dir: str, capsys) -> None:
    """`roster --opt-out NAME ROLE` is remembered and shown; `--opt-in` lifts it."""
    code, out, _ = run(capsys, "roster", "--group", group_dir, "--opt-out", "Ana", "notetaker")
    assert code == 0 and "Ana no longer takes the role notetaker" in out
    _, out, _ = run(capsys, "roster", "--group", group_dir)
    assert "Ana (she/her): 2 meetings, last 2026-03-08; opts out of notetaker" in out
    run(capsys, "roster", "--group", group_dir, "--opt-in", "Ana", "notetaker")
    _, out, _ = run(capsys, "roster", "--group", group_dir)
    assert "opts out" not in out


def test_actions_are_grouped_by_person(group_dir: str, capsys) -> None:
    """Open action items are listed under their owner, with their ids."""
    _, out, _ = run(capsys, "actions", "--group", group_dir)
    assert out.splitlines() == [
        "Ana",
        "  A2  Buy paint (from 2026-03-08)",
        "Ben",
        "  A1  Print a sign (due 2026-04-01; from 2026-03-01)",
    ]


def test_decisions_can_be_searched(group_dir: str, capsys) -> None:
    """`decisions WORD` shows only the entries that contain it."""
    _, out, _ = run(capsys, "decisions", "--group", group_dir)
    assert len(out.splitlines()) == 2
    _, out, _ = run(capsys, "decisions", "--group", group_dir, "saturdays")
    assert out.startswith("2026-03-01  Open the tool library on Saturdays: passed (recorded)")
    _, out, _ = run(capsys, "decisions", "--group", group_dir, "bicycles")
    assert out == "No decisions match.\n"


def test_principles_are_added_and_listed(tmp_path: Path, capsys) -> None:
    """`principles add TEXT` creates the group if needed; `principles` lists them."""
    folder = str(tmp_path / "new-group")
    code, out, _ = run(capsys, "principles", "add", "We", "start", "on", "time.", "--group", folder)
    assert code == 0 and out == "Added P1: We start on time.\n"
    _, out, _ = run(capsys, "principles", "--group", folder)
    assert out == "P1  We start on time.\n"
    code, _, err = run(capsys, "principles", "remove", "--group", folder)
    assert code == 1 and "principles add TEXT" in err


def test_the_group_comes_from_the_environment(group_dir: str, capsys, monkeypatch) -> None:
    """Without --group, FACILITATOR_GROUP names the folder."""
    monkeypatch.setenv("FACILITATOR_GROUP", group_dir)
    _, out, _ = run(capsys, "meetings", "--format", "json")
    assert len(json.loads(out)) == 2
