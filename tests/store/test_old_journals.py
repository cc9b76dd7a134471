"""Journals written before sync and stable ids still load, resume and replay: no `opened_by`
in the header, review items without a stable id, `Reviewed` events naming only the label."""

from __future__ import annotations

import json
from pathlib import Path

from sample_minutes import make_minutes

from facilitator.clock import FakeClock
from facilitator.opening import open_group
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group


def test_a_journal_from_before_stable_ids_resumes_and_its_review_lands(tmp_path: Path) -> None:
    """Opened before the change, resumed after: `review A1 done` closes A1."""
    group = Group(tmp_path / "group")
    group.record_minutes(make_minutes("m1", "2025-12-01"))  # A1: Print a sign
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    live = LiveMeeting.open(library, sources, "weekly-meeting", FakeClock(), group=group)
    live.do("join Ana")
    live.close()
    # Make the journal look as the old code wrote it.
    path = group.journal_path(live.id)
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    del header["opened_by"]
    for item in header["setup"]["setup"]["review"]:
        del item["ref"]
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")

    group = open_group(group.path)
    resumed = LiveMeeting.resume(group, live.id, FakeClock())
    # (after the check-in, the weekly meeting's capacity check: round, discussion, record)
    for command in ("join Ben", "start", "next", "done", "advance", "advance", "advance",
                    "advance", "review A1 done"):
        resumed.do(command)
    reviewed = [e for e in resumed.entries[-1]["events"] if e["type"] == "Reviewed"]
    assert reviewed and "ref" not in reviewed[0]  # as the old engine wrote it
    resumed.do("end")
    minutes = resumed.finish()
    assert [(r["id"], r["label"]) for r in minutes["reviews"]] == [("A1", "A1")]
    assert Group(group.path).open_actions() == []
