"""A bilingual projector: `facilitator display --lang es --also en` shows the meeting twice,
side by side, each column in its own language; names as typed."""

from __future__ import annotations

import pytest
from conftest import Parts, settle, ui_test
from pseudo_screen import screen_lines
from textual.widgets import Digits

from facilitator.cli import main
from facilitator.ui.display import DisplayApp, Where
from facilitator.ui.widgets.floor import FloorPanel
from facilitator.ui.widgets.stack import StackPanel


@ui_test
async def test_the_projector_in_spanish_and_english_side_by_side(parts: Parts,
                                                                 spanish: None) -> None:
    live = parts.open("quick-decision", "join Ana", "join Ben", "join Cy",
                      "role presenter Ana", "propose Té", "start", "hand Ben", "hand Cy",
                      "next", title="Proyector")
    parts.clock.advance(75)
    live.tick()
    app = DisplayApp(parts.group, None, parts.clock, poll_seconds=None, also="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        spanish_col, english_col = list(app.query(FloorPanel))
        assert "Ben tiene la palabra" in str(spanish_col.query_one("#speaker").render())
        assert "Ben has the floor" in str(english_col.query_one("#speaker").render())
        assert [d.value for d in app.query(Digits)] == ["1:15", "1:15"]
        stacks = [str(s.render()) for s in app.query(StackPanel)]
        assert "1. Cy" in stacks[0] and "1. Cy" in stacks[1]
        headers = [str(w.render()) for w in app.query(Where)]
        assert "Proyector" in headers[0] and "paso 1 de 3, debate" in headers[0]
        assert "Proyector" in headers[1] and "step 1 of 3, discussion" in headers[1]
        screen = "\n".join(screen_lines(app))
        assert screen.index("Ben tiene la palabra") < screen.index("Ben has the floor")
        live.do("next")
        app.poll()
        await settle(pilot)
        assert "Cy tiene la palabra" in str(spanish_col.query_one("#speaker").render())
        assert "Cy has the floor" in str(english_col.query_one("#speaker").render())


def test_a_second_language_we_do_not_speak_is_said_in_a_sentence(
        parts: Parts, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["display", "--also", "tlh", "--group", str(parts.group.path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "`tlh` is not a language facilitator speaks; choose one of en, es." in err
    assert "Traceback" not in err
