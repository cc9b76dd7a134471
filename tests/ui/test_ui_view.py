"""What the screens say, read from a meeting: prompts, warnings, the stance board, completion."""

from __future__ import annotations

from conftest import MakeParts, Parts

from facilitator.engine.events import FloorEnded, HandRaised, Override
from facilitator.ui import timing, view
from facilitator.ui.announce import sentence
from facilitator.ui.completion import candidates

TURN = """
version: 1
protocols:
  pitch:
    title: Pitch
    roles: {presenter: {}}
    steps:
      - {id: pitch, kind: turn, speaker: presenter, time: 3m,
         prompt: "{role.presenter} presents {proposal}; {speaker} has the floor"}
"""


def test_placeholders_are_filled(parts_with: MakeParts) -> None:
    """{role.NAME}, {proposal} and {speaker} take the meeting's values."""
    parts = parts_with(TURN)
    live = parts.open(
        "pitch", "join Ana", "join Ben", "role presenter Ben", "propose 'the rota'", "start")
    assert view.prompt(live.meeting) == "Ben presents the rota; Ben has the floor"


def test_over_time_is_said_in_words(parts_with: MakeParts) -> None:
    """Near the end of a timebox and past it, the warning is a sentence."""
    parts = parts_with(TURN)
    live = parts.open("pitch", "join Ben", "role presenter Ben", "start")
    now = parts.clock.advance(150)
    assert timing.step_timing(live.meeting, now).warning == "30s left of the step's 3m."
    now = parts.clock.advance(45)
    assert timing.step_timing(live.meeting, now).warning == "15s over the step's 3m."
    assert timing.floor_timing(live.meeting, now).warning == "15s over Ben's 3m."


def test_stances_stay_hidden_until_all_are_in(parts: Parts) -> None:
    """With `reveal: together` only the count shows until everyone has given a stance."""
    live = parts.open(
        "quick-decision", "join Ana", "join Ben", "role presenter Ana", "propose Tea", "start",
        "advance", "stance Ana block 'No tea'")
    board = view.stance_board(live.meeting)
    assert (board.given, board.expected, board.hidden) == (1, 2, True)
    live.do("stance Ben agree")
    board = view.stance_board(live.meeting)
    assert not board.hidden and board.outcome == "blocked"


def test_completion_knows_commands_names_roles_and_keys(parts: Parts) -> None:
    """Completions for each kind of argument, matching case-insensitively."""
    live = parts.open("quick-decision", "join Ana", "join 'Ana María'", "join Ben")
    m = live.meeting
    assert candidates(m, [], "adv") == ["advance"]
    assert candidates(m, [], "hand an") == ["hand Ana", "hand 'Ana María'"]
    assert candidates(m, ["Cy", "Ben"], "join ") == ["join Cy"]
    assert "role presenter" in candidates(m, [], "role pre")
    assert candidates(m, [], "stance Ben st") == ["stance Ben stand_aside"]
    assert candidates(m, [], "hand Ben cl") == ["hand Ben clarify"]
    assert candidates(m, [], "frobnicate x") == []


def test_events_are_told_in_one_sentence() -> None:
    """Each event a person would notice is one sentence; a pass is told once."""
    assert sentence(HandRaised(name="Cy", kind="clarify")) == \
        "Cy raised a hand for a clarifying question."
    assert sentence(FloorEnded(name="Cy", seconds=0, counted=False)) \
        is None
    assert sentence(Override(command="skip")) is None


AGENDA = TURN + """
  meeting:
    title: Meeting
    steps: [{id: a, kind: agenda, items: ask}]
"""


def test_an_item_waiting_for_its_roles_says_whom_to_name(parts_with: MakeParts) -> None:
    """Not 'the protocol has ended': the item waits, and the screen says for whom."""
    parts = parts_with(AGENDA)
    live = parts.open("meeting", "join Ana", "start", "item Rota pitch")
    assert view.prompt(live.meeting) == ("Pitch needs a presenter before it can begin; "
                                         "name one: role presenter NAME.")
    assert view.where(live.meeting) == "Meeting · item: Rota · waiting for roles"
