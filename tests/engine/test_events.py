"""Events are classes; their JSON form is the journal's, as written before they were.

tests/engine/journals holds journals (and their minutes) written by the version before
events became classes: every library script that runs on its own, and the meeting with
everything. They must replay, give the same minutes, and the engine must say again, event
for event, what those journals hold.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from facilitator.engine import events as ev
from facilitator.engine.core import handle, interrupted, replay, tick
from facilitator.engine.events import BY_NAME, Event, UnknownEvent, from_json, to_json
from facilitator.engine.state import Meeting, Setup
from facilitator.minutes.build import build_minutes
from facilitator.protocols.loader import build_library
from facilitator.store.journal_read import read_journal

JOURNALS = sorted((Path(__file__).parent / "journals").glob("*.jsonl"))


def test_the_fixtures_are_there() -> None:
    assert len(JOURNALS) >= 20


@pytest.mark.parametrize("path", JOURNALS, ids=lambda p: p.stem)
def test_a_journal_written_before_replays_to_the_same_events_and_minutes(path: Path) -> None:
    contents = read_journal(path)
    assert contents.warning is None
    setup = Setup.from_dict(contents.header["setup"]["setup"])
    sources = [(f, t) for f, t in contents.header["setup"]["sources"]]
    library, _ = build_library(sources)
    meeting = Meeting.open(setup, library)
    for entry in contents.entries:
        if entry["command"] == "tick":
            meeting, said = tick(meeting, entry["at"])
        elif entry["command"] == "interrupted":
            meeting, said = interrupted(meeting, entry["since"], entry["at"])
        else:
            meeting, said = handle(meeting, entry["command"], entry["at"])
        # Event for event, in order, the same JSON the journal holds.
        assert [to_json(e) for e in said] == entry["events"], entry["command"]
        assert [from_json(e) for e in entry["events"]] == said
    assert meeting.ended
    assert replay(setup, library, contents.entries) == meeting
    expected = json.loads((path.parent / f"{path.stem}.minutes.json").read_text("utf-8"))
    assert build_minutes(contents.header["setup"]["setup"], contents.entries) == expected


def test_every_event_class_round_trips_through_json() -> None:
    values = {str: "x", float: 1.5, int: 2, bool: True}
    for name, cls in BY_NAME.items():
        fields = {}
        for field in attrs.fields(cls):
            if field.name in ("at", "confidential"):
                continue
            kind = next((t for t in values if t.__name__ in str(field.type)), str)
            fields[field.name] = values[kind]
        event = cls(at=12.5, confidential=True, **fields)
        data = to_json(event)
        assert list(data)[:2] == ["type", "at"] and data["type"] == name
        assert list(data)[-1] == "confidential"
        assert from_json(json.loads(json.dumps(data))) == event


def test_only_what_is_true_is_written_for_a_private_mark() -> None:
    assert to_json(ev.Passed(at=1.0, name="Ana")) == {"type": "Passed", "at": 1.0, "name": "Ana"}
    assert to_json(ev.Passed(at=1.0, name="Ana", private=True))["private"] is True


def test_an_older_journal_missing_a_field_reads_with_its_default() -> None:
    event = from_json({"type": "FloorEnded", "at": 3.0, "name": "Ana", "seconds": 2.0})
    assert event == ev.FloorEnded(at=3.0, name="Ana", seconds=2.0, counted=True)
    assert from_json({"type": "Noted", "at": 1, "text": "t", "later": 1}) == \
        ev.Noted(at=1.0, text="t")


def test_an_unknown_event_type_is_a_clear_error() -> None:
    with pytest.raises(UnknownEvent, match="`Teleported` is not an event this version knows"):
        from_json({"type": "Teleported", "at": 1.0})


def test_event_classes_carry_no_behaviour() -> None:
    for name, cls in BY_NAME.items():
        assert issubclass(cls, Event)
        own = {k for k, v in vars(cls).items() if callable(v) and not k.startswith("__")}
        assert own == set(), name
