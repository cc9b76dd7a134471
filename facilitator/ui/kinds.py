"""What the screens show for each kind of step: one table, keyed by the engine's names.

Each kind has its default prompt, the keys the key bar offers while it runs, the panels
the meeting screen opens beside the prompt, and a hint saying what to do once its work is
done. Its name in words is the engine's (`StepKind.noun`): one word for one kind, in the
refusals, on the screen and in `--plain`. A test checks that this table covers every kind
in `facilitator.engine.steps.KINDS`. No textual here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import attrs

from facilitator.engine.state import Meeting, Run
from facilitator.engine.state import role_title as protocol_role_title
from facilitator.engine.steps.agenda import agenda_of
from facilitator.engine.steps.decide import result, stances_of
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.steps.round import complete, round_of
from facilitator.engine.steps.turn import Turn
from facilitator.i18n import N_, _, current, ngettext
from facilitator.ui import work
from facilitator.ui.work import REVIEW_WORDS, Line, Seen

__all__ = ["REVIEW_WORDS", "VIEWS", "KindView", "leave_question", "view_of", "words"]

# One word (or a few) for each outcome and stance, the same everywhere; translated where
# they are said (a key the table does not know is said as it is written, in words).
WORDS = {"exhausted": N_("out of attempts"), "no_quorum": N_("no quorum"),
         "stand_aside": N_("stand aside"), "not-met": N_("not met"), "passed": N_("passed"),
         "blocked": N_("blocked"), "failed": N_("failed"), "done": N_("done"),
         "skipped": N_("skipped"), "ended": N_("ended"), "agree": N_("agree"),
         "block": N_("block"), "objection": N_("objection"),
         "no_objection": N_("no objection"), "met": N_("met"), "chosen": N_("chosen"),
         "disagree": N_("disagree"), "abstain": N_("abstain")}
# The engine's name of each kind of step, in words (`StepKind.noun`).
NOUNS = {"agenda": N_("agenda"), "turn": N_("turn"), "review": N_("review"),
         "choice": N_("choice"), "test for agreement": N_("test for agreement"),
         "record step": N_("record step"), "round": N_("round"),
         "nested protocol": N_("nested protocol"), "break": N_("break"),
         "discussion": N_("discussion")}


def words(key: str) -> str:
    said = WORDS.get(key)
    return _(said) if said else _(str(key).replace("_", " ").replace("-", " "))


# The engine's fixed phrases the screens show as they come (why someone stands where they
# do on the stack, why they have the floor): looked up as they are; a phrase with a name
# or a figure in it is not in the catalog and is said in English.
ENGINE_PHRASES = (
    N_("point of process"), N_("clarifying question"), N_("direct response"),
    N_("invited by the facilitator"), N_("in order of hands"),
    N_("no airtime yet in this meeting"), N_("first time in this step"),
    N_("asked again after passing"), N_("next in the round"),
    N_("goes on after the point of process"), N_("named by the facilitator"),
    N_("their turn in the round"))
# Phrases with a name or a figure in them: the engine's pattern, and the same in words
# to translate (`{0}` is what the pattern found).
_PATTERNS = (
    (re.compile(r"^(.+); raised a hand before (.+)$"), N_("{0}; raised a hand before {1}")),
    (re.compile(r"^(.+); fewer turns in this meeting \((\d+)\) than (.+)$"),
     N_("{0}; fewer turns in this meeting ({1}) than {2}")),
    (re.compile(r"^(.+); less airtime \((.+)\) than (.+)$"),
     N_("{0}; less airtime ({1}) than {2}")),
    (re.compile(r"^spoke already in this step \((\d+) turns?\)$"),
     N_("spoke already in this step ({0} turns)")),
    (re.compile(r"^(.+) of airtime in this meeting$"), N_("{0} of airtime in this meeting")),
    (re.compile(r"^the (.+)'s turn$"), N_("the {0}'s turn")),
    (re.compile(r"^the (.+) answers$"), N_("the {0} answers")),
    # Reminders (`engine.events.Reminder`): the group's moratorium, a quorum counted.
    (re.compile(r"^The group has a moratorium on new initiatives: (.+)\. Is this new work\?$",
                re.DOTALL),
     N_("The group has a moratorium on new initiatives: {0}. Is this new work?")),
    (re.compile(r"^Quorum: (\d+) of the (\d+) people on the roster are here \((.+) of them "
                r"needed\): (met|not met)\.$"),
     N_("Quorum: {0} of the {1} people on the roster are here ({2} of them needed): {3}.")),
)


def role_title(meeting: Meeting, role: str) -> str:

    """A role's name for people: its `title` in any running protocol, else its id in words."""
    protocols = [meeting.protocol, *(f.protocol for f in meeting.frames)]
    protocol = next((p for p in protocols if role in p.roles), meeting.protocol)
    return protocol_role_title(protocol, role, current())


_ROLE_PATTERNS = frozenset({"the {0}'s turn", "the {0} answers"})  # {0}: a role's id


def engine_words(phrase: str, meeting: Meeting | None = None) -> str:
    """One of the engine's phrases (a reason on the stack, for the floor) in the current
    language; as it is in English. With the meeting, a role's id in the phrase is said by
    the role's name for people (`role_title`), never as the id."""
    if current().english:
        return phrase
    if phrase in ENGINE_PHRASES:
        return _(phrase)
    if meeting is not None and phrase == meeting.waiting_for_roles():
        return meeting.waiting_for_roles(current()) or phrase  # whom to name, and how
    for pattern, said in _PATTERNS:
        found = pattern.match(phrase)
        if found:
            parts = list(found.groups())
            if said.startswith("{0};"):  # the standing, then what put it first
                parts[0] = engine_words(parts[0], meeting)
            elif said in _ROLE_PATTERNS and meeting is not None:
                parts[0] = role_title(meeting, parts[0])
            elif said.startswith("Quorum:"):
                parts[3] = _(parts[3])  # met, not met
            return _(said).format(*parts)

    return phrase


def noun(english: str) -> str:

    """A kind of step's name (the engine's `StepKind.noun`) in the current language."""
    return _(NOUNS.get(english, english))


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
        return _("Everyone has spoken in this round: advance to move on.")
    return ""


def _discussion_hint(meeting: Meeting, run: Run) -> str:
    state = stack_of(run)
    if state is not None and meeting.floor is None and not state.stack:
        return _("Nobody is on the stack: take a hand, or advance when the discussion is "
                 "done.")
    return ""


def _decide_hint(meeting: Meeting, run: Run) -> str:
    state = stances_of(run)
    if state is not None and all(n in state.stances for n in meeting.present):
        outcome = result(meeting, run)[0]  # as the engine says it, in English
        return _("All stances are in: advance to close the test ({outcome}).").format(
            outcome=outcome if current().english else words(outcome))
    return ""


def _choose_hint(meeting: Meeting, run: Run) -> str:
    return _("Press 1 to {n}, or c to pick from a list.").format(n=len(run.step.options))


def _review_hint(meeting: Meeting, run: Run) -> str:
    if not meeting.setup.review:
        return _("Nothing to review: advance to move on.")
    return _("↑↓ pick an item; d done, k keep going, h hand on, D drop.")


def _review_confirm(meeting: Meeting, run: Run) -> str:
    left = work.left_to_review(meeting, run)
    if not left:
        return ""
    return ngettext("{n} item is not reviewed yet ({items}). Move on anyway? They stay open.",
                    "{n} items are not reviewed yet ({items}). Move on anyway? They stay "
                    "open.", len(left)).format(n=len(left), items=", ".join(left))


def _decide_confirm(meeting: Meeting, run: Run) -> str:
    missing = work.missing_stances(meeting, run)
    if not missing:
        return ""
    frame = meeting.frames[-1]
    attempt = frame.failures.get(run.step.id, 0) + 1
    outcome = words(result(meeting, run)[0])
    said = ngettext("{names} has not given a stance.", "{names} have not given a stance.",
                    len(missing)).format(names=", ".join(missing))
    if run.step.attempts:
        close = _("Close the test now ({outcome})? Unless it passes, this uses up attempt "
                  "{attempt} of {attempts}.")
    else:
        close = _("Close the test now ({outcome})? Unless it passes, this uses up attempt "
                  "{attempt}.")
    return said + " " + close.format(outcome=outcome, attempt=attempt,
                                     attempts=run.step.attempts)


def _turn_keys(meeting: Meeting, run: Run) -> frozenset[str]:
    named = isinstance(run.state, Turn) and run.state.speaker is not None
    if run.step.speaker == "choose" and meeting.floor is None:
        return frozenset({"invite"})
    return frozenset({"done"}) if named and meeting.floor is not None else frozenset()


def _record_hint(meeting: Meeting, run: Run) -> str:
    return _("w opens the form for an action, an agreement or a note; advance when done.")


def _discussion_keys(meeting: Meeting, run: Run) -> frozenset[str]:
    # A discussion that leads to a test asks for a proposal: o is offered until there is one.
    return frozenset({"propose"}) if meeting.proposal is None else frozenset()


def _agenda_hint(meeting: Meeting, run: Run) -> str:
    state = agenda_of(run)
    if state is not None and state.item < 0 and state.items:  # waiting to be agreed
        return _("+ adds an item, m moves one; advance starts the first item.")
    return _("+ adds an item, m moves one; advance when the agenda is done.")


def leave_question(meeting: Meeting, command: str) -> str:
    """What to ask before `command` leaves the running step ("" when nothing)."""
    run = meeting.run
    if run is None or command not in ("advance", "goto", "back", "skip"):
        return ""
    asked = []
    state = stack_of(run)
    if state is not None and state.stack:
        names = [h.name for h in state.stack]
        asked.append(ngettext("{names} still has a hand up; leaving the step drops them.",
                              "{names} still have hands up; leaving the step drops them.",
                              len(names)).format(names=", ".join(names)))
    if command == "advance":
        asked.append(view_of(run).confirm(meeting, run))
    return " ".join(a for a in asked if a)


VIEWS: dict[str, KindView] = {
    "round": KindView(N_("Everyone speaks once, in turn."),
                      frozenset({"next", "done", "pass"}), "stack", _round_hint),
    "discussion": KindView(N_("Open discussion: raise a hand to speak."),
                           frozenset({"next", "done", "hand", "interject"}), "stack",
                           _discussion_hint, keys_now=_discussion_keys),
    "turn": KindView(N_("{speaker} has the floor."), keys_now=_turn_keys),
    "decide": KindView(N_("Test for agreement: {proposal}"), frozenset({"stance"}), "stances",
                       _decide_hint, confirm=_decide_confirm),
    "record": KindView(N_("Take the records: w opens the form (an action, an agreement or a "
                          "note); advance when done."), frozenset({"record"}),
                       hint=_record_hint),
    "choose": KindView(N_("Choose how to go on."), frozenset({"choose"}), hint=_choose_hint,
                       work=work.choose_work),
    "agenda": KindView(N_("The agenda: the items to come, in order."),
                       frozenset({"item", "move"}),
                       hint=_agenda_hint, work=work.agenda_work,
                       outer_keys=frozenset({"item", "defer", "move"})),
    "use": KindView(""),
    "review": KindView(N_("Review open actions and agreements."),
                       frozenset({"done", "keep", "hand", "drop", "item_up", "item_down"}),
                       hint=_review_hint, work=work.review_work, confirm=_review_confirm,
                       acts={"done": "review_done", "hand": "review_hand"}),
    "pause": KindView(N_("A break. Every timer stands still.")),

}
PLAIN = KindView("")  # a kind with no view of its own (one a test registers)


def view_of(run: Run) -> KindView:
    return VIEWS.get(run.kind.name, PLAIN)
