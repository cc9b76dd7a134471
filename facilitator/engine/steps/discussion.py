"""`discussion`: an open floor with a speaking stack.

Nobody holds the floor on entering; `next` gives it to whoever stands first. Interjections
(point of process, clarifying question, direct response) go before ordinary hands, in
that order; `invite` moves a person to the very front and is recorded as an override.
Each place on the stack says why, in the words of the step's policy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from facilitator.engine.commands import Command
from facilitator.engine.events import HandLowered, HandRaised, Invited
from facilitator.engine.floor import end_floor, give_floor, must_be_here
from facilitator.engine.kind import StepKind
from facilitator.engine.state import Meeting, Run, frozen_map
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import _
from facilitator.protocols.model import INTERJECTIONS, POLICIES, Step
from facilitator.protocols.values import format_duration

INTERJECTION_RANK = {"point-of-process": 0, "clarify": 1, "direct-response": 2}
INTERJECTION_REASON = {
    "point-of-process": "point of process",
    "clarify": "clarifying question",
    "direct-response": "direct response",
}


@attrs.frozen
class Hand:
    name: str
    kind: str  # "hand" or an interjection
    seq: int  # order of raising, meeting-wide
    invited: int = 0  # >0: moved to the front by `invite`; later invites go first


@attrs.frozen
class Stack:
    """A discussion's own state: the hands up, who has spoken, direct responses used."""

    stack: tuple[Hand, ...] = ()
    spoken: frozenset[str] = frozenset()
    direct_used: Mapping[str, int] = attrs.field(factory=dict, converter=frozen_map)
    last: str | None = None  # who was given the floor last in this step


def stack_of(run: Run | None) -> Stack | None:
    """The discussion's state of `run`, or None when it is not a discussion."""
    state = run.state if run is not None else None
    return state if isinstance(state, Stack) else None


def _key(m: Meeting, run: Run, state: Stack, hand: Hand) -> tuple[Any, ...]:
    if hand.invited:
        return (0, -hand.invited)
    if hand.kind != "hand":
        return (1, INTERJECTION_RANK[hand.kind], hand.seq)
    speech = m.speech(hand.name)
    policy = run.step.policy
    # Rules 1 compared airtime to the millisecond, which the screen could not show.
    airtime = int(speech.airtime) if m.setup.rules >= 2 else round(speech.airtime, 3)
    if policy == "fifo":
        return (2, hand.seq)
    if policy == "airtime":
        return (2, airtime, hand.seq)
    return (2, hand.name in state.spoken, speech.turns, airtime, hand.seq)


def ordered_stack(m: Meeting, run: Run,
                  limit: int | None = None) -> list[tuple[Hand, str]]:
    """The stack in speaking order, each hand with the reason it stands where it does
    (the first `limit` hands only, when given: a screen with room for twenty)."""
    state = stack_of(run)
    if state is None:
        return []
    keys = {h: _key(m, run, state, h) for h in state.stack}
    hands = sorted(state.stack, key=keys.__getitem__)
    out = []
    for i, hand in enumerate(hands[:limit]):
        why = reason(m, run, state, hand)
        after = hands[i + 1] if i + 1 < len(hands) else None
        if m.setup.rules >= 2 and after is not None and hand.kind == after.kind == "hand" \
                and not hand.invited and not after.invited:
            why = _decided(m, run, why, hand, after, keys[hand], keys[after])
        out.append((hand, why))
    return out


def _decided(m: Meeting, run: Run, why: str, hand: Hand, after: Hand,
             mine: tuple[Any, ...], theirs: tuple[Any, ...]) -> str:
    """The standing of `hand`, and what put it before `after`: the first part of the
    policy's order in which they differ."""
    at = next(i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b)
    if at == len(mine) - 1:
        return f"{why}; raised a hand before {after.name}"
    if run.step.policy == "progressive" and at == 2:
        turns = m.speech(hand.name).turns
        return f"{why}; fewer turns in this meeting ({turns}) than {after.name}"
    if run.step.policy == "progressive" and at == 3:
        seconds = format_duration(int(m.speech(hand.name).airtime))
        return f"{why}; less airtime ({seconds}) than {after.name}"
    return why  # the standing says it: first time in this step, less airtime


def reason(m: Meeting, run: Run, state: Stack, hand: Hand) -> str:
    """Why `hand` stands where it does, in the words of the step's policy: each person's
    own standing, so the room can see why the first is first and the last is last."""
    if hand.invited:
        answers = run.step.answers
        if answers and hand.name in m.holders(answers):
            return f"the {answers} answers"
        return "invited by the facilitator"
    if hand.kind != "hand":
        return INTERJECTION_REASON[hand.kind]
    policy = run.step.policy
    if policy == "fifo":
        return "in order of hands"
    speech = m.speech(hand.name)
    if policy == "airtime":
        airtime = int(speech.airtime) if m.setup.rules >= 2 else speech.airtime
        if not airtime:
            return "no airtime yet in this meeting"
        return f"{format_duration(airtime)} of airtime in this meeting"
    if hand.name not in state.spoken:
        return "first time in this step"
    turns = f"{speech.turns} turn{'s' if speech.turns != 1 else ''}"
    return f"spoke already in this step ({turns})"


def _next_seq(tx: Tx) -> int:
    seq = tx.m.hand_seq + 1
    tx.update(hand_seq=seq)
    return seq


def hand(tx: Tx, command: Command) -> None:
    state = tx.state(Stack)
    name = command.args[0]
    kind = command.args[1] if len(command.args) > 1 else "hand"
    must_be_here(tx, name)
    if kind != "hand" and kind not in INTERJECTIONS:
        raise Refused(_("`{kind}` is not a kind of hand; use point-of-process, clarify or "
                        "direct-response, or nothing for an ordinary hand.").format(kind=kind))
    if kind != "hand" and kind not in tx.run.step.interjections:
        raise Refused(_("This discussion takes no {kind}; raise an ordinary hand: "
                        "`hand {name}`.").format(kind=kind.replace("-", " "), name=name))
    if any(h.name == name for h in state.stack):
        raise Refused(_("{name} is already on the stack; `lower {name}` takes them off.")
                      .format(name=name))
    used = dict(state.direct_used)
    if kind == "direct-response":
        if used.get(name, 0) >= tx.run.step.direct_responses_per_person:
            raise Refused(_("{name} has used their direct responses in this step; raise an "
                            "ordinary hand instead: `hand {name}`.").format(name=name))
        if tx.m.setup.rules >= 2:
            _answers_someone(tx, state, name)
        used[name] = used.get(name, 0) + 1
    seq = _next_seq(tx)
    tx.update_state(stack=state.stack + (Hand(name=name, kind=kind, seq=seq),),
                    direct_used=used)
    tx.emit(HandRaised, name=name, kind=kind)


def _answers_someone(tx: Tx, state: Stack, name: str) -> None:
    """A direct response answers the person speaking, or the last speaker when nobody
    holds the floor; never the one who gives it."""
    floor = tx.m.floor
    answered = floor.name if floor is not None else state.last
    if answered is None:
        raise Refused(_("Nobody has spoken yet in this step, so there is nothing to respond "
                        "to directly; raise an ordinary hand: `hand {name}`.").format(name=name))
    if answered == name:
        said = (_("{name} is speaking; a direct response answers someone else. Raise an "
                  "ordinary hand to speak again: `hand {name}`.") if floor is not None else
                _("{name} spoke last; a direct response answers someone else. Raise an "
                  "ordinary hand to speak again: `hand {name}`."))
        raise Refused(said.format(name=name))


def _drop(tx: Tx, name: str) -> bool:
    state = tx.state(Stack)
    if not any(h.name == name for h in state.stack):
        return False
    tx.update_state(stack=tuple(h for h in state.stack if h.name != name))
    return True


def lower(tx: Tx, command: Command) -> None:
    name = command.args[0]
    if not _drop(tx, name):
        raise Refused(_("{name} is not on the stack.").format(name=name))
    tx.emit(HandLowered, name=name)


def invite(tx: Tx, command: Command) -> None:
    name = command.args[0]
    must_be_here(tx, name)
    state = tx.state(Stack)
    seq = _next_seq(tx)
    old = next((h for h in state.stack if h.name == name), None)
    kind = old.kind if old else "hand"
    stack = tuple(h for h in state.stack if h.name != name)
    tx.update_state(stack=stack + (Hand(name=name, kind=kind, seq=old.seq if old else seq,
                                        invited=seq),))
    tx.emit(Invited, name=name)


def next_(tx: Tx, command: Command) -> None:
    state = tx.state(Stack)
    if not state.stack:
        if tx.m.floor is None:
            raise Refused(_("Nobody is on the stack; take a hand with `hand NAME`."))
        end_floor(tx)
        return
    if tx.m.setup.rules >= 2:
        # The turn `next` ends counts in the order, as if `done` had come first.
        end_floor(tx)
    first, why = ordered_stack(tx.m, tx.run)[0]
    tx.update_state(stack=tuple(h for h in state.stack if h is not first),
                    spoken=state.spoken | {first.name}, last=first.name)
    give_floor(tx, first.name, why, tx.run.step.time_per_speaker)


def done(tx: Tx, command: Command) -> None:
    if tx.m.floor is None:
        raise Refused(_("Nobody holds the floor; `next` gives it to the next person on the "
                        "stack."))
    end_floor(tx)


def _owns(run: Run, m: Meeting, command: Command) -> bool:
    """Giving the floor to whoever the step names to answer (`answers: presenter`) is the
    process, not an override."""
    answers = run.step.answers
    return (command.name == "invite" and answers is not None
            and command.args[0] in m.holders(answers))


def _roles(step: Step) -> Iterable[tuple[str, str]]:
    if step.answers is not None:
        yield "answers", step.answers


def left(tx: Tx, name: str) -> None:
    """Someone who leaves is taken off the stack."""
    _drop(tx, name)


def _facts(step: Step) -> Iterable[str]:
    yield f"policy {step.policy}"


KIND = StepKind(
    name="discussion",
    noun="discussion",
    summary="An open floor with a speaking stack that puts quieter voices first.",
    keys={
        "policy": "Who speaks next: " + ", ".join(POLICIES) + " (default progressive).",
        "time_per_speaker": "Soft per-speaker time limit, like 2m.",
        "interjections": "Allowed interjections: " + ", ".join(INTERJECTIONS) + " (default all).",
        "direct_responses_per_person": "Direct responses each person may make (default 1).",
        "answers": "A role id: who answers (the presenter answers clarifying questions); "
                   "giving them the floor with `invite` is not an override.",
    },
    state=lambda step: Stack(),
    commands={"hand": hand, "lower": lower, "invite": invite, "next": next_, "done": done},
    left=left,
    owns=_owns,
    roles=_roles,
    facts=_facts,
)
