"""Secret ballots: stances only from people's own devices; the journal, the minutes and the
group's memory keep the count and who took part, never who chose what."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.clock import FakeClock
from facilitator.engine.core import replay
from facilitator.engine.steps.decide import own_device
from facilitator.errors import Refused
from facilitator.opening import minutes_files
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group

SECRET = """
version: 1
protocols:
  vote:
    title: Vote
    steps:
      - {id: ballot, kind: decide, ballot: secret, on: {blocked: end}}
      - {id: after, kind: discussion}
"""


def opened(tmp_path: Path, *people: str) -> LiveMeeting:
    sources = [builtin_source(), ("secret.yaml", SECRET)]
    library, _ = build_library(sources, include_builtin=False)
    live = LiveMeeting.open(library, sources, "vote", FakeClock(), title="Vote",
                            group=Group(tmp_path / "group"))
    for name in people:
        live.do(f"join {name}")
    live.do("propose Buy a kettle")
    live.do("start")
    return live


def test_a_stance_typed_at_the_keyboard_is_refused(tmp_path: Path) -> None:
    """Nobody, not even the facilitator, gives a stance for someone in a secret ballot."""
    live = opened(tmp_path, "Ana", "Ben")
    with pytest.raises(Refused, match="secret ballot: stances come only from people's own"):
        live.do("stance Ana agree")
    with pytest.raises(Refused, match="secret ballot"):
        live.do("stance Ana agree", source=own_device("Ben"))


def test_the_journal_and_minutes_keep_who_took_part_never_what(tmp_path: Path) -> None:
    """The stances' keys and reasons are nowhere in the journal file or the minutes."""
    live = opened(tmp_path, "Ana", "Ben", "Cy")
    live.do('stance Ana stand_aside "too loud"', source=own_device("Ana"))
    live.do("stance Ben agree", source=own_device("Ben"))
    live.do("stance Cy agree", source=own_device("Cy"))
    live.do("stance Ana agree", source=own_device("Ana"))  # changed her mind
    live.do("advance")
    journal = (live.group.journal_path(live.id)).read_text()  # type: ignore[union-attr]
    entries = [json.loads(line) for line in journal.splitlines()[1:]]
    stances = [e for e in entries if e["command"].startswith("stance")]
    assert [(e["command"], e["source"], e["sealed"]) for e in stances] == [
        ("stance Ana", "Ana's phone", True), ("stance Ben", "Ben's phone", True),
        ("stance Cy", "Cy's phone", True), ("stance Ana", "Ana's phone", True)]
    assert "agree" not in "".join(json.dumps(e) for e in stances)
    assert "too loud" not in journal
    assert "\"stand_aside\"" not in "".join(journal.splitlines()[1:])  # the header has the scale
    test = live.meeting.last_test
    assert test["tally"] == {"agree": 3} and test["outcome"] == "passed"
    assert test["stances"] == [] and test["voters"] == ["Ana", "Ben", "Cy"]
    live.do("end")
    minutes = live.minutes()
    files = minutes_files(minutes)
    decision = minutes["decisions"][0]
    assert decision["secret"] is True and decision["voters"] == ["Ana", "Ben", "Cy"]
    assert decision["tally"] == {"agree": 3} and decision["stances"] == []
    assert "Secret ballot; took part: Ana, Ben, Cy." in files["md"]
    assert "too loud" not in json.dumps(minutes) + "".join(files.values())
    live.finish(files)
    memory = "".join(p.read_text() for p in (tmp_path / "group").rglob("*") if p.is_file())
    assert "too loud" not in memory


def test_replay_reads_the_count_from_the_journal(tmp_path: Path) -> None:
    """Replaying a journal whose stances were sealed arrives at the same outcome and count."""
    live = opened(tmp_path, "Ana", "Ben")
    live.do("stance Ana agree", source=own_device("Ana"))
    live.do('stance Ben block "not in our values"', source=own_device("Ben"))
    live.do("advance")
    again = replay(live.meeting.setup, live.meeting.library, live.entries)
    assert again.last_test == live.meeting.last_test
    assert again.outcome == live.meeting.outcome == "blocked"


def test_a_ballot_interrupted_by_a_restart_asks_for_the_sealed_stances_again(
        tmp_path: Path) -> None:
    """After the laptop stops mid-ballot, the stances given before cannot be counted: closing
    the test says whose to give again, and once they are given it closes."""
    live = opened(tmp_path, "Ana", "Ben")
    live.do("stance Ana agree", source=own_device("Ana"))
    live.close()
    again = LiveMeeting.resume(live.group, live.id, live.clock)  # type: ignore[arg-type]
    again.do("stance Ben agree", source=own_device("Ben"))
    with pytest.raises(Refused, match="The stances of Ana were given before the laptop"):
        again.do("advance")
    again.do("stance Ana agree", source=own_device("Ana"))
    again.do("advance")
    assert again.meeting.last_test["tally"] == {"agree": 2}
    again.close()


def test_undo_takes_back_a_secret_stance(tmp_path: Path) -> None:
    live = opened(tmp_path, "Ana", "Ben")
    live.do("stance Ana agree", source=own_device("Ana"))
    live.do("undo")
    live.do("stance Ben agree", source=own_device("Ben"))
    live.do("advance")
    assert live.meeting.last_test["voters"] == ["Ben"]


def test_the_suggestion_box_keeps_no_name(tmp_path: Path) -> None:
    """`suggest` from a phone is journaled from "a phone" and reaches the minutes as a note."""
    live = opened(tmp_path, "Ana")
    live.do("suggest 'Shorter check-ins, please'", source="a phone")
    entry = live.entries[-1]
    assert entry["source"] == "a phone" and "Ana" not in json.dumps(entry)
    notes = [n["text"] for n in live.minutes()["notes"]]
    assert "Suggestion box: Shorter check-ins, please" in notes
