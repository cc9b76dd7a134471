"""Snapshots of the meeting's state in its journal: true to the meeting, skipped by every
reader of commands, the start of resuming, and checked against a replay from the start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator import session
from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.engine.core import apply, replay
from facilitator.engine.snapshot import freeze, thaw
from facilitator.minutes.build import build_minutes
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.script import load_script, run_script
from facilitator.session import LiveMeeting, check_snapshots
from facilitator.store.group import Group
from facilitator.store.journal_read import read_journal

SCRIPTS = Path(__file__).parents[1] / "library" / "scripts"
SOURCES = [builtin_source()]
LIBRARY, _ = build_library(SOURCES, include_builtin=False)


# These take up what an earlier meeting of the group left (deferred items, open actions).
GROUPED = {"weekly-deferral-2", "weekly-meeting-2", "weekly-meeting-3", "weekly-meeting-4"}
ALONE = sorted(p for p in SCRIPTS.glob("*.yaml") if p.stem not in GROUPED)


@pytest.mark.parametrize("script", ALONE, ids=lambda p: p.stem)
def test_every_state_of_every_library_script_comes_back_equal_from_its_snapshot(script):
    """freeze then thaw (through JSON) gives the same meeting, at every entry of every step
    kind the library's scripts reach."""
    live = run_script(load_script(script), LIBRARY, SOURCES)
    setup = live.meeting.setup
    meeting = replay(setup, LIBRARY, ())
    for entry in live.entries:
        meeting = apply(meeting, entry)
        data = json.loads(json.dumps(freeze(meeting)))
        back = thaw(data, setup, LIBRARY)
        assert back == meeting and back.seq == meeting.seq


def long_meeting(tmp_path: Path, monkeypatch, commands: int = 40) -> tuple[Group, str]:
    """A group meeting of `commands` commands, a snapshot every 7 entries, left unfinished."""
    monkeypatch.setattr(session, "SNAPSHOT_EVERY", 7)
    group = Group(tmp_path / "group")
    clock = FakeClock()
    live = LiveMeeting.open(LIBRARY, SOURCES, "discussion", clock, group=group)
    for name in ("Ana", "Ben", "Cy", "Dee"):
        live.do(f"join {name}")
    live.do("start")
    cycle = ["hand Ana", "next", 'note "a point"', "done", "hand Ben", "hand Cy clarify",
             "undo", "next", "done"]
    for i in range(commands):
        clock.advance(3)
        live.do(cycle[i % len(cycle)])
    live.close()
    return group, live.id


def test_the_journal_holds_snapshots_that_readers_of_commands_never_see(tmp_path, monkeypatch):
    """Snapshot lines are set apart: the entries, their seq and the minutes are as without
    them; a reader that does not know them sees a tick at which nothing happens."""
    group, meeting_id = long_meeting(tmp_path, monkeypatch)
    path = group.journal_path(meeting_id)
    contents = read_journal(path)
    assert len(contents.snapshots) == len(contents.entries) // 7
    assert [e["seq"] for e in contents.entries] == list(range(1, len(contents.entries) + 1))
    assert all("snapshot" not in e for e in contents.entries)
    without = [json.loads(line) for line in path.read_text().splitlines()[1:]]
    old_reader = build_minutes(contents.header["setup"]["setup"], without)
    assert old_reader == build_minutes(contents.header["setup"]["setup"], contents.entries)
    setup = replay(session.Setup.from_dict(contents.header["setup"]["setup"]), LIBRARY, ())
    for count, line in contents.snapshots:
        before = replay(setup.setup, LIBRARY, contents.entries[:count])
        assert apply(before, line) == before  # an old reader's tick: nothing happens


@pytest.mark.parametrize("commands", [45, 37, 2])
def test_resuming_from_the_last_snapshot_equals_replaying_everything(tmp_path, monkeypatch,
                                                                     commands):
    """The resumed meeting equals the full replay, and goes on the same way: entries after
    the last snapshot, a journal that ends with one (42 entries), and one without any."""
    group, meeting_id = long_meeting(tmp_path, monkeypatch, commands=commands)
    contents = read_journal(group.journal_path(meeting_id))
    assert len(contents.snapshots) == len(contents.entries) // 7
    setup = session.Setup.from_dict(contents.header["setup"]["setup"])
    full = replay(setup, LIBRARY, contents.entries)
    last = contents.entries[-1]["at"]  # taken up at once: no interruption
    resumed = LiveMeeting.resume(group, meeting_id, FakeClock(last + 1))
    assert resumed.meeting == full and resumed.meeting.seq == full.seq
    assert list(resumed.entries) == contents.entries
    resumed.do('note "after the resume"')
    resumed.close()
    again = LiveMeeting.resume(group, meeting_id, FakeClock(last + 2),
                               from_start=True)
    assert again.meeting == resumed.meeting
    again.close()


def test_check_agrees_with_true_snapshots_and_finds_a_tampered_one(tmp_path, monkeypatch,
                                                                   capsys):
    """`facilitator check` replays from the start; a snapshot changed by hand is named by
    its line, and the command fails."""
    group, meeting_id = long_meeting(tmp_path, monkeypatch)
    path = group.journal_path(meeting_id)
    count, wrong = check_snapshots(path)
    assert count == 6 and wrong == []
    assert main(["check", meeting_id, "--group", str(group.path)]) == 0
    assert "the 6 snapshots in its journal match" in capsys.readouterr().out

    lines = path.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if '"snapshot":' in line and i > 20)
    line = json.loads(lines[number])
    line["snapshot"]["hand_seq"] += 1  # a hand raised that nobody raised
    lines[number] = json.dumps(line, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n")
    count, wrong = check_snapshots(path)
    assert len(wrong) == 1 and wrong[0].startswith(f"Line {number + 1} of the journal ")
    assert "does not match the meeting replayed from the start" in wrong[0]
    assert main(["check", meeting_id, "--group", str(group.path)]) == 1
    assert "--from-start" in capsys.readouterr().err


def test_check_speaks_the_group_s_language(tmp_path, monkeypatch, capsys):
    """`facilitator --lang es check`: every sentence in Spanish, the journal's file and
    line as they are; English as before."""
    group, meeting_id = long_meeting(tmp_path, monkeypatch)
    path = group.journal_path(meeting_id)
    try:
        assert main(["--lang", "es", "check", meeting_id, "--group", str(group.path)]) == 0
        out = capsys.readouterr().out
        assert out == (f"{meeting_id}: las 6 instantáneas de su diario coinciden con sus "
                       "órdenes repetidas desde el principio.\n")
        lines = path.read_text().splitlines()
        number = next(i for i, line in enumerate(lines) if '"snapshot":' in line and i > 20)
        line = json.loads(lines[number])
        line["snapshot"]["hand_seq"] += 1
        lines[number] = json.dumps(line, separators=(",", ":"))
        path.write_text("\n".join(lines) + "\n")
        assert main(["--lang", "es", "check", meeting_id, "--group", str(group.path)]) == 1
        said = capsys.readouterr()
        assert said.out == ""
        assert said.err.startswith(f"La línea {number + 1} del diario {path.name}, la "
                                   "instantánea después de la entrada ")
        assert said.err.endswith(", no coincide con la reunión repetida desde el principio; "
                                 "lo que vale son las órdenes: `facilitator resume "
                                 "--from-start` no tiene en cuenta las instantáneas.\n")
        assert main(["--lang", "es", "check", "--group", str(tmp_path / "empty")]) == 1
        assert capsys.readouterr().err == ("No hay reuniones sin terminar en este grupo; "
                                           "indique la reunión que quiere revisar.\n")
    finally:
        from facilitator import i18n

        i18n.use("en")
    assert main(["check", meeting_id, "--group", str(group.path)]) == 1
    assert capsys.readouterr().err.startswith(f"Line {number + 1} of the journal {path.name}, "
                                              "the snapshot after entry ")


def test_a_torn_last_line_after_a_snapshot_is_set_aside_on_resuming(tmp_path, monkeypatch):
    """Reading from the last snapshot still finds a cut-off last line, sets it aside and
    says so; the meeting is what the complete lines make."""
    group, meeting_id = long_meeting(tmp_path, monkeypatch, commands=45)
    path = group.journal_path(meeting_id)
    contents = read_journal(path)
    with open(path, "ab") as handle:
        handle.write(b'{"seq":51,"at":1.0,"comm')
    last = contents.entries[-1]["at"]
    resumed = LiveMeeting.resume(group, meeting_id, FakeClock(last + 1))
    assert resumed.warning is not None and "was cut off" in resumed.warning
    setup = session.Setup.from_dict(contents.header["setup"]["setup"])
    assert resumed.meeting == replay(setup, LIBRARY, contents.entries)
    assert len(resumed.entries) == len(contents.entries)
    assert resumed.entries.commands() == sum(
        1 for e in contents.entries if e["command"] not in ("tick", "interrupted"))
    resumed.close()
    assert read_journal(path).entries == contents.entries


@pytest.mark.parametrize(("commands", "said"), [
    (0, "its journal holds no snapshot yet (one is written every so many commands); there "
        "is nothing to compare."),
    (5, "the snapshot in its journal matches its commands replayed from the start.")])
def test_check_says_one_snapshot_and_none_as_such(tmp_path, monkeypatch, capsys, commands,
                                                  said):
    group, meeting_id = long_meeting(tmp_path, monkeypatch, commands=commands)
    assert check_snapshots(group.journal_path(meeting_id))[0] == (1 if commands else 0)
    assert main(["check", meeting_id, "--group", str(group.path)]) == 0
    assert capsys.readouterr().out == f"{meeting_id}: {said}\n"
