"""Who holds the floor, in any kind of step.

Airtime is the time a person holds the floor, less paused time; it is settled into
`Meeting.stats` when they give up the floor. A turn counts when the floor is given up,
unless the person passed.
"""

from __future__ import annotations

from facilitator.engine.events import FloorEnded, FloorTaken
from facilitator.engine.state import Floor, Speech
from facilitator.engine.tx import Tx
from facilitator.errors import Refused


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
    tx.emit(FloorEnded, name=floor.name, seconds=round(seconds, 3), counted=counted)


def give_floor(tx: Tx, name: str, reason: str, limit: int | None) -> None:
    end_floor(tx)
    tx.update(floor=Floor(name=name, since=tx.active, limit=limit, reason=reason))
    tx.emit(FloorTaken, name=name, reason=reason)


def must_be_here(tx: Tx, name: str) -> None:
    person = tx.m.people.get(name)
    if person is None or not person.present:
        raise Refused(f"{name} is not here; add them with `join {name}`.")
