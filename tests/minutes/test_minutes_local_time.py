"""Times are local: the minutes' header, meeting ids and "today" for agreements due use
the computer's time zone (a meeting at 15:34 in Berlin is headed 15:34 CET, not 14:34 UTC)."""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator

import pytest

from facilitator.minutes.view import when
from facilitator.session import new_meeting_id

AT = calendar.timegm((2026, 1, 1, 14, 34, 0))  # 14:34 UTC, 15:34 in Berlin


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_minutes_header_is_in_local_time(berlin: None) -> None:
    assert when("2026-01-01T14:34:00Z") == "Thursday 1 January 2026, 15:34 CET"


def test_a_meeting_id_is_stamped_in_local_time(berlin: None) -> None:
    assert new_meeting_id("weekly-meeting", AT, None) == "2026-01-01-1534-weekly-meeting"


def test_utc_stays_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert when("2026-01-01T14:34:00Z") == "Thursday 1 January 2026, 14:34 UTC"
    finally:
        monkeypatch.undo()
        time.tzset()
