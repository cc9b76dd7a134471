"""A whole meeting on the terminal under the pseudo-locale, at 80x24 and 120x40: every
line on the screen that is not a person's name or what people typed went through a
catalog (it is wrapped in ⟦…⟧), and no text is cut or hidden, though every message is a
third longer than in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import Parts, command, keys, settle, type_text, ui_test
from pseudo_screen import clipped, screen_lines, untranslated

from facilitator import i18n
from facilitator.ui.meeting import MeetingScreen
from facilitator.ui.summary import SummaryScreen

TYPED = ("Ana", "Ben", "Cy", "she/her", "they/them", "Tool library",
         "Open the library on Saturdays",
         "Saturdays", "I cannot help on", "Fix the door", "test", "discuss", "write-up")


@pytest.fixture
def pseudo() -> Iterator[None]:
    before = i18n.current().lang
    i18n.use(i18n.PSEUDO)
    try:
        yield
    finally:
        i18n.use(before)


def check(app: object, seen: list[str], moment: str, *also: str) -> None:
    found = untranslated(app, (*TYPED, *also))
    found += clipped(app)
    if found:
        screen = "\n".join(screen_lines(app))
        seen.append(f"-- {moment}\n" + "\n".join(found) + "\n" + screen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@ui_test
async def test_a_whole_meeting_says_nothing_untranslated_and_cuts_nothing(
        parts: Parts, pseudo: None, size: tuple[int, int]) -> None:
    app = parts.app(protocol="quick-decision", title="Tool library")
    seen: list[str] = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        live = app.screen.live
        check(app, seen, "opened")
        for person in ("Ana she/her", "Ben", "Cy they/them"):
            await keys(pilot, "j")
            check(app, seen, "join asks")
            await type_text(pilot, person)
            await keys(pilot, "enter")
        check(app, seen, "joined")
        await keys(pilot, "r")
        check(app, seen, "which role")
        await keys(pilot, "1")
        check(app, seen, "who takes it")
        await keys(pilot, "2")
        await command(pilot, 'propose "Open the library on Saturdays"')
        check(app, seen, "ready")
        await keys(pilot, "enter")
        assert live.meeting.step.id == "discuss"
        check(app, seen, "discussion")
        await keys(pilot, "h", "2", "h", "2", "x")
        check(app, seen, "which interjection")
        await keys(pilot, "escape", "n")
        parts.clock.advance(590)
        await keys(pilot, "n")
        check(app, seen, "a speaker, the step nearly over")
        parts.clock.advance(120)
        await keys(pilot, "d")
        check(app, seen, "over time")
        await keys(pilot, "a")
        assert live.meeting.step.id == "test"
        check(app, seen, "the test")
        await keys(pilot, "s", "1")
        check(app, seen, "the stances offered")
        await keys(pilot, "1", "s", "1", "1")
        await keys(pilot, "s", "1", "3")
        check(app, seen, "a reason asked")
        await type_text(pilot, "I cannot help on Saturdays")
        await keys(pilot, "enter")
        check(app, seen, "all stances in")
        await keys(pilot, "a")
        assert live.meeting.step.id == "write-up"
        check(app, seen, "the write-up")
        await keys(pilot, "w")
        check(app, seen, "what is recorded")
        await keys(pilot, "enter")
        check(app, seen, "the action form")
        await keys(pilot, "escape")
        await keys(pilot, "question_mark")
        check(app, seen, "help")
        await keys(pilot, "escape", "a", "E")
        check(app, seen, "end asks")
        await keys(pilot, "y")
        assert isinstance(app.screen, SummaryScreen)
        file = f"{live.id}.md".split("-")  # its path, wherever the line wraps it
        check(app, seen, "the summary", *("-".join(file[i:]) for i in range(len(file))))

    assert not seen, "\n".join(seen)


def test_the_plain_conversation_says_nothing_untranslated(parts: Parts, pseudo: None) -> None:
    """`--plain` under the pseudo-locale: every line it says is wrapped, but for names,
    what people typed, commands quoted as typed, figures and paths."""
    import io
    import re

    from test_ui_plain import SPEC, Typist

    from facilitator.ui.plain import converse

    out = io.StringIO()
    code = converse(None, parts.group, parts.library, parts.sources, parts.clock,
                    protocol="quick-decision", title="Tool library",
                    stdin=Typist(["status", *SPEC[:-1], "sí"], parts.clock), stdout=out)
    assert code == 0
    typed = (*TYPED, "Open the tool library on Saturdays", "I can't help on Saturdays")
    left = []
    for line in out.getvalue().splitlines():
        rest = line
        while "⟦" in rest and re.search(r"⟦[^⟦⟧]*⟧", rest):
            rest = re.sub(r"⟦[^⟦⟧]*⟧", " ", rest)
        for word in sorted(typed, key=len, reverse=True):
            rest = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", rest)
        rest = re.sub(r"(?:/[\w.\-]+)+|[\d\s:;,.!?()>%·/\-]+", "", rest)
        if rest:
            left.append(line)
    assert left == []
