"""Every step shows its work, and its main actions have keys: the review, the agenda, a
test for agreement, a choice, a turn for the blocker, the record form; leaving a step with
work left asks first; undo says what it undid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import keys, notices, settle, type_text, ui_test
from steps_protocols import PEOPLE, first_week, weekly_parts
from textual.containers import Vertical
from textual.widgets import Input, Label

from facilitator.engine.events import ActionRecorded, Reviewed, StanceGiven, TestEnded
from facilitator.engine.steps.review import reviews_of
from facilitator.minutes.build import effective_events
from facilitator.ui.widgets.choice import Choice
from facilitator.ui.widgets.confirm import Confirm
from facilitator.ui.widgets.keybar import KeyBar
from facilitator.ui.widgets.recordform import RecordForm
from facilitator.ui.widgets.stances import StanceBoardPanel
from facilitator.ui.widgets.work import WorkPanel


def text(app: Any, widget: type) -> str:
    return str(app.screen.query_one(widget).render())


def bar(app: Any) -> str:
    return str(app.screen.query_one(KeyBar).render())


def news(app: Any) -> str:
    return str(app.screen.query_one("#news").render())


def events(live: Any, kind: type) -> list[Any]:
    return [e for e in effective_events(live.entries) if isinstance(e, kind)]


def week_two(tmp_path: Path, *commands: str) -> Any:
    """The second week of a group whose first left two actions and a deferred item."""
    parts = weekly_parts(tmp_path / "group")
    first_week(parts)
    return parts, parts.open("weekly", *PEOPLE, "start", *commands, title="Week 2")


@ui_test
async def test_the_review_shows_each_item_and_its_keys_act_on_the_highlighted_one(
        tmp_path: Path) -> None:
    parts, live = week_two(tmp_path)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        work = text(app, WorkPanel)
        assert "▶ Action A1: Buy paint" in work
        assert "Ana, due 2026-01-20 · not reviewed yet" in work
        assert "Action A2: Ask the landlord" in work and "2 of 2 still to review" in work
        assert "↑↓ Item d Done k Keep h Hand D Drop" in bar(app)
        await keys(pilot, "down", "k")  # A2 keeps going; the highlight goes back to A1
        assert [(e.id, e.result) for e in events(live, Reviewed)] == [("A2", "keep")]
        assert news(app) == "A2 (Ask the landlord): keep going."
        assert "▶ Action A1: Buy paint" in text(app, WorkPanel)
        await keys(pilot, "h")
        assert isinstance(app.screen, Choice) and "Who takes A1 over?" in app.screen.question
        await keys(pilot, "1")  # Ben (Ana, its owner, is not offered)
        assert events(live, Reviewed)[-1].to == "Ben"
        assert "handed on" in text(app, WorkPanel)
        await keys(pilot, "u")
        assert news(app) == "Undone: A1 (Buy paint): handed to Ben."
        assert "1 of 2 still to review" in text(app, WorkPanel)


@ui_test
async def test_advancing_a_review_with_items_left_asks_first_and_escape_cancels(
        tmp_path: Path) -> None:
    parts, live = week_two(tmp_path, "review A1 done")
    app = parts.app(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "a")
        assert isinstance(app.screen, Confirm)
        assert app.screen.detail == ("1 item is not reviewed yet (A2). Move on anyway? "
                                     "They stay open.")
        await keys(pilot, "escape")
        assert reviews_of(live.meeting.run) is not None  # still reviewing
        await keys(pilot, "D", "a")  # nothing left: no question
        assert reviews_of(live.meeting.run) is None
        assert not isinstance(app.screen, Confirm)


@ui_test
async def test_the_agenda_shows_the_deferred_item_and_keys_add_move_and_defer(
        tmp_path: Path) -> None:
    parts, live = week_two(tmp_path, "review A1 done", "review A2 done", "advance")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        work = text(app, WorkPanel)
        assert "▶ Summer party (from last meeting): now (Talk it through)" in work
        assert str(app.screen.query_one("#where").render()).startswith(
            "Week 2 · Weekly meeting › Agenda › Summer party › Discuss (step 1 of 5")
        assert "+ Item f Defer m Move" in bar(app)
        for title in ("Bike rack", "Rota"):
            await keys(pilot, "plus")
            await type_text(pilot, title)
            await keys(pilot, "enter", "1")  # the agenda's usual protocol
        assert "1. Bike rack (Talk it through)" in text(app, WorkPanel)
        await keys(pilot, "m", "2", "1")  # Rota goes first
        assert "1. Rota (Talk it through)" in text(app, WorkPanel)
        assert "2. Bike rack (Talk it through)" in text(app, WorkPanel)
        await keys(pilot, "f")
        work = text(app, WorkPanel)
        assert "⏸ Summer party: deferred to next meeting" in work
        assert "▶ Rota: now (Talk it through)" in work


@ui_test
async def test_a_test_names_who_is_missing_and_asks_before_using_an_attempt(
        tmp_path: Path) -> None:
    parts, live = week_two(tmp_path, "review A1 done", "review A2 done", "advance",
                           "propose 'Have it in August'", "advance", "stance Ana agree")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = text(app, StanceBoardPanel)
        assert "1 of 4 stances in · not yet: Ben, Cy, Dee" in board
        assert "Quorum: 3 of 4 present must take part; at most 1 may stand aside." in board
        await keys(pilot, "a")
        assert isinstance(app.screen, Confirm)
        assert app.screen.detail == ("Ben, Cy, Dee have not given a stance. Close the test "
                                     "now (no quorum)? Unless it passes, this uses up attempt "
                                     "1 of 2.")
        await keys(pilot, "escape")
        assert not events(live, TestEnded)
        for _ in ("Ben", "Cy"):  # the first of those missing stands aside, with a reason
            await keys(pilot, "s", "1", "3")
            await type_text(pilot, "Busy in August")
            await keys(pilot, "enter")
        assert [e.name for e in events(live, StanceGiven)] == ["Ana", "Ben", "Cy"]
        assert "Several people stand aside: a reason to look at the proposal again" in text(
            app, StanceBoardPanel)
        assert "stand_aside" not in text(app, StanceBoardPanel)


@ui_test
async def test_after_a_block_the_choice_and_the_blockers_turn_have_keys(
        tmp_path: Path) -> None:
    parts, live = week_two(tmp_path, "review A1 done", "review A2 done", "advance",
                           "propose 'Have it in August'", "advance", "stance Ana agree",
                           "stance Ben agree", "stance Cy block 'August is when I am away'",
                           "stance Dee agree", "advance")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "The blocker explains" in str(app.screen.query_one("#where").render())
        assert "Hand" not in bar(app) and "Done" not in bar(app)
        assert "i Invite" in bar(app)
        await keys(pilot, "i")
        assert isinstance(app.screen, Choice)
        assert app.screen.options[0] == ("Cy", "Cy  (likely: blocked the proposal)")
        await keys(pilot, "1")
        assert live.meeting.floor is not None and live.meeting.floor.name == "Cy"
        assert "d Done" in bar(app)
        await keys(pilot, "d", "a")
        work = text(app, WorkPanel)
        assert "1. again → Test" in work and "2. rework → Discuss" in work
        assert "3. leave it → the end of this protocol" in work
        await keys(pilot, "2")
        assert live.meeting.run is not None and live.meeting.run.step.id == "discuss"


@ui_test
async def test_the_record_form_warns_of_an_unknown_owner_and_a_past_date(
        tmp_path: Path) -> None:
    parts, live = week_two(tmp_path, "review A1 done", "review A2 done", "advance")
    app = parts.app(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "w", "1")
        assert isinstance(app.screen, RecordForm)
        await type_text(pilot, "Fix the gate")
        await keys(pilot, "enter")
        await type_text(pilot, "Zed")
        await keys(pilot, "enter")
        await type_text(pilot, "2000-01-01")
        warning = str(app.screen.query_one("#warning").render())
        assert "Nobody called Zed is here or in the group's memory" in warning
        assert "2000-01-01 is in the past" in warning
        await keys(pilot, "enter", "enter")  # the due date, then no backup
        assert [(e.what, e.owner, e.due, e.backup) for e in events(live, ActionRecorded)] == [
            ("Fix the gate", "Zed", "2000-01-01", None)]
        await keys(pilot, "w", "1", "tab")  # nothing typed: tab takes no completion
        await type_text(pilot, "Oil the hinge")
        await keys(pilot, "enter")
        await type_text(pilot, "De")
        await keys(pilot, "tab", "enter", "enter", "enter")
        assert events(live, ActionRecorded)[-1].owner == "Dee"


@ui_test
async def test_the_record_form_names_a_backup_who_is_not_the_owner(tmp_path: Path) -> None:
    parts, live = week_two(tmp_path, "review A1 done", "review A2 done", "advance")
    app = parts.app(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "w", "1")
        await type_text(pilot, "Book the hall")
        await keys(pilot, "enter")
        await type_text(pilot, "Ana")
        await keys(pilot, "enter", "enter")  # no due date
        await type_text(pilot, "Ana")
        warning = str(app.screen.query_one("#warning").render())
        assert "The backup is someone other than the owner" in warning
        await keys(pilot, "enter")  # not taken: the form stays, on the backup
        assert isinstance(app.screen, RecordForm) and app.screen.focused.id == "backup"
        assert events(live, ActionRecorded) == []
        app.screen.focused.value = ""
        await type_text(pilot, "Be")
        await keys(pilot, "tab", "enter")  # the completion: Ben
        assert [(e.what, e.owner, e.backup) for e in events(live, ActionRecorded)] == [
            ("Book the hall", "Ana", "Ben")]


@ui_test
async def test_leaving_a_discussion_with_hands_up_names_them_first(tmp_path: Path) -> None:
    parts, live = week_two(tmp_path, "review A1 done", "review A2 done", "advance",
                           "propose 'Have it in August'", "hand Ben", "hand Cy", "next")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "a")
        assert isinstance(app.screen, Confirm)
        assert app.screen.detail.startswith("Cy still has a hand up; leaving the step drops")
        await keys(pilot, "y")
        assert live.meeting.run is not None and live.meeting.run.step.id == "test"


@ui_test
async def test_paused_is_said_first_and_the_bar_says_resume(tmp_path: Path) -> None:
    parts, live = week_two(tmp_path)
    app = parts.app(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "space")
        assert str(app.screen.query_one("#where").render()).startswith("PAUSED · Week 2")
        assert "space Resume" in bar(app)
        await keys(pilot, "space")
        assert "space Pause" in bar(app)


@ui_test
async def test_a_skipped_step_is_not_ticked_and_join_recalls_pronouns(tmp_path: Path) -> None:
    parts, live = week_two(tmp_path, "skip")
    live.do("leave Ana")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        outline = str(app.screen.query_one("#outline").render())
        assert "↷ 1. Open actions  skipped" in outline and "✓ 1." not in outline
        await keys(pilot, "j")
        await type_text(pilot, "An")
        await keys(pilot, "tab")
        assert app.screen.query_one("Input").value == "Ana (she/her)"
        await keys(pilot, "enter")
        assert live.meeting.people["Ana"].present
        assert live.meeting.people["Ana"].pronouns == "she/her"
        assert not [n for n in notices(app) if "not" in n.lower()]


@ui_test
async def test_refusals_do_not_pile_up(tmp_path: Path) -> None:
    parts, live = week_two(tmp_path)
    app = parts.app(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "n", "p", "s")  # none of them fits a review
        assert len(notices(app)) == 1
        assert "Stances are given in a test for agreement" in notices(app)[0]


@ui_test
async def test_the_record_form_fits_80x24_with_three_warnings_in_spanish(
        tmp_path: Path, spanish: None) -> None:
    """Four fields, three warnings (an unknown owner and backup, a past date) in Spanish,
    and the keys: every line is inside the form, none cut off at the bottom."""
    parts, live = week_two(tmp_path, "review A1 done", "review A2 done", "advance")
    app = parts.app(live)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "w", "1")
        form = app.screen
        assert isinstance(form, RecordForm)
        for field, value in (("what", "Arreglar la puerta"), ("owner", "Zed"),
                             ("due", "2000-01-01"), ("backup", "Quin")):
            form.query_one(f"#{field}", Input).value = value
        await settle(pilot)
        warning = form.query_one("#warning", Label)
        said = str(warning.render())
        assert said.count("\n") == 2 and "Zed" in said and "Quin" in said and "2000-01-01" in said
        box = form.query_one(Vertical).content_region
        for label in form.query(Label):
            assert box.contains_region(label.region), str(label.render())
            assert label.region.height == label.get_content_height(
                label.container_size, app.size, label.size.width), str(label.render())
