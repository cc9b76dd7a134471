"""Meetings recorded in a group: `every`, `review` and deferred items work from its memory."""

from __future__ import annotations

import json

from facilitator.cli import main
from facilitator.store.group import Group

PROTOCOLS = """
version: 1
protocols:
  weekly:
    title: Weekly
    steps:
      - {id: review, kind: review}
      - {id: agenda, kind: agenda, items: ask, default_protocol: talk}
      - {id: reflect, kind: round, every: 2}
  talk:
    title: Talk
    steps: [{id: t, kind: discussion}]
"""


def simulate(tmp_path, name: str, commands: list[str], capsys) -> dict:
    script = {"protocol": "weekly", "title": name, "participants": ["Ana", "Ben"],
              "commands": commands}
    path = tmp_path / f"{name}.yaml"
    path.write_text(json.dumps(script))
    code = main(["simulate", str(path), "--protocols", str(tmp_path / "p.yaml"),
                 "--group", str(tmp_path / "group")])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def test_review_every_and_deferred_items_carry_across_meetings(tmp_path, capsys):
    (tmp_path / "p.yaml").write_text(PROTOCOLS)
    first = simulate(tmp_path, "one", [
        "start", "advance", "item Rent", 'record action "Call the landlord" Ana 2026-02-01',
        "advance", "item Garden", "defer", "advance", "end"], capsys)
    assert [s["step"] for s in first["steps"] if s["outcome"] == "skipped"] == ["reflect"]
    assert first["deferred"] == [{"title": "Garden", "protocol": None}]

    group = Group(tmp_path / "group")
    [action] = group.open_actions()
    second = simulate(tmp_path, "two", [
        "start", f"review {action.id} done", "advance", "advance", "advance", "next",
        "next", "advance", "end"], capsys)
    # the deferred item came back on the agenda; the every-2 round ran in meeting 2
    assert [i["title"] for i in second["items"]] == ["Garden"]
    assert [s["outcome"] for s in second["steps"] if s["step"] == "reflect"] == ["done"]
    # the minutes name the action's stable id, and the label that was typed
    assert [(r["id"], r["label"], r["result"], r["to"]) for r in second["reviews"]] == [
        (action.ref, action.id, "done", None)]
    group = Group(tmp_path / "group")  # a Group reads the memory once: a new one sees more
    assert group.open_actions() == []
    assert group.meeting_count("weekly") == 2


def test_a_meeting_that_ended_but_was_not_recorded_is_recorded_on_next_open(tmp_path):
    """A crash between `end` reaching the journal and the minutes being written loses nothing."""
    from facilitator.clock import FakeClock
    from facilitator.opening import open_group
    from facilitator.protocols.loader import build_library
    from facilitator.session import LiveMeeting

    library, _ = build_library([("p.yaml", PROTOCOLS)])
    group = Group(tmp_path / "group")
    live = LiveMeeting.open(library, [], "talk", FakeClock(), group=group)
    live.do("join Ana")
    live.do("start")
    live.do('record action "Fix the gate" Ana')
    live.do("end")
    live.close()  # the process stops here: no minutes recorded
    assert group.meetings() == [] and group.unfinished_meetings() == []

    again = open_group(tmp_path / "group")
    assert [m.id for m in again.meetings()] == [live.id]
    assert [a.what for a in again.open_actions()] == ["Fix the gate"]
    assert (tmp_path / "group" / "minutes" / f"{live.id}.md").is_file()


def test_a_meeting_without_an_agenda_keeps_the_deferred_items(tmp_path, capsys):
    (tmp_path / "p.yaml").write_text(PROTOCOLS)
    simulate(tmp_path, "one", ["start", "advance", "item Garden", "defer", "end"], capsys)
    group = Group(tmp_path / "group")
    assert [d.title for d in group.deferred_items()] == ["Garden"]
    script = {"protocol": "talk", "participants": ["Ana"], "commands": ["start", "end"]}
    (tmp_path / "two.yaml").write_text(json.dumps(script))
    assert main(["simulate", str(tmp_path / "two.yaml"), "--protocols", str(tmp_path / "p.yaml"),
                 "--group", str(tmp_path / "group")]) == 0
    assert [d.title for d in group.deferred_items()] == ["Garden"]


def test_opening_a_meeting_and_leaving_without_a_word_leaves_nothing_to_resume(tmp_path):
    from facilitator.clock import FakeClock
    from facilitator.protocols.loader import build_library
    from facilitator.session import LiveMeeting

    library, _ = build_library([("p.yaml", PROTOCOLS)])
    group = Group(tmp_path / "group")
    LiveMeeting.open(library, [], "talk", FakeClock(), group=group).close()
    assert group.unfinished_meetings() == []
    live = LiveMeeting.open(library, [], "talk", FakeClock(), group=group)
    live.do("join Ana")
    live.close()
    assert [m.id for m in group.unfinished_meetings()] == [live.id]


RESUMING = """
version: 1
protocols:
  timed:
    title: Timed
    steps:
      - {id: talk, kind: discussion, time: 10m, hard: true}
      - {id: after, kind: discussion}
"""


def _crashed_meeting(tmp_path, heartbeat_at: float | None):
    from facilitator.clock import FakeClock
    from facilitator.protocols.loader import build_library
    from facilitator.session import LiveMeeting

    library, _ = build_library([("r.yaml", RESUMING)])
    sources = [("r.yaml", RESUMING)]
    group = Group(tmp_path / "group")
    clock = FakeClock()
    live = LiveMeeting.open(library, sources, "timed", clock, group=group)
    for command in ("join Ana", "join Ben", "start", "hand Ben", "next"):
        live.do(command)
    if heartbeat_at is not None:
        clock.advance(heartbeat_at)
        live.tick()  # the screen's tick carries the heartbeat
    live.journal.close()  # the battery dies: nothing more is written
    return group, live.id, clock


def test_resuming_after_a_crash_goes_on_where_it_stopped(tmp_path):
    """The time the computer was off stands still: airtime and timeboxes go on from the
    last heartbeat, and the minutes say the meeting stopped."""
    from facilitator.clock import FakeClock
    from facilitator.engine.core import replay
    from facilitator.session import LiveMeeting

    group, meeting_id, clock = _crashed_meeting(tmp_path, heartbeat_at=120)
    later = FakeClock(clock.now() + 3600)  # an hour to find a charger
    live = LiveMeeting.resume(group, meeting_id, later)
    m = live.meeting
    assert m.step.id == "talk"  # the 10m hard timebox did not fire during the hour
    assert m.floor.name == "Ben"
    assert m.active(later.now()) - m.floor.since == 120  # Ben's time so far, no more
    later.advance(8 * 60)
    live.tick()
    assert live.meeting.step.id == "after"  # 2m before + 8m after = the 10m timebox
    assert live.meeting.speech("Ben").airtime == 600
    assert replay(m.setup, m.library, live.entries) == live.meeting
    live.do("end")
    notes = [n["text"] for n in live.minutes()["notes"]]
    assert notes == ["The meeting stopped for 1h (the facilitator's computer was off); "
                     "timers stood still."]
    live.close()


def test_without_a_heartbeat_the_last_command_marks_the_stop(tmp_path):
    from facilitator.clock import FakeClock
    from facilitator.session import LiveMeeting

    group, meeting_id, clock = _crashed_meeting(tmp_path, heartbeat_at=None)
    live = LiveMeeting.resume(group, meeting_id, FakeClock(clock.now() + 600))
    assert live.meeting.active(live.clock.now()) - live.meeting.floor.since == 0
    live.close()
