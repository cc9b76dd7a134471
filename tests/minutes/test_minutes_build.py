"""Events -> the minutes' JSON shape: the spec's example, fallbacks, attendance, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from minutes_scripts import script_minutes, write_script

SPEC_SCRIPT = """\
protocol: quick-decision
title: Tool library on Saturdays
participants: [{name: Ana, pronouns: she/her}, {name: Ben}, {name: Cy, pronouns: they/them}]
roles: {facilitator: Ana, presenter: Ben}
commands:
  - propose "Open the tool library on Saturdays"
  - start
  - hand Ben
  - hand Cy
  - next
  - wait 2m
  - next
  - wait 1m
  - done
  - advance
  - stance Ana agree
  - stance Ben agree
  - stance Cy stand_aside "I can't help on Saturdays"
  - advance
  - advance
  - end
"""


def test_the_spec_example_has_the_minutes_the_spec_promises(tmp_path: Path) -> None:
    """One passed decision (attempt 1, its tally, Cy's reason), Ben 120 s, Cy 60 s, three present."""
    m = script_minutes(write_script(tmp_path, SPEC_SCRIPT), None)
    assert m["version"] == 1
    (decision,) = m["decisions"]
    assert (decision["outcome"], decision["attempt"], decision["recorded"]) == ("passed", 1, True)
    assert decision["tally"] == {"agree": 2, "stand_aside": 1}
    assert {"name": "Cy", "stance": "stand_aside",
            "reason": "I can't help on Saturdays"} in decision["stances"]
    assert decision["follows"] is None and decision["fallback"] is False
    seconds = {a["name"]: a["seconds"] for a in m["airtime"]}
    assert (seconds["Ben"], seconds["Cy"]) == (120.0, 60.0)
    assert [p["name"] for p in m["attendance"]] == ["Ana", "Ben", "Cy"]
    assert m["meeting"]["duration_s"] == 180.0 and m["meeting"]["started_at"].endswith("Z")
    for key in ("meeting", "attendance", "roles", "steps", "decisions", "actions",
                "agreements", "notes", "airtime", "overrides"):
        assert key in m


def test_a_retry_follows_and_a_test_in_another_step_is_the_fallback(
        everything: dict[str, Any]) -> None:
    """Attempt 2 follows the blocked attempt 1; the vote after it ran out is the fallback."""
    first, second, vote, fee = everything["decisions"]
    assert (first["outcome"], first["follows"], first["fallback"]) == ("blocked", None, False)
    assert second["follows"] == {"step": "test", "title": "Test for consensus", "attempt": 1,
                                 "outcome": "blocked"}
    assert second["fallback"] is False and second["attempt"] == 2
    assert vote["fallback"] is True and vote["follows"]["outcome"] == "exhausted"
    assert vote["recorded"] and not second["recorded"]
    assert fee["follows"] is None and fee["tally"]["stand_aside"] == 1


def test_late_arrivals_and_early_departures(everything: dict[str, Any]) -> None:
    """Dee joined 8m20s in; Ben left at 22m50s."""
    people = {p["name"]: p for p in everything["attendance"]}
    assert people["Dee"]["joined_s"] == 500.0 and people["Dee"]["pronouns"] == "she/her"
    assert people["Ben"]["left_s"] == 1370.0 and people["Ana"]["left_s"] is None


def test_overruns_overrides_deferred_items_and_agreements(everything: dict[str, Any]) -> None:
    discussion = next(s for s in everything["steps"] if s["step"] == "discuss")
    assert discussion["overrun_s"] == 120.0
    assert [o["command"] for o in everything["overrides"]] == ["invite Dee", "skip"]
    assert everything["deferred"] == [{"title": "Shed repairs", "protocol": "decision"}]
    assert [i["outcome"] for i in everything["items"]] == ["done", "done", "deferred"]
    (agreement,) = everything["agreements"]
    assert agreement["review_on"] == "2026-02-12" and agreement["parties"][0] == "Ana"


def test_an_undone_command_leaves_nothing_but_the_override(tmp_path: Path) -> None:
    """`undo` takes a note back; the minutes keep only the override."""
    m = script_minutes(write_script(tmp_path, """\
protocol: quick-decision
participants: [Ana, Ben]
roles: {presenter: Ben}
commands: [start, note Oops, undo, note Kept, end]
"""), None)
    assert [n["text"] for n in m["notes"]] == ["Kept"]
    assert [o["command"] for o in m["overrides"]] == ["undo"]
