"""Human words: stance keys listed when a test begins in --plain, role titles, step titles
in sentences, one word per outcome, a confidential step said on the screen and in notes."""

from __future__ import annotations

import io

from conftest import MakeParts, Parts, settle, ui_test
from test_ui_plain import SPEC, Typist

from facilitator.engine.events import StepEnded
from facilitator.ui.announce import sentences
from facilitator.ui.kinds import role_title
from facilitator.ui.plain import converse

MEDIATION = """
version: 1
protocols:
  talk:
    title: Talk
    roles: {party_a: {title: Party A}, party_b: {}}
    steps:
      - {id: reflect-b, kind: discussion, title: Reflect back}
      - {id: private, kind: discussion, confidential: true, title: In private}
"""


def test_plain_lists_the_stance_keys_when_a_test_begins(parts: Parts) -> None:
    out = io.StringIO()
    converse(None, parts.group, parts.library, parts.sources, parts.clock,
             protocol="quick-decision", title="Tool library",
             stdin=Typist(SPEC, parts.clock), stdout=out)
    said = out.getvalue()
    assert ("Stances: agree: Agree; reservations: Agree with reservations; stand_aside: "
            "Stand aside; block: Block. Give one with `stance NAME KEY`.") in said


def test_roles_and_steps_are_named_by_their_titles(parts_with: MakeParts) -> None:
    parts = parts_with(MEDIATION)
    live = parts.open("talk", "join Ana", "join Ben", "role party_b Ben")
    assert sentences(live.do("role party_a Ana"), live.meeting) == ["Ana is Party A."]
    assert role_title(live.meeting, "party_b") == "party b"
    live.do("start")
    ended = [e for e in live.do("advance") if isinstance(e, StepEnded)]
    assert sentences(ended, live.meeting) == ["Reflect back ended: done."]


def test_one_word_per_outcome() -> None:
    from facilitator.ui.kinds import words

    assert words("exhausted") == "out of attempts"
    assert words("stand_aside") == "stand aside"


@ui_test
async def test_a_confidential_step_is_said_and_a_note_there_stays_out(
        parts_with: MakeParts) -> None:
    parts = parts_with(MEDIATION)
    live = parts.open("talk", "join Ana", "join Ben", "role party_a Ana", "role party_b Ben",
                      "start", "advance")
    app = parts.app(live)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        header = str(app.screen.query_one("#where").render())
        assert header.endswith("· CONFIDENTIAL: kept out of the minutes")
    said = sentences(live.do("record note 'Ana will call Ben'"), live.meeting)
    assert said == ["Noted, and kept out of the minutes (a confidential step): Ana will call Ben"]
