"""What the screens show for each kind of step: one table, keyed by the engine's names.

Each kind has its default prompt, the keys the key bar offers while it runs, the panels
the meeting screen opens beside the prompt, and a hint saying what to do once its work is
done. Its name in words is the engine's (`StepKind.noun`): one word for one kind, in the
refusals, on the screen and in `--plain`. A test checks that this table covers every kind
in `facilitator.engine.steps.KINDS`. No textual here.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from facilitator.engine.state import Meeting, Run
from facilitator.engine.steps.decide import result, stances_of
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.steps.round import complete, round_of


def _no_hint(meeting: Meeting, run: Run) -> str:
    return ""


@attrs.frozen
class KindView:
    prompt: str  # shown when the step has none of its own; placeholders are filled
    keys: frozenset[str] = frozenset()  # key actions the key bar offers while it runs
    panel: str = ""  # the panel beside the prompt: "stack" or "stances"
    hint: Callable[[Meeting, Run], str] = _no_hint


def _round_hint(meeting: Meeting, run: Run) -> str:
    state = round_of(run)
    if state is not None and complete(state) and meeting.floor is None:
        return "Everyone has spoken in this round: advance to move on."
    return ""


def _discussion_hint(meeting: Meeting, run: Run) -> str:
    state = stack_of(run)
    if state is not None and meeting.floor is None and not state.stack:
        return "Nobody is on the stack: take a hand, or advance when the discussion is done."
    return ""


def _decide_hint(meeting: Meeting, run: Run) -> str:
    state = stances_of(run)
    if state is not None and all(n in state.stances for n in meeting.present):
        return f"All stances are in: advance to close the test ({result(meeting, run)[0]})."
    return ""


def _choose_hint(meeting: Meeting, run: Run) -> str:
    return "Choose one of: " + ", ".join(run.step.options) + "."


VIEWS: dict[str, KindView] = {
    "round": KindView("Everyone speaks once, in turn.",
                      frozenset({"next", "done", "pass"}), "stack", _round_hint),
    "discussion": KindView("Open discussion: raise a hand to speak.",
                           frozenset({"next", "done", "hand", "interject"}), "stack",
                           _discussion_hint),
    "turn": KindView("{speaker} has the floor.", frozenset({"done"})),
    "decide": KindView("Test for agreement: {proposal}", frozenset({"stance"}), "stances",
                       _decide_hint),
    "record": KindView("Records are taken with `record ...`; advance when done."),
    "choose": KindView("Choose how to go on.", hint=_choose_hint),
    "agenda": KindView("The agenda."),
    "use": KindView(""),
    "review": KindView("Review open actions and agreements."),
    "pause": KindView("A break. Every timer stands still."),
}
PLAIN = KindView("")  # a kind with no view of its own (one a test registers)


def view_of(run: Run) -> KindView:
    return VIEWS.get(run.kind.name, PLAIN)
