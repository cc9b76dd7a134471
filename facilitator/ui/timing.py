"""Time as the screens tell it: timer faces, durations in words, timeboxes and warnings.

Rules: pure functions of a meeting and `now` (epoch seconds); a warning is a sentence, so
nothing is told by colour alone. No textual here.
"""

from __future__ import annotations

from typing import NamedTuple

from facilitator.engine.state import Meeting
from facilitator.i18n import _


def clock(seconds: float) -> str:
    """A timer face: 4:05, 12:30, 1:02:03."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def span(seconds: float) -> str:
    """A duration in words for sentences: 45s, 2m, 2m 5s, 1h 3m."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes}m" if minutes else f"{hours}h"
    if minutes:
        return f"{minutes}m {secs}s" if secs else f"{minutes}m"
    return f"{secs}s"


class Timing(NamedTuple):
    elapsed: float
    limit: float | None
    warning: str  # empty when all is well
    over: bool = False  # past the limit (never read from the warning: a name may hold "over")


def _over(elapsed: float, limit: float | None) -> bool:
    return limit is not None and limit > 0 and elapsed > limit


def _warn(elapsed: float, limit: float | None, whose: tuple[str, str, str]) -> str:

    if not limit:
        return ""
    left = limit - elapsed
    if left < 0:
        return whose[0].format(over=span(-left), limit=span(limit), name=whose[2])
    if left <= min(60, limit * 0.2):
        return whose[1].format(left=span(left), limit=span(limit), name=whose[2])
    return ""


def step_timing(meeting: Meeting, now: float) -> Timing | None:
    run = meeting.run
    if run is None:
        return None
    limit = run.step.time + run.extended if run.step.time else None
    elapsed = meeting.active(now) - run.entered
    whose = (_("{over} over the step's {limit}."), _("{left} left of the step's {limit}."), "")
    return Timing(elapsed, limit, _warn(elapsed, limit, whose), _over(elapsed, limit))


def floor_timing(meeting: Meeting, now: float) -> Timing | None:
    floor = meeting.floor
    if floor is None:
        return None
    elapsed = meeting.active(now) - floor.since
    whose = (_("{over} over {name}'s {limit}."), _("{left} left of {name}'s {limit}."),
             floor.name)
    return Timing(elapsed, floor.limit, _warn(elapsed, floor.limit, whose),
                  _over(elapsed, floor.limit))
