"""Who holds the floor, in any kind of step.

A point of process (rules 2) is heard at once in any step: the speaker's time stands still
while it is heard, and they go on where they were (`Meeting.point`).

Airtime is the time a person holds the floor, less paused time; it is settled into
`Meeting.stats` when they give up the floor. A turn counts when the floor is given up,
unless the person passed; a pass is not airtime either (rules 2: journals written before
counted the seconds before a pass).
"""

from __future__ import annotations

from facilitator.engine.events import FloorEnded, FloorTaken, PointRaised
from facilitator.engine.state import Floor, Point, Speech, evolve
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import _


def end_floor(tx: Tx, *, counted: bool = True) -> None:
    """Whoever holds the floor is done."""
    floor = tx.m.floor
    if floor is None:
        return
    seconds = max(0.0, tx.active - floor.since)
    if not counted and tx.m.setup.rules >= 2:
        seconds = 0.0  # a pass: the person did not speak, whatever time went by
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
        raise Refused(_("{name} is not here; add them with `join {name}`.").format(name=name))


POINT = "point of process"
RESUMED = "goes on after the point of process"


def raise_point(tx: Tx, name: str) -> None:
    """`name` makes a point of process now: the speaker's time stops; a place on the stack
    is kept."""
    must_be_here(tx, name)
    if tx.m.point is not None:
        raise Refused(_("{name} is making a point of process; `done` when it is heard, then "
                        "raise the next.").format(name=tx.m.point.name))
    held = tx.m.floor
    if held is not None and held.name == name:
        raise Refused(_("{name} holds the floor and can make the point now; a point of process "
                        "interrupts someone else.").format(name=name))
    tx.update(floor=Floor(name=name, since=tx.active, reason=POINT),
              point=Point(name=name, held=held, at=tx.active))
    tx.emit(PointRaised, name=name, stopped=held.name if held else None)
    tx.emit(FloorTaken, name=name, reason=POINT)


def point_heard(tx: Tx) -> None:
    """The point of process is heard: its maker is done, and the speaker it stopped goes
    on where they were, their time and limit as they stood."""
    point = tx.m.point
    assert point is not None
    if tx.m.floor is not None and tx.m.floor.name == point.name:
        end_floor(tx)
    tx.update(point=None)
    held = point.held
    if held is None:
        return
    person = tx.m.people.get(held.name)
    if person is None or not person.present:
        return
    tx.update(floor=evolve(held, since=held.since + (tx.active - point.at), reason=RESUMED))
    tx.emit(FloorTaken, name=held.name, reason=RESUMED)


def stopped_leaves(tx: Tx, name: str) -> None:
    """The speaker a point of process stopped leaves: their time up to the point counts."""
    point = tx.m.point
    if point is None or point.held is None or point.held.name != name:
        return
    seconds = max(0.0, point.at - point.held.since)
    speech = tx.m.speech(name)
    tx.update(point=evolve(point, held=None),
              stats={**tx.m.stats, name: Speech(speech.airtime + seconds, speech.turns + 1)})
    tx.emit(FloorEnded, name=name, seconds=round(seconds, 3), counted=True)
