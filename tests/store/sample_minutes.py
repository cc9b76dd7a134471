"""Sample minutes, journal headers and a whole-memory reader shared by the store and CLI
tests."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from facilitator.store import cache
from facilitator.store.group import Group


def make_minutes(meeting_id: str, day: str, **extra: object) -> dict:
    minutes = {
        "meeting": {
            "id": meeting_id,
            "title": f"Meeting {meeting_id}",
            "protocol": "quick-decision",
            "started_at": f"{day}T19:00:00",
            "ended_at": f"{day}T20:00:00",
            "duration_s": 3600,
        },
        "attendance": [
            {"name": "Ana", "pronouns": "she/her", "joined_s": 0, "left_s": None},
            {"name": "Ben", "pronouns": None, "joined_s": 0, "left_s": None},
        ],
        "roles": {"facilitator": "Ana", "presenter": "Ben"},
        "steps": [
            {"protocol": "quick-decision", "step": "discuss", "kind": "discussion"},
            {"protocol": "check-in", "step": "round", "kind": "round"},
        ],
        "decisions": [
            {
                "step": "test",
                "proposal": "Open the tool library on Saturdays",
                "outcome": "passed",
                "attempt": 1,
                "tally": {"agree": 2},
                "stances": [{"name": "Ana", "stance": "agree", "reason": None}],
                "recorded": True,
            }
        ],
        "actions": [{"what": "Print a sign", "owner": "Ben", "due": "2026-04-01"}],
        "agreements": [
            {
                "text": "Keys go back to the hook",
                "parties": ["Ana", "Ben"],
                "review_on": "2026-03-31",
            }
        ],
        "notes": [],
        "airtime": [{"name": "Ben", "seconds": 120, "turns": 1, "share": 1.0}],
        "overrides": [],
    }
    minutes.update(extra)
    return minutes


def header(meeting_id: str, created_at: str) -> dict:
    return {
        "meeting": {
            "id": meeting_id,
            "title": f"T {meeting_id}",
            "protocol": "p",
            "created_at": created_at,
        },
        "setup": {},
    }


def memory(path: Path) -> dict:
    """Everything a fresh process would read of the group's memory in `path`."""
    group = Group(path)
    return {"meetings": group.meetings(), "roster": group.roster(),
            "actions": group.open_actions(), "agreements": group.agreements(),
            "decisions": group.decisions(), "principles": group.principles(),
            "roles": group.role_history(), "deferred": group.deferred_items(),
            "moratoria": group.moratoria(), "count": group.meeting_count("quick-decision"),
            "care": group.care()}


def count_reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """From now on, how many times each cache file is read, by name."""
    seen: Counter[str] = Counter()
    real = cache.read

    def counted(path: Path, sources: str | None = None) -> object:
        seen[path.name] += 1
        return real(path, sources)

    monkeypatch.setattr(cache, "read", counted)
    return seen
