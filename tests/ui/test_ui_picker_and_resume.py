"""The picker, resuming after a crash, the command palette and the help screen."""

from __future__ import annotations

import attrs
from conftest import Parts, keys, settle, type_text, ui_test
from textual.widgets import OptionList, Static

from facilitator.ui.meeting import MeetingScreen
from facilitator.ui.picker import PickerScreen
from facilitator.ui.widgets.help import HelpScreen


@ui_test
async def test_the_picker_describes_protocols_and_opens_a_meeting(parts: Parts) -> None:
    """Highlighting a protocol shows its outline; enter asks the title and opens it, unstarted."""
    app = parts.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        choices = picker.query_one(OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        choices.highlighted = ids.index("new:quick-decision")
        await settle(pilot)
        description = str(picker.query_one("#description", Static).render())
        assert "Quick decision (quick-decision)" in description
        assert "2. Test [decide" in description
        await keys(pilot, "enter")
        field = app.focused
        field.value = ""
        await type_text(pilot, "Saturday opening")
        await keys(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.live.meeting.setup.title == "Saturday opening"
        assert screen.live.meeting.started_at is None


@ui_test
async def test_after_a_crash_the_next_start_offers_to_resume(parts: Parts) -> None:
    """A meeting left without `end` is first in the picker; enter rebuilds it from its journal."""
    live = parts.open(
        "quick-decision", "join Ana", "join Ben", "role presenter Ana", "propose Tea", "start",
        "hand Ben", "next", title="Interrupted")
    before = live.meeting
    live.close()  # the program stops here: only the journal remains
    parts.clock.advance(30)
    app = parts.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        choices = app.screen.query_one(OptionList)
        assert choices.get_option_at_index(choices.highlighted).id == f"resume:{live.id}"
        await keys(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        resumed = screen.live.meeting
        # as it was, but for the 30s the computer was off, which stood still
        assert attrs.evolve(resumed, paused_total=before.paused_total) == before
        assert resumed.paused_total == before.paused_total + 30
        assert resumed.floor.name == "Ben"
        assert screen.news.endswith("Taken up again after 30s away; the timers stood still "
                                    "meanwhile.")
        await keys(pilot, "n")  # and the meeting goes on, journaled as before
        assert screen.live.meeting.floor is None


@ui_test
async def test_the_command_palette_lists_and_gives_commands(parts: Parts) -> None:
    """ctrl+p, `advance`: the palette sends a command that takes no arguments."""
    live = parts.open("quick-decision", *parts.STARTED)
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "ctrl+p")
        await pilot.press(*"advance")
        await settle(pilot, 6)
        await keys(pilot, "enter")
        await settle(pilot, 3)
        assert live.meeting.step.id == "test"


@ui_test
async def test_help_lists_keys_and_every_command(parts: Parts) -> None:
    """`?` opens the help: the keys, then each command as written on the command line."""
    live = parts.open("quick-decision")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one(Static).render())
        assert "stance NAME KEY [REASON]" in text and "undo the last command" in text
        await keys(pilot, "escape")
        assert isinstance(app.screen, MeetingScreen)


@ui_test
async def test_the_command_line_completes_names_and_stance_keys(parts: Parts) -> None:
    """Tab takes the completion: `stance C` -> `stance Cy`, then `stand` -> `stand_aside`."""
    live = parts.open(
        "quick-decision", "join Ana", "join Cy", "role presenter Ana", "propose Tea", "start",
        "advance")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "colon")
        field = app.focused
        await type_text(pilot, "stance c")
        await keys(pilot, "tab")
        assert field.value == "stance Cy"
        await type_text(pilot, " stand")
        await keys(pilot, "tab")
        assert field.value == "stance Cy stand_aside"


@ui_test
async def test_the_highlighted_meeting_has_a_pointer_not_only_a_colour(parts: Parts) -> None:
    from textual.widgets import OptionList

    app = parts.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        choices = app.screen.query_one("#choices", OptionList)
        await keys(pilot, "down")
        marked = [i for i in range(choices.option_count)
                  if str(choices.get_option_at_index(i).prompt).startswith("▶ ")]
        assert marked == [choices.highlighted]


@ui_test
async def test_the_picker_says_what_was_chosen_in_a_message_and_calls_no_app_method(
        parts: Parts) -> None:
    """Messages up: in any app, the picker posts Open (after asking the title) or Resume,
    and leaves opening the meeting to whoever handles them."""
    from textual.app import App

    live = parts.open("quick-decision", "join Ana", title="Left open")
    live.close()
    heard: list[tuple[str, ...]] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            # As the app hands them: plain rows at the view's boundary.
            unfinished = [attrs.asdict(m) for m in parts.group.unfinished_meetings()]
            self.push_screen(PickerScreen(parts.library, unfinished, [], parts.group.path))

        def on_picker_screen_resume(self, message: PickerScreen.Resume) -> None:
            heard.append(("resume", message.meeting_id))

        def on_picker_screen_open(self, message: PickerScreen.Open) -> None:
            heard.append(("open", message.protocol, message.title))

    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "enter")  # the unfinished meeting is highlighted first
        choices = app.screen.query_one(OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        choices.highlighted = ids.index("new:consent")
        await keys(pilot, "enter")
        app.focused.value = ""
        await type_text(pilot, "Rota")
        await keys(pilot, "enter")
    assert heard == [("resume", live.id), ("open", "consent", "Rota")]


@ui_test
async def test_the_join_question_completes_pronouns_with_tab(parts: Parts) -> None:
    live = parts.open("quick-decision", "join Ana")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "j")
        field = app.focused
        await type_text(pilot, "Ben th")
        await settle(pilot)
        await keys(pilot, "tab")
        assert field.value == "Ben they/them"
        assert field.cursor_position == len("Ben they/them")
        await keys(pilot, "enter")
    assert "Ben" in live.meeting.present


@ui_test
async def test_resuming_a_damaged_meeting_from_the_picker_is_a_sentence(parts: Parts) -> None:
    """The journal lost its setup: enter says it was set aside, and the picker stays."""
    import json

    from conftest import notices

    live = parts.open("quick-decision", "join Ana", title="Damaged")
    live.close()
    path = parts.group.journal_path(live.id)
    lines = path.read_text().splitlines()
    lines[0] = json.dumps({"journal": 1, "meeting": {"title": "Damaged"}})
    path.write_text("\n".join(lines) + "\n")
    app = parts.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await keys(pilot, "enter")
        assert isinstance(app.screen, PickerScreen)
        said = notices(app)[-1]
        assert said.startswith(f"The journal of the meeting {live.id} is damaged (KeyError)")
        assert said.endswith("nothing in it was deleted.")
    assert not path.exists() and path.with_name(path.name + ".damaged").exists()
