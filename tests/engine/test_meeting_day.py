"""A meeting's calendar day is where it was opened: an evening meeting in New York does
not date its agreements by tomorrow's date in UTC, and a laptop in another time zone that
takes the meeting up from its journal dates them the same."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from facilitator.clock import FakeClock
from facilitator.engine.events import AgreementRecorded
from facilitator.engine.state import Setup
from facilitator.session import LiveMeeting
from facilitator.store.group import Group
from tests.conftest import library_from

TEXT = """
version: 1
protocols:
  van:
    title: The van
    steps:
      - {id: talk, kind: discussion}
      - {id: out, kind: record, type: agreement, review_after: 30d}
"""
SOURCES = [("van.yaml", TEXT)]  # the journal names them: a resume reads them again
LIB = library_from(TEXT, "van.yaml")

# POSIX zones need no time zone database: five hours west of UTC, nine hours east.
NEW_YORK, TOKYO = "NYC+5", "TOK-9"
# 20:00 on 2 March 2026 in New York: 01:00 on 3 March in UTC.
EVENING = dt.datetime(2026, 3, 3, 1, 0, tzinfo=dt.UTC).timestamp()


@contextmanager
def zone(name: str) -> Iterator[None]:
    """This process's time zone, for a while (as a laptop set to it)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def review_dates(events: list) -> list[str | None]:
    return [e.review_on for e in events if isinstance(e, AgreementRecorded)]


def test_an_evening_meeting_dates_its_review_from_its_own_day(tmp_path) -> None:
    with zone(NEW_YORK):
        live = LiveMeeting.open(LIB, SOURCES, "van", FakeClock(EVENING),
                                group=Group(tmp_path / "g"))
        for line in ("join Ana", "join Ben", "start", "advance"):
            live.do(line)
        events = live.do('record agreement "We share the van on Mondays" Ana Ben')
        live.close()
    assert live.meeting.setup.utc_offset == -5 * 3600
    assert review_dates(events) == ["2026-04-01"]  # 2 March and 30 days, not 3 March's


def test_a_laptop_in_another_time_zone_takes_the_meeting_up_with_the_same_day(
        tmp_path) -> None:
    group = Group(tmp_path / "g")
    clock = FakeClock(EVENING)
    with zone(NEW_YORK):
        live = LiveMeeting.open(LIB, SOURCES, "van", clock, group=group)
        for line in ("join Ana", "join Ben", "start", "advance"):
            live.do(line)
        live.close()
    with zone(TOKYO):  # 10:00 on 3 March there
        again = LiveMeeting.resume(group, live.id, clock)
        events = again.do('record agreement "We share the van on Mondays" Ana Ben')
        again.do("advance")
        again.do("end")
        again.finish()
    assert review_dates(events) == ["2026-04-01"]
    assert [a.review_on for a in group.agreements_due(dt.date(2026, 4, 1))] == ["2026-04-01"]
    assert group.agreements_due(dt.date(2026, 3, 31)) == []


def test_a_journal_from_before_the_offset_keeps_its_dates_in_utc() -> None:
    setup = Setup.from_dict({"meeting_id": "m", "protocol": "van", "created_at": EVENING})
    assert setup.utc_offset == 0
    with zone(NEW_YORK):
        assert Setup.from_dict(setup.to_dict()).utc_offset == 0
