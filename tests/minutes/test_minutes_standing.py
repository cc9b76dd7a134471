"""What still stands, kept up to date entry by entry, agrees with reading every entry again."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.engine.state import UNDO_LIMIT
from facilitator.minutes.build import Standing
from facilitator.ui import view

NOTE = st.builds(lambda n: {"command": "note", "events": [{"type": "Noted", "text": f"n{n}"}]},
                 st.integers(0, 99))
TICK = st.just({"command": "tick", "events": [{"type": "Noted", "text": "by the clock"}]})
UNDO = st.just({"command": "undo", "events": [{"type": "Override", "command": "undo"},
                                              {"type": "Undone"}]})
GAP = st.just({"command": "interrupted",
               "events": [{"type": "Interrupted", "since": 0.0, "seconds": 60.0}]})
OTHER = st.just({"command": "hand Ana",
                 "events": [{"type": "HandRaised", "name": "Ana", "kind": "hand"}]})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(NOTE, TICK, UNDO, GAP, OTHER), max_size=80))
def test_records_kept_as_entries_arrive_equal_records_read_from_every_entry(entries):
    """After every entry, the count and the last eight records of the running Standing are
    those of `view.records` over all entries so far (with `at` in order of arrival)."""
    entries = [{**e, "events": [{**ev, "at": float(i)} for ev in e["events"]]}
               for i, e in enumerate(entries)]
    standing = Standing(view.record_of, reach=UNDO_LIMIT)
    for count, entry in enumerate(entries, start=1):
        standing.add(entry)
        expected = view.records(entries[:count])
        assert len(standing) == len(expected)
        assert standing.last(8) == expected[-8:]


def test_a_long_meeting_keeps_no_more_than_undo_can_reach_in_its_stack():
    """Past UNDO_LIMIT commands, the oldest stands for good: the running record does not
    grow its undo stack with the meeting."""
    standing = Standing(view.record_of, reach=UNDO_LIMIT)
    for i in range(UNDO_LIMIT * 3):
        standing.add({"command": "note", "events": [{"type": "Noted", "text": str(i), "at": i}]})
    assert len(standing._stack) == UNDO_LIMIT
    assert standing.last(2) == [f"Note: {UNDO_LIMIT * 3 - 2}", f"Note: {UNDO_LIMIT * 3 - 1}"]
