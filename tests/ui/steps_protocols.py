"""A small weekly meeting for the step views' tests and snapshots: a review, an agenda
whose items run a talk (a discussion, a test, a choice, a turn for the blocker, records),
defined here so that the pictures change only when the UI does."""

from __future__ import annotations

from pathlib import Path

from conftest import Parts

WEEKLY = """
version: 1
protocols:
  weekly:
    title: Weekly meeting
    steps:
      - {id: actions, kind: review, title: Open actions, time: 10m}
      - {id: agenda, kind: agenda, title: Agenda, items: ask, default_protocol: talk}
      - {id: wrap, kind: record, title: Wrap up, type: note}
  talk:
    title: Talk it through
    steps:
      - {id: discuss, kind: discussion, title: Discuss, time: 10m}
      - id: test
        kind: decide
        title: Test
        rule: {quorum: 3/4, max_stand_asides: 1}
        attempts: 2
        reveal: open
        on: {passed: actions, blocked: why, failed: next, exhausted: end}
      - {id: why, kind: turn, title: The blocker explains, speaker: choose, next: next}
      - id: next
        kind: choose
        title: What now
        options: {again: test, rework: discuss, leave-it: end}
      - {id: actions, kind: record, title: Actions, type: action}
"""
PEOPLE = ("join Ana she/her", "join Ben", "join Cy they/them", "join Dee he/him")


def weekly_parts(path: Path) -> Parts:
    return Parts(path, WEEKLY, builtin=False)


def first_week(parts: Parts) -> None:
    """A week that leaves two open actions and one deferred item behind."""
    live = parts.open("weekly", *PEOPLE, "start", "advance", title="Week 1")
    for line in ("item 'Paint the shed'", "propose 'Paint it green'", "advance",
                 "stance Ana agree", "stance Ben agree", "stance Cy agree", "stance Dee agree",
                 "advance",
                 "record action 'Buy paint' Ana 2026-01-20",
                 "record action 'Ask the landlord' Ben", "advance",
                 "item 'Summer party'", "defer", "advance", "advance"):
        live.do(line)
    live.do("end")
    from facilitator.opening import minutes_files

    live.finish(minutes_files(live.minutes()))
