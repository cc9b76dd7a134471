"""`discussion`: an open floor with a speaking stack.

Nobody holds the floor on entering; `next` gives it to whoever stands first. Interjections
(point of process, clarifying question, direct response) go before ordinary hands, in
that order; `invite` moves a person to the very front and is recorded as an override.
"""

from __future__ import annotations

from facilitator.engine.commands import Command
from facilitator.engine.floor import drop_hand, end_floor, next_seq, push_hand, take_next_hand
from facilitator.engine.state import Hand
from facilitator.engine.tx import Handler, Tx
from facilitator.errors import Refused


def enter(tx: Tx) -> str | None:
    return None


def hand(tx: Tx, command: Command) -> None:
    run = tx.run
    name = command.args[0]
    kind = command.args[1] if len(command.args) > 1 else "hand"
    _must_be_here(tx, name)
    if kind != "hand" and kind not in ("point-of-process", "clarify", "direct-response"):
        raise Refused(f"`{kind}` is not a kind of hand; use point-of-process, clarify or "
                      "direct-response, or nothing for an ordinary hand.")
    if kind != "hand" and kind not in run.step.interjections:
        raise Refused(f"This discussion takes no {kind.replace('-', ' ')}; "
                      f"raise an ordinary hand: `hand {name}`.")
    if any(h.name == name for h in run.stack):
        raise Refused(f"{name} is already on the stack; `lower {name}` takes them off.")
    if kind == "direct-response":
        used = run.direct_used.get(name, 0)
        if used >= run.step.direct_responses_per_person:
            raise Refused(f"{name} has used their direct responses in this step; "
                          f"raise an ordinary hand instead: `hand {name}`.")
        tx.update_run(direct_used={**run.direct_used, name: used + 1})
        run = tx.run
    push_hand(tx, run, Hand(name=name, kind=kind, seq=next_seq(tx)))
    tx.emit("HandRaised", name=name, kind=kind)


def lower(tx: Tx, command: Command) -> None:
    name = command.args[0]
    if not drop_hand(tx, name):
        raise Refused(f"{name} is not on the stack.")
    tx.emit("HandLowered", name=name)


def invite(tx: Tx, command: Command) -> None:
    name = command.args[0]
    _must_be_here(tx, name)
    run = tx.run
    seq = next_seq(tx)
    old = next((h for h in run.stack if h.name == name), None)
    kind = old.kind if old else "hand"
    stack = tuple(h for h in run.stack if h.name != name)
    tx.update_run(stack=stack + (Hand(name=name, kind=kind, seq=old.seq if old else seq,
                                      invited=seq),))
    tx.emit("Invited", name=name)


def next_(tx: Tx, command: Command) -> None:
    if not tx.run.stack:
        if tx.m.floor is None:
            raise Refused("Nobody is on the stack; take a hand with `hand NAME`.")
        end_floor(tx)
        return
    take_next_hand(tx)


def done(tx: Tx, command: Command) -> None:
    if tx.m.floor is None:
        raise Refused("Nobody holds the floor; `next` gives it to the next person on the stack.")
    end_floor(tx)


def _must_be_here(tx: Tx, name: str) -> None:
    person = tx.m.people.get(name)
    if person is None or not person.present:
        raise Refused(f"{name} is not here; add them with `join {name}`.")


COMMANDS: dict[str, Handler] = {
    "hand": hand, "lower": lower, "invite": invite, "next": next_, "done": done,
}
