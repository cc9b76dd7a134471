"""`round`: everyone present speaks once, in turn, uninterrupted. No hands are taken.

The first person holds the floor on entering (after `think`, the first `next` gives it).
`pass` hands the floor on; with `revisit_passes` those who passed are asked again at the
end. People who join during the round are added at its end. In a `private` round what
is collected and who passed stay out of the minutes; airtime still counts.
"""

from __future__ import annotations

import random

from facilitator.engine.commands import Command
from facilitator.engine.floor import end_floor, give_floor
from facilitator.engine.state import Meeting, Run
from facilitator.engine.tx import Handler, Tx
from facilitator.errors import Refused


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
    tx.update_run(order=seating_order(tx.m, run), thinking=bool(run.step.think))
    if not run.step.think:
        _move_on(tx)
    return None


def complete(run: Run) -> bool:
    return run.position >= len(run.order) and not run.thinking


def _move_on(tx: Tx) -> bool:
    """Give the floor to the next person in order who is here and has not spoken."""
    run = tx.run
    position = run.position + 1
    order, revisiting, passed = run.order, run.revisiting, run.passed
    while True:
        while position < len(order) and (
            order[position] in run.spoken or not tx.m.people[order[position]].present
        ):
            position += 1
        if position < len(order):
            break
        if run.step.revisit_passes and passed and not revisiting:
            order, passed, revisiting, position = passed, (), True, 0
            tx.update_run(spoken=run.spoken - set(order))
            run = tx.run
            continue
        tx.update_run(position=len(order), order=order, revisiting=revisiting, passed=passed,
                      thinking=False)
        return False
    name = order[position]
    tx.update_run(position=position, order=order, revisiting=revisiting, passed=passed,
                  thinking=False, spoken=run.spoken | {name})
    reason = "asked again after passing" if revisiting else "next in the round"
    give_floor(tx, name, reason, run.step.time_per_speaker)
    return True


def next_(tx: Tx, command: Command) -> None:
    run = tx.run
    if complete(run) and tx.m.floor is None:
        raise Refused("Everyone has spoken in this round; `advance` to move on.")
    end_floor(tx)
    _move_on(tx)


def done(tx: Tx, command: Command) -> None:
    if tx.m.floor is None:
        raise Refused("Nobody holds the floor; `next` gives it to the next person in the round.")
    end_floor(tx)


def pass_(tx: Tx, command: Command) -> None:
    run = tx.run
    if not run.step.allow_pass:
        raise Refused("This round takes no passes; give the person time, or `skip` the round.")
    floor = tx.m.floor
    name = command.args[0] if command.args else (floor.name if floor else None)
    if name is None:
        raise Refused("Nobody holds the floor; name who passes: `pass NAME`.")
    if name not in run.order or not tx.m.people[name].present:
        raise Refused(f"{name} is not in this round; only people here when it began are asked.")
    private = {"private": True} if run.step.private else {}
    if floor is not None and floor.name == name:
        end_floor(tx, counted=False)
        tx.update_run(passed=run.passed + (name,))
        tx.emit("Passed", name=name, **private)
        _move_on(tx)
        return
    if name in run.spoken:
        raise Refused(f"{name} has already had their turn in this round.")
    tx.update_run(passed=run.passed + (name,), spoken=run.spoken | {name})
    tx.emit("Passed", name=name, **private)


def hand(tx: Tx, command: Command) -> None:
    raise Refused(
        f"No hands are taken during a round; {command.args[0]} can speak when the round "
        "reaches them."
    )


def collect(tx: Tx, command: Command) -> None:
    run = tx.run
    field = run.step.collect
    if field is None:
        raise Refused("This round collects nothing; give the answer as a `note` instead.")
    name, value = command.args
    if name not in tx.m.people or not tx.m.people[name].present:
        raise Refused(f"{name} is not here; add them with `join {name}`.")
    if field.choices is not None and value not in field.choices:
        raise Refused(f"{field.field} is one of {', '.join(field.choices)}; "
                      f"write it like `collect {name} {field.choices[0]}`.")
    tx.update_run(collected={**run.collected, name: value})
    private = {"private": True} if run.step.private else {}
    tx.emit("Collected", name=name, field=field.field, value=value, **private)


def joined(tx: Tx, name: str) -> None:
    """A latecomer is asked at the end of the round, also once the round has gone round."""
    run = tx.run
    if name not in run.order:
        position = len(run.order) - 1 if complete(run) else run.position
        tx.update_run(order=run.order + (name,), position=position)


COMMANDS: dict[str, Handler] = {
    "next": next_, "done": done, "pass": pass_, "hand": hand, "collect": collect,
}
