"""A group's life, week by week: meetings at chosen dates (a fake clock), shifts between."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

from facilitator.clock import FakeClock
from facilitator.opening import minutes_files
from facilitator.protocols.loader import build_library
from facilitator.protocols.model import Library
from facilitator.session import LiveMeeting
from facilitator.store.group import Group
from facilitator.ui.counsel import Counsel

PROTOCOLS = """\
version: 1
protocols:
  weekly-care:
    title: Weekly meeting
    steps:
      - id: check-in
        kind: round
        title: Check-in
        prompt: How are you arriving?
      - id: capacity
        kind: round
        title: How much room do you have?
        collect: {capacity: [green, yellow, red]}
        private: true
      - id: review
        kind: review
      - id: records
        kind: record
        type: action
"""
SOURCES = [("care.yaml", PROTOCOLS)]


def library() -> Library:
    found, problems = build_library(SOURCES)
    assert [p for p in problems if not p.warning] == []
    return found


def at(day: str, hour: int = 19) -> float:
    """Epoch seconds of `day` at `hour`, local time (as the meetings' dates are read)."""
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00").timestamp()


def open_meeting(group: Group, day: str, people: list[str],
                 roles: dict[str, str]) -> tuple[LiveMeeting, Counsel]:
    """A weekly meeting opened on `day` with `people` joined and `roles` named, started;
    and the facilitator's counsel as the screen would make it."""
    clock = FakeClock(at(day))
    live = LiveMeeting.open(library(), SOURCES, "weekly-care", clock, title="Weekly",
                            group=group)
    counsel = Counsel(group, clock.now())
    for name in people:
        live.do(f"join {shlex.quote(name)}")
    for role, name in roles.items():
        live.do(f"role {role} {shlex.quote(name)}")
    live.do("start")
    return live, counsel


def weekly(group: Group, day: str, people: list[str], roles: dict[str, str],
           capacity: dict[str, str] | None = None, reviews: tuple[str, ...] = (),
           records: tuple[str, ...] = ()) -> tuple[LiveMeeting, dict[str, str]]:
    """Run one whole weekly meeting: check-in, a private capacity round (`capacity`: name
    to green, yellow or red), reviews (`A1 done`), records (`action "Bake" Ana`), end.
    Returns the ended meeting and what the facilitator was told quietly, by step."""
    live, counsel = open_meeting(group, day, people, roles)
    told = {"check-in": counsel.quiet(live.meeting)}
    live.do("advance")
    for name in people:
        if capacity and name in capacity:
            live.do(f"collect {shlex.quote(name)} {capacity[name]}")
    live.do("advance")
    told["review"] = counsel.quiet(live.meeting)
    for review in reviews:
        live.do(f"review {review}")
    live.do("advance")
    for record in records:
        live.do(f"record {record}")
    live.do("advance")
    live.do("end")
    live.finish(minutes_files(live.minutes()))
    return live, told


def minutes_texts(group: Group) -> str:
    """Every minutes file of the group (every format), as one text."""
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in sorted(Path(group.minutes_path).glob("*")))
