"""The meeting screen's care: a word when an action goes to someone resting, and the quiet
notes for the facilitator at the check-in and the review (facilitator.care)."""

from __future__ import annotations

from conftest import Parts, command, notices, settle, ui_test

from facilitator.store.group import Group


def _meeting(group: Group, day: str, people: list[str], actions: list[dict] = ()) -> None:
    """A past meeting's minutes, just as the memory needs them."""
    group.record_minutes({
        "meeting": {"id": f"m-{day}", "title": "Weekly", "protocol": "weekly-meeting",
                    "started_at": f"{day}T19:00:00", "ended_at": f"{day}T20:00:00",
                    "duration_s": 3600},
        "attendance": [{"name": n, "pronouns": None} for n in people],
        "roles": {"facilitator": people[0]}, "actions": list(actions)})


@ui_test
async def test_an_action_for_someone_resting_is_met_with_a_word(parts: Parts) -> None:
    """Eli rests until 20 January: recording an action for Eli shows the terminal's word."""
    parts.group.add_care("rest", name="Eli", until="2026-01-20", why="exams")
    live = parts.open("quick-decision", *Parts.STARTED)
    app = parts.app(live)
    async with app.run_test() as pilot:
        await settle(pilot)
        await command(pilot, 'record action "Book the hall" Eli')
        assert ("Eli is resting until 20 January; could someone else take this one, or hold "
                "it until then?") in notices(app)
        assert not any("exams" in n for n in notices(app))


@ui_test
async def test_the_check_in_and_the_review_tell_the_facilitator_quietly(parts: Parts) -> None:
    """Eli missed the last three meetings: the check-in shows a quiet note; Cy rests, and
    the review offers Cy's action for handing on. Neither reaches the minutes."""
    _meeting(parts.group, "2025-12-04", ["Ana", "Ben", "Cy", "Eli"],
             [{"what": "Book the hall", "owner": "Cy", "due": None}])
    for day in ("2025-12-11", "2025-12-18", "2025-12-25"):
        _meeting(parts.group, day, ["Ana", "Ben", "Cy"])
    parts.group.add_care("rest", name="Cy", until="2026-01-31")
    live = parts.open("weekly-meeting", "join Ana", "join Ben", "role facilitator Ana")
    app = parts.app(live)
    async with app.run_test() as pilot:
        await settle(pilot)
        await command(pilot, "start")
        assert ("Nobody has heard from Eli since 4 December; someone might check in."
                in notices(app))
        for _ in range(6):  # past the check-in and the capacity check, to the review
            if live.meeting.step is not None and live.meeting.step.id == "actions":
                break
            await command(pilot, "advance")
        assert live.meeting.step is not None and live.meeting.step.id == "actions"
        assert ("Cy is resting until 31 January: A1 could be handed on (`review A1 hand "
                "NAME`).") in notices(app)
    text = str(live.minutes())
    assert "heard from" not in text and "resting" not in text
