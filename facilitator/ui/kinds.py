"""What the screens show for each kind of step: one table, keyed by the engine's names.

Each kind has its default prompt, the keys the key bar offers while it runs, the panels
the meeting screen opens beside the prompt, and a hint saying what to do once its work is
done. Its name in words is the engine's (`StepKind.noun`): one word for one kind, in the
refusals, on the screen and in `--plain`. A test checks that this table covers every kind
in `facilitator.engine.steps.KINDS`. No textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from facilitator.engine.state import Meeting, Run
from facilitator.engine.steps.agenda import agenda_of
from facilitator.engine.steps.decide import result, stances_of
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.steps.round import complete, round_of
from facilitator.engine.steps.turn import Turn
from facilitator.ui import work
from facilitator.ui.work import REVIEW_WORDS, Line, Seen

__all__ = ["REVIEW_WORDS", "VIEWS", "KindView", "leave_question", "view_of", "words"]

# One word (or a few) for each outcome and stance, the same everywhere.
WORDS = {"exhausted": "out of attempts", "no_quorum": "no quorum",
         "stand_aside": "stand aside", "not-met": "not met"}


def words(key: str) -> str:
    return WORDS.get(key, str(key).replace("_", " ").replace("-", " "))


def _no_hint(meeting: Meeting, run: Run) -> str:
    return ""


def _no_keys(meeting: Meeting, run: Run) -> frozenset[str]:
    return frozenset()


@attrs.frozen
class KindView:
    prompt: str  # shown when the step has none of its own; placeholders are filled
    keys: frozenset[str] = frozenset()  # key actions the key bar offers while it runs
    panel: str = ""  # the panel beside the prompt: "stack" or "stances"
    hint: Callable[[Meeting, Run], str] = _no_hint
    # What the step works on, in the work panel (the items of a review, ...).
    work: Callable[[Meeting, Run, Seen], list[Line]] = work.no_work
    # Asked before `advance` ends it ("" when nothing needs asking).
    confirm: Callable[[Meeting, Run], str] = _no_hint
    # Keys that act differently here: the key's name -> the screen's own action.
    acts: Mapping[str, str] = attrs.field(factory=dict)
    # Keys offered while a step of this kind runs further out (an agenda's items).
    outer_keys: frozenset[str] = frozenset()
    # Keys offered now, besides `keys` (a turn's depend on whether the speaker is named).
    keys_now: Callable[[Meeting, Run], frozenset[str]] = _no_keys


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
    return f"Press 1 to {len(run.step.options)}, or c to pick from a list."


def _review_hint(meeting: Meeting, run: Run) -> str:
    if not meeting.setup.review:
        return "Nothing to review: advance to move on."
    return "↑↓ pick an item; d done, k keep going, h hand on, D drop."


def _review_confirm(meeting: Meeting, run: Run) -> str:
    left = work.left_to_review(meeting, run)
    if not left:
        return ""
    items = "1 item is" if len(left) == 1 else f"{len(left)} items are"
    return f"{items} not reviewed yet ({', '.join(left)}). Move on anyway? They stay open."


def _decide_confirm(meeting: Meeting, run: Run) -> str:
    missing = work.missing_stances(meeting, run)
    if not missing:
        return ""
    frame = meeting.frames[-1]
    attempt = frame.failures.get(run.step.id, 0) + 1
    of = f" of {run.step.attempts}" if run.step.attempts else ""
    outcome = words(result(meeting, run)[0])
    return (f"{', '.join(missing)} {'has' if len(missing) == 1 else 'have'} not given a "
            f"stance. Close the test now ({outcome})? Unless it passes, this uses up "
            f"attempt {attempt}{of}.")


def _turn_keys(meeting: Meeting, run: Run) -> frozenset[str]:
    named = isinstance(run.state, Turn) and run.state.speaker is not None
    if run.step.speaker == "choose" and meeting.floor is None:
        return frozenset({"invite"})
    return frozenset({"done"}) if named and meeting.floor is not None else frozenset()


def _record_hint(meeting: Meeting, run: Run) -> str:
    return "w opens the form for an action, an agreement or a note; advance when done."


def _discussion_keys(meeting: Meeting, run: Run) -> frozenset[str]:
    # A discussion that leads to a test asks for a proposal: o is offered until there is one.
    return frozenset({"propose"}) if meeting.proposal is None else frozenset()


def _agenda_hint(meeting: Meeting, run: Run) -> str:
    state = agenda_of(run)
    if state is not None and state.item < 0 and state.items:  # waiting to be agreed
        return "+ adds an item, m moves one; advance starts the first item."
    return "+ adds an item, m moves one; advance when the agenda is done."


def leave_question(meeting: Meeting, command: str) -> str:
    """What to ask before `command` leaves the running step ("" when nothing)."""
    run = meeting.run
    if run is None or command not in ("advance", "goto", "back", "skip"):
        return ""
    asked = []
    state = stack_of(run)
    if state is not None and state.stack:
        names = [h.name for h in state.stack]
        asked.append(f"{', '.join(names)} still {'has a hand' if len(names) == 1 else 'have hands'}"
                     " up; leaving the step drops them.")
    if command == "advance":
        asked.append(view_of(run).confirm(meeting, run))
    return " ".join(a for a in asked if a)


VIEWS: dict[str, KindView] = {
    "round": KindView("Everyone speaks once, in turn.",
                      frozenset({"next", "done", "pass"}), "stack", _round_hint),
    "discussion": KindView("Open discussion: raise a hand to speak.",
                           frozenset({"next", "done", "hand", "interject"}), "stack",
                           _discussion_hint, keys_now=_discussion_keys),
    "turn": KindView("{speaker} has the floor.", keys_now=_turn_keys),
    "decide": KindView("Test for agreement: {proposal}", frozenset({"stance"}), "stances",
                       _decide_hint, confirm=_decide_confirm),
    "record": KindView("Take the records: w opens the form (an action, an agreement or a "
                       "note); advance when done.", frozenset({"record"}), hint=_record_hint),
    "choose": KindView("Choose how to go on.", frozenset({"choose"}), hint=_choose_hint,
                       work=work.choose_work),
    "agenda": KindView("The agenda: the items to come, in order.", frozenset({"item", "move"}),
                       hint=_agenda_hint, work=work.agenda_work,
                       outer_keys=frozenset({"item", "defer", "move"})),
    "use": KindView(""),
    "review": KindView("Review open actions and agreements.",
                       frozenset({"done", "keep", "hand", "drop", "item_up", "item_down"}),
                       hint=_review_hint, work=work.review_work, confirm=_review_confirm,
                       acts={"done": "review_done", "hand": "review_hand"}),
    "pause": KindView("A break. Every timer stands still."),
}
PLAIN = KindView("")  # a kind with no view of its own (one a test registers)


def view_of(run: Run) -> KindView:
    return VIEWS.get(run.kind.name, PLAIN)
