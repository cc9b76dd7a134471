"""`turn`: one person holds the floor, uninterrupted.

The speaker is the holder of a role (`speaker: presenter`), who holds the floor at once,
or, with `speaker: choose`, whoever the facilitator names with `invite NAME`.
"""

from __future__ import annotations

from facilitator.engine.commands import Command
from facilitator.engine.floor import end_floor, give_floor
from facilitator.engine.tx import Handler, Tx
from facilitator.errors import Refused


def enter(tx: Tx) -> str | None:
    run = tx.run
    role = run.step.speaker
    if role is None or role == "choose":
        return None
    holders = [n for n in tx.m.holders(role) if tx.m.people[n].present]
    if not holders:
        raise Refused(f"This turn belongs to the {role}; name one first: `role {role} NAME`.")
    tx.update_run(speaker=holders[0], spoken=frozenset({holders[0]}))
    give_floor(tx, holders[0], f"the {role}'s turn", run.step.time_per_speaker or run.step.time)
    return None


def invite(tx: Tx, command: Command) -> None:
    run = tx.run
    if run.step.speaker != "choose" and run.speaker is not None:
        raise Refused(f"This turn belongs to the {run.step.speaker}; it is not passed around.")
    name = command.args[0]
    person = tx.m.people.get(name)
    if person is None or not person.present:
        raise Refused(f"{name} is not here; add them with `join {name}`.")
    tx.update_run(speaker=name, spoken=run.spoken | {name})
    give_floor(tx, name, "named by the facilitator", run.step.time_per_speaker or run.step.time)


def next_(tx: Tx, command: Command) -> None:
    if tx.m.floor is None:
        raise Refused("The turn is over; `advance` to move on.")
    end_floor(tx)


def hand(tx: Tx, command: Command) -> None:
    speaker = tx.run.speaker or "the speaker"
    raise Refused(f"{speaker} holds the floor uninterrupted in this turn; hands are taken "
                  "in a discussion.")


COMMANDS: dict[str, Handler] = {"invite": invite, "next": next_, "done": next_, "hand": hand}
