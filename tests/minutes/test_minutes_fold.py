"""The minutes folded as entries arrive, holding only undo's reach, are the minutes built
from every event at once: on the journals written before, on every library script, on
random meetings with undo, waits and hard timeboxes, and on journals whose times break the
engine's rules (read again holding everything)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.clock import FakeClock
from facilitator.engine.state import UNDO_LIMIT
from facilitator.errors import Refused
from facilitator.minutes.build import build_minutes
from facilitator.minutes.fold import MinutesFold
from facilitator.protocols.loader import build_library
from facilitator.protocols.values import parse_duration
from facilitator.script import load_script, run_script
from facilitator.session import LiveMeeting
from facilitator.store.journal_read import read_journal

TESTS = Path(__file__).parent.parent
JOURNALS = sorted((TESTS / "engine" / "journals").glob("*.jsonl"))
SERIES = [["weekly-meeting", "weekly-meeting-2", "weekly-meeting-3", "weekly-meeting-4"],
          ["weekly-deferral-1", "weekly-deferral-2"]]  # each after the one before, in a group
SCRIPTS = sorted(p for p in (TESTS / "library" / "scripts").glob("*.yaml")
                 if p.stem not in sum(SERIES, [])[1:] or p.stem == "weekly-deferral-1")
LIBRARY, _ = build_library([])


def fold(setup: dict[str, Any], entries: list[dict[str, Any]], *,
         hold: bool = False) -> MinutesFold:
    folded = MinutesFold(setup, hold=hold)
    for entry in entries:
        folded.add(entry)
    return folded


@pytest.mark.parametrize("path", JOURNALS, ids=lambda p: p.stem)
def test_a_journal_folded_gives_its_minutes_without_reading_it_again(path: Path) -> None:
    """Folded within undo's reach, holding everything, or by build_minutes: the minutes
    written with the journal, and no journal needs the second reading."""
    contents = read_journal(path)
    setup = contents.header["setup"]["setup"]
    entries = list(contents.entries)
    expected = json.loads((path.parent / f"{path.stem}.minutes.json").read_text("utf-8"))
    folded = fold(setup, entries)
    assert folded.minutes() == expected
    assert not folded.settled.unsure
    assert fold(setup, entries, hold=True).minutes() == expected
    assert build_minutes(setup, iter(entries)) == expected  # read once: held


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_a_script_keeping_no_entries_gives_the_same_minutes(script: Path) -> None:
    """`simulate` keeps no entries: its minutes are those of the meeting that keeps them."""
    kept = run_script(load_script(script), LIBRARY, [])
    folded = run_script(load_script(script), LIBRARY, [], keep_entries=False)
    assert len(folded.entries) == 0 and folded.accepted == len(kept.entries)
    assert folded.minutes() == kept.minutes()
    assert folded.fold is not None and not folded.fold.settled.unsure
    assert folded.minutes() == kept.minutes()  # asked again: the same


@pytest.mark.parametrize("series", SERIES, ids=lambda s: s[0])
def test_meetings_in_a_group_keeping_no_entries_give_the_same_minutes(
        series: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Meetings that take up what the group's last one left give the same minutes, and
    leave the same memory for the next, whether or not they keep their entries."""
    import random

    from facilitator import session
    from facilitator.opening import open_group

    said: list[list[dict[str, Any]]] = []
    for keep in (True, False):
        monkeypatch.setattr(session, "ids", random.Random(14))
        group = open_group(tmp_path / f"group-{keep}")
        said.append([run_script(load_script(TESTS / "library" / "scripts" / f"{name}.yaml"),
                                LIBRARY, [], group, keep_entries=keep).finish()
                     for name in series])
    assert said[0] == said[1]


TIMED = """
version: 1
protocols:
  timed:
    title: Timed
    steps:
      - {id: talk, kind: discussion, time: 1m, hard: true, time_per_speaker: 30s}
      - {id: more, kind: discussion, time: 2m, hard: true}
      - {id: todo, kind: record, type: action, time: 90s, hard: true}
      - {id: last, kind: discussion}
  long:
    title: Long
    steps:
      - {id: talk, kind: discussion, time: 8h}
"""
TIMED_LIBRARY, _ = build_library([("timed.yaml", TIMED)])
COMMANDS = ["hand Ana", "hand Ben", "hand Cy clarify", "next", "next", "done", "advance",
            "undo", "undo", "wait 10s", "wait 45s", "wait 3m", 'note "said"', "pause",
            "resume", "extend 30s", "back", 'record action "Call" Ana 2026-01-07', "pass Ben",
            "leave Cy", "join Cy", 'suggest "shorter"']


def drive(commands: list[str], *, keep: bool, protocol: str = "timed") -> LiveMeeting:
    clock = FakeClock()
    live = LiveMeeting.open(TIMED_LIBRARY, [], protocol, clock, keep_entries=keep)
    for name in ("Ana", "Ben", "Cy"):
        live.do(f"join {name}")
    live.do("start")
    for command in [*commands, "end"]:
        try:
            if command.startswith("wait "):
                clock.advance(parse_duration(command.split()[1]))
                live.tick()
            else:
                live.do(command)
        except Refused:
            pass
    return live


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(COMMANDS), max_size=120))
def test_random_meetings_fold_to_the_minutes_of_all_their_events(commands: list[str]) -> None:
    """Undo, waits, pauses and hard timeboxes that run out: the folded minutes are the
    minutes built from every entry, and the engine never breaks the fold's rules."""
    kept, folded = drive(commands, keep=True), drive(commands, keep=False)
    setup = kept.meeting.setup.to_dict()
    assert folded.minutes() == build_minutes(setup, iter(list(kept.entries)))
    assert folded.fold is not None and not folded.fold.settled.unsure


def test_a_long_meeting_folds_in_the_same_memory() -> None:
    """What the fold holds besides the minutes does not grow with the meeting: the events
    waiting to stand are those of undo's reach, at 200 commands and at 2,000."""
    held = []
    for cycles in (20, 200):
        live = drive(["hand Ana", "hand Ben", "next", "next", "wait 1s", 'note "x"',
                      "undo", "next", "hand Cy", "next"] * cycles, keep=False,
                     protocol="long")
        assert live.fold is not None
        held.append(live.fold.settled.holding())
    assert held[0] == held[1] <= 3 * UNDO_LIMIT


def entry(at: float, command: str, *events: dict[str, Any]) -> dict[str, Any]:
    return {"at": at, "command": command, "events": list(events)}


def noted(at: float, text: str) -> dict[str, Any]:
    return {"type": "Noted", "at": at, "text": text}


SETUP = {"meeting_id": "m", "protocol": "p", "created_at": 0.0, "title": ""}


def test_a_journal_whose_clock_went_back_is_read_again_holding_everything() -> None:
    """A note written earlier than one already folded: the fold says it is unsure, and
    build_minutes gives the minutes of all the events sorted by time."""
    entries = [entry(100.0 + i, f"note n{i}", noted(100.0 + i, f"n{i}")) for i in range(60)]
    entries.append(entry(50.0, "note early", noted(50.0, "early")))
    folded = fold(SETUP, entries)
    folded.minutes()
    assert folded.settled.unsure
    minutes = build_minutes(SETUP, entries)
    assert minutes == fold(SETUP, entries, hold=True).minutes()
    assert [n["text"] for n in minutes["notes"]][:2] == ["early", "n0"]


def test_an_undo_reaching_past_undos_reach_is_read_again_holding_everything() -> None:
    """A journal from before undo was bounded can take back more than UNDO_LIMIT commands
    in a row: read again, every one of them is taken back."""
    undo = [{"type": "Override", "at": 200.0, "command": "undo"},
            {"type": "Undone", "at": 200.0}]
    count = UNDO_LIMIT + 5
    entries = [entry(100.0, f"note n{i}", noted(100.0, f"n{i}")) for i in range(count)]
    entries += [entry(200.0, "undo", *undo) for _ in range(count)]
    folded = fold(SETUP, entries)
    assert folded.settled.unsure  # said as the undo comes
    assert folded.minutes()["notes"] != []
    minutes = build_minutes(SETUP, entries)
    assert minutes["notes"] == []
    assert [o["command"] for o in minutes["overrides"]] == ["undo"] * count


def test_an_undo_done_in_the_same_second_goes_before_what_still_stands() -> None:
    """Events of one moment keep the order the minutes always gave them: an undo's
    record before the commands still within undo's reach (a stable sort by time)."""
    undo = [{"type": "Override", "at": 100.0, "command": "undo"},
            {"type": "Undone", "at": 100.0}]
    entries = [entry(100.0, "note a", noted(100.0, "a")), entry(100.0, "note b", noted(100.0, "b")),
               entry(100.0, "undo", *undo), entry(100.0, "note c", noted(100.0, "c"))]
    folded = fold(SETUP, entries).minutes()
    assert folded == fold(SETUP, entries, hold=True).minutes()
    assert [n["text"] for n in folded["notes"]] == ["a", "c"]


def test_no_entry_is_added_after_the_minutes() -> None:
    folded = fold(SETUP, [entry(1.0, "note a", noted(1.0, "a"))])
    folded.minutes()
    with pytest.raises(RuntimeError):
        folded.add(entry(2.0, "note b", noted(2.0, "b")))


def test_a_capacity_round_is_recorded_from_a_meeting_that_keeps_no_entries(
        tmp_path: Path) -> None:
    """The group keeps who answered a capacity round and who had no room, as when the
    meeting kept its entries."""
    from facilitator.opening import open_group

    said = []
    for keep in (True, False):
        group = open_group(tmp_path / f"group-{keep}")
        live = run_script(load_script(TESTS / "library" / "scripts" / "capacity-check.yaml"),
                          LIBRARY, [], group, keep_entries=keep)
        live.finish()
        care = sorted((tmp_path / f"group-{keep}").rglob("capacity-*.json"))
        assert care, "the capacity round is recorded"
        row = json.loads(care[0].read_text("utf-8"))
        said.append({k: v for k, v in row.items() if k in ("red", "answered")})
    assert said[0] == said[1] and said[0]["answered"]

