"""Who holds the floor, the speaking stack, and why each person is next.

Airtime is the time a person holds the floor, less paused time; it is settled into
`Meeting.stats` when they give up the floor. A turn counts when the floor is given up,
unless the person passed.
"""

from __future__ import annotations

from typing import Any

from facilitator.engine.state import Floor, Hand, Meeting, Run, Speech
from facilitator.engine.tx import Tx
from facilitator.protocols.values import format_duration

INTERJECTION_RANK = {"point-of-process": 0, "clarify": 1, "direct-response": 2}
INTERJECTION_REASON = {
    "point-of-process": "point of process",
    "clarify": "clarifying question",
    "direct-response": "direct response",
}


def end_floor(tx: Tx, *, counted: bool = True) -> None:
    """Whoever holds the floor is done."""
    floor = tx.m.floor
    if floor is None:
        return
    seconds = max(0.0, tx.active - floor.since)
    speech = tx.m.speech(floor.name)
    stats = dict(tx.m.stats)
    stats[floor.name] = Speech(speech.airtime + seconds, speech.turns + (1 if counted else 0))
    tx.update(floor=None, stats=stats)
    tx.emit("FloorEnded", name=floor.name, seconds=round(seconds, 3), counted=counted,
            confidential=False)


def give_floor(tx: Tx, name: str, reason: str, limit: int | None) -> None:
    end_floor(tx)
    tx.update(floor=Floor(name=name, since=tx.active, limit=limit, reason=reason))
    tx.emit("FloorTaken", name=name, reason=reason, confidential=False)


def _key(m: Meeting, run: Run, hand: Hand) -> tuple[Any, ...]:
    if hand.invited:
        return (0, -hand.invited)
    if hand.kind != "hand":
        return (1, INTERJECTION_RANK[hand.kind], hand.seq)
    speech = m.speech(hand.name)
    policy = run.step.policy
    if policy == "fifo":
        return (2, hand.seq)
    if policy == "airtime":
        return (2, round(speech.airtime, 3), hand.seq)
    return (2, hand.name in run.spoken, speech.turns, round(speech.airtime, 3), hand.seq)


def ordered_stack(m: Meeting, run: Run) -> list[tuple[Hand, str]]:
    """The stack in speaking order, each hand with the reason it stands where it does."""
    hands = sorted(run.stack, key=lambda h: _key(m, run, h))
    return [(hand, reason(m, run, hand)) for hand in hands]


def reason(m: Meeting, run: Run, hand: Hand) -> str:
    """Why `hand` stands where it does, in the words of the step's policy: each person's
    own standing, so the room can see why the first is first and the last is last."""
    if hand.invited:
        return "invited by the facilitator"
    if hand.kind != "hand":
        return INTERJECTION_REASON[hand.kind]
    policy = run.step.policy
    if policy == "fifo":
        return "in order of hands"
    speech = m.speech(hand.name)
    if policy == "airtime":
        if not speech.airtime:
            return "no airtime yet in this meeting"
        return f"{format_duration(speech.airtime)} of airtime in this meeting"
    if hand.name not in run.spoken:
        return "first time in this step"
    turns = f"{speech.turns} turn{'s' if speech.turns != 1 else ''}"
    return f"spoke already in this step ({turns})"


def push_hand(tx: Tx, run: Run, hand: Hand) -> None:
    tx.update_run(stack=run.stack + (hand,))


def drop_hand(tx: Tx, name: str) -> bool:
    run = tx.m.run
    if run is None or not any(h.name == name for h in run.stack):
        return False
    tx.update_run(stack=tuple(h for h in run.stack if h.name != name))
    return True


def take_next_hand(tx: Tx) -> None:
    """The floor goes to whoever stands first on the stack."""
    run = tx.run
    order = ordered_stack(tx.m, run)
    hand, reason = order[0]
    tx.update_run(stack=tuple(h for h in run.stack if h is not hand),
                  spoken=run.spoken | {hand.name})
    give_floor(tx, hand.name, reason, run.step.time_per_speaker)


def next_seq(tx: Tx) -> int:
    seq = tx.m.hand_seq + 1
    tx.update(hand_seq=seq)
    return seq

