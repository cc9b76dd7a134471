"""`round`: everyone present speaks once, in turn, uninterrupted. No hands are taken.

The first person holds the floor on entering (after `think`, the first `next` gives it).
`pass` hands the floor on; with `revisit_passes` those who passed are asked again at the
end. People who join during the round are added at its end. In a `private` round what
is collected and who passed stay out of the minutes; airtime still counts.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

import attrs

from facilitator.engine.commands import Command
from facilitator.engine.events import Collected, Passed
from facilitator.engine.floor import end_floor, give_floor
from facilitator.engine.kind import StepKind
from facilitator.engine.state import Meeting, Run, frozen_map
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import _
from facilitator.protocols.model import ORDERS, Step


@attrs.frozen
class Round:
    """A round's own state: the order, where it is, who passed, what was collected."""

    order: tuple[str, ...] = ()
    position: int = -1  # index in `order` of the current or last speaker
    passed: tuple[str, ...] = ()
    revisiting: bool = False
    thinking: bool = False
    spoken: frozenset[str] = frozenset()
    collected: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_map)


def round_of(run: Run | None) -> Round | None:
    """The round's state of `run`, or None when it is not a round."""
    state = run.state if run is not None else None
    return state if isinstance(state, Round) else None


def seating_order(m: Meeting, run: Run) -> tuple[str, ...]:
    people = list(m.present)
    order = run.step.order
    if order == "reverse":
        people.reverse()
    elif order == "random":
        seed = f"{m.setup.meeting_id}/{run.step.id}/{run.visit}"
        random.Random(seed).shuffle(people)
    elif order == "facilitator-last":
        facilitators = set(m.holders("facilitator"))
        people = [p for p in people if p not in facilitators] + [
            p for p in people if p in facilitators
        ]
    return tuple(people)


def enter(tx: Tx) -> str | None:
    run = tx.run
    tx.update_state(order=seating_order(tx.m, run), thinking=bool(run.step.think))
    if not run.step.think:
        _move_on(tx)
    return None


def complete(state: Round) -> bool:
    return state.position >= len(state.order) and not state.thinking


def still_to_speak(m: Meeting, state: Round) -> list[str]:
    """Who is still to speak, in order."""
    return [n for n in state.order[state.position + 1:]
            if n not in state.spoken and m.people[n].present]


def _move_on(tx: Tx) -> bool:
    """Give the floor to the next person in order who is here and has not spoken."""
    state = tx.state(Round)
    position = state.position + 1
    order, revisiting, passed, spoken = state.order, state.revisiting, state.passed, state.spoken
    while True:
        while position < len(order) and (
            order[position] in spoken or not tx.m.people[order[position]].present
        ):
            position += 1
        if position < len(order):
            break
        if tx.run.step.revisit_passes and passed and not revisiting:
            order, passed, revisiting, position = passed, (), True, 0
            spoken = spoken - set(order)
            continue
        tx.update_state(position=len(order), order=order, revisiting=revisiting, passed=passed,
                        thinking=False, spoken=spoken)
        return False
    name = order[position]
    tx.update_state(position=position, order=order, revisiting=revisiting, passed=passed,
                    thinking=False, spoken=spoken | {name})
    reason = "asked again after passing" if revisiting else "next in the round"
    give_floor(tx, name, reason, tx.run.step.time_per_speaker)
    return True


def next_(tx: Tx, command: Command) -> None:
    if complete(tx.state(Round)) and tx.m.floor is None:
        raise Refused(_("Everyone has spoken in this round; `advance` to move on."))
    end_floor(tx)
    _move_on(tx)


def done(tx: Tx, command: Command) -> None:
    if tx.m.floor is None:
        raise Refused(_("Nobody holds the floor; `next` gives it to the next person in the "
                        "round."))
    end_floor(tx)


def pass_(tx: Tx, command: Command) -> None:
    run = tx.run
    state = tx.state(Round)
    if not run.step.allow_pass:
        raise Refused(_("This round takes no passes; give the person time, or `skip` the "
                        "round."))
    floor = tx.m.floor
    name = command.args[0] if command.args else (floor.name if floor else None)
    if name is None:
        raise Refused(_("Nobody holds the floor; name who passes: `pass NAME`."))
    if name not in state.order or not tx.m.people[name].present:
        raise Refused(_("{name} is not in this round; only people here when it began are "
                        "asked.").format(name=name))
    if floor is not None and floor.name == name:
        end_floor(tx, counted=False)
        tx.update_state(passed=state.passed + (name,))
        tx.emit(Passed, name=name, private=run.step.private)
        _move_on(tx)
        return
    if name in state.spoken:
        raise Refused(_("{name} has already had their turn in this round.").format(name=name))
    tx.update_state(passed=state.passed + (name,), spoken=state.spoken | {name})
    tx.emit(Passed, name=name, private=run.step.private)


def hand(tx: Tx, command: Command) -> None:
    raise Refused(_("No hands are taken during a round; {name} can speak when the round "
                    "reaches them.").format(name=command.args[0]))


def collect(tx: Tx, command: Command) -> None:
    run = tx.run
    field = run.step.collect
    if field is None:
        raise Refused(_("This round collects nothing; give the answer as a `note` instead."))
    name, value = command.args
    if name not in tx.m.people or not tx.m.people[name].present:
        raise Refused(_("{name} is not here; add them with `join {name}`.").format(name=name))
    if field.choices is not None and value not in field.choices:
        raise Refused(_("{field} is one of {choices}; write it like `collect {name} {first}`.")
                      .format(field=field.field, choices=", ".join(field.choices), name=name,
                              first=field.choices[0]))
    state = tx.state(Round)
    tx.update_state(collected={**state.collected, name: value})
    tx.emit(Collected, name=name, field=field.field, value=value, private=run.step.private)


def joined(tx: Tx, name: str) -> None:
    """A latecomer is asked at the end of the round, also once the round has gone round."""
    state = tx.state(Round)
    if name not in state.order:
        position = len(state.order) - 1 if complete(state) else state.position
        tx.update_state(order=state.order + (name,), position=position)


def _facts(step: Step) -> Iterable[str]:
    yield f"order {step.order}"


KIND = StepKind(
    name="round",
    noun="round",
    summary="Everyone present speaks once, in turn, uninterrupted.",
    keys={
        "order": "Speaking order: " + ", ".join(ORDERS) + " (default seating).",
        "time_per_speaker": "Soft per-person time limit, like 1m.",
        "allow_pass": "Whether people may pass (default true).",
        "revisit_passes": "true: ask those who passed again at the end.",
        "think": "Silent time before the first speaker, like 2m.",
        "collect": "A field kept per person: {capacity: [green, yellow, red]} or {answer: text}.",
        "private": "true: what was said or collected stays out of the minutes.",
    },
    state=lambda step: Round(),
    enter=enter,
    commands={"next": next_, "done": done, "pass": pass_, "hand": hand, "collect": collect},
    joined=joined,
    facts=_facts,
)
