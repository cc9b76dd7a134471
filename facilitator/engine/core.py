"""The engine: `handle(meeting, command, now) -> (meeting, events)`. Pure.

Rules:
- No I/O, no clock: `now` (epoch seconds) is an argument.
- A command that does not fit the moment raises `Refused` with one sentence saying why
  and what to do instead; the meeting handed in is untouched (it is frozen).
- Before a command, every hard timebox that ran out by `now` fires, at the moment it ran
  out (`tick`). A caller with no command to give calls `tick` itself.
- The journal keeps each accepted command with its time; `replay` runs them again and
  arrives at a meeting equal to the live one.
- `undo` restores the meeting as it was before the last command and is an override; it
  reaches back at most UNDO_LIMIT commands, so memory does not grow with the meeting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from facilitator.engine import flow
from facilitator.engine.commands import Command, parse
from facilitator.engine.events import Event, Interrupted, Override, Undone
from facilitator.engine.floor import point_heard, raise_point
from facilitator.engine.general import GENERAL
from facilitator.engine.state import UNDO_LIMIT, Meeting, Setup, evolve
from facilitator.engine.steps import KINDS
from facilitator.engine.steps.decide import SEALED
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import _
from facilitator.protocols.model import Library

TICK = "tick"
INTERRUPTED = "interrupted"


def handle(meeting: Meeting, command: str | Command, now: float, *, source: str | None = None,
           journaled: Sequence[Mapping[str, Any]] | None = None,
           ) -> tuple[Meeting, list[Event]]:
    """Apply one command at `now`; Refused leaves `meeting` as it was. `source`: who gave
    it, when not the facilitator's keyboard (`own_device(name)` for a person's phone);
    `journaled`: on replay, the events the journal holds for it."""
    cmd = parse(command) if isinstance(command, str) else command
    if meeting.ended:
        raise Refused(_("The meeting has ended; its minutes are written."))
    if now < meeting.setup.created_at:
        raise Refused(_("That time is before the meeting was opened."))
    tx = Tx(meeting, now, KINDS, source, journaled)
    if cmd.name == "undo":
        _undo(tx)
    else:
        flow.tick(tx)
        if _overrides(tx.m, cmd):
            tx.emit(Override, command=cmd.text)
        _dispatch(tx, cmd)
        tx.update(seq=tx.m.seq + 1, **_remember(meeting))
        return tx.m, tx.events
    tx.update(seq=tx.m.seq + 1)
    return tx.m, tx.events


def tick(meeting: Meeting, now: float,
         journaled: Sequence[Mapping[str, Any]] | None = None) -> tuple[Meeting, list[Event]]:
    """Fire the hard timeboxes that ran out by `now`. No events: nothing happened."""
    if meeting.ended:
        return meeting, []
    tx = Tx(meeting, now, KINDS, journaled=journaled)
    flow.tick(tx)
    if not tx.events:
        return meeting, []
    # The clock is not a command: `undo` after it takes back the last command (and the
    # timeboxes that ran out since fire again, at the same moments).
    tx.update(seq=tx.m.seq + 1)
    return tx.m, tx.events


def interrupted(meeting: Meeting, since: float, now: float) -> tuple[Meeting, list[Event]]:
    """The facilitator's computer stopped at `since` and the meeting is taken up at `now`:
    timers stood still in between, as in a pause (what was due before `since` fires)."""
    if meeting.ended or now <= since:
        return meeting, []
    tx = Tx(meeting, since, KINDS)
    flow.tick(tx)
    tx.now = now
    if tx.m.paused_since is None:
        tx.update(paused_total=tx.m.paused_total + (now - since))
    tx.emit(Interrupted, since=since, seconds=round(now - since, 3))
    # `undo` does not reach back across a crash: what was said before it stands.
    tx.update(undo=(), undo_cut=False, seq=tx.m.seq + 1)
    return tx.m, tx.events


def _overrides(m: Meeting, cmd: Command) -> bool:
    """Is this the facilitator overruling the process? A command that is the running
    step's own way of working (naming the speaker of a `speaker: choose` turn) is not."""
    if not cmd.spec.override:
        return False
    run = m.run
    return run is None or (cmd.name not in run.kind.own and not run.kind.owns(run, m, cmd))


def _dispatch(tx: Tx, cmd: Command) -> None:
    if _point(tx, cmd):
        raise_point(tx, cmd.args[0])
        return
    if tx.m.point is not None and cmd.name in ("next", "done"):
        point_heard(tx)
        return
    if tx.m.point is not None and cmd.name in ("pass", "invite"):
        raise Refused(_("{name} is making a point of process; `done` when it is heard, and the "
                        "speaker goes on.").format(name=tx.m.point.name))
    if cmd.spec.step:
        run = tx.require_run(cmd.name)
        handler = run.kind.commands.get(cmd.name)
        if handler is None:
            raise Refused(_("{where}; this step is {a_kind}.").format(
                where=_(cmd.spec.where), a_kind=_(run.kind.a)))
        handler(tx, cmd)
        return
    GENERAL[cmd.name](tx, cmd)


def _point(tx: Tx, cmd: Command) -> bool:
    """Is this a point of process to hear at once? In any step (rules 2), unless the step
    leaves it out of its `interjections`; in a discussion where nobody holds the floor it
    stands first on the stack, unless its maker is already there (their place is kept)."""
    if cmd.name != "hand" or cmd.args[1:] != ("point-of-process",):
        return False
    if tx.m.setup.rules < 2:
        return False
    run = tx.require_run(cmd.name)
    if "point-of-process" not in run.step.interjections:
        return False
    stack = stack_of(run)
    waiting = stack is not None and any(h.name == cmd.args[0] for h in stack.stack)
    return tx.m.floor is not None or stack is None or waiting


def _remember(meeting: Meeting) -> dict[str, Any]:
    """The undo history after a command given on `meeting`: at most UNDO_LIMIT states."""
    history = (*meeting.undo, evolve(meeting, undo=(), undo_cut=False))
    if len(history) <= UNDO_LIMIT:
        return {"undo": history, "undo_cut": meeting.undo_cut}
    return {"undo": history[-UNDO_LIMIT:], "undo_cut": True}


def _undo(tx: Tx) -> None:
    history = tx.m.undo
    if not history:
        if tx.m.undo_cut:
            raise Refused(_("`undo` takes back at most the last {n} commands, and those are "
                            "taken back; correct what came before with a new command.").format(
                n=UNDO_LIMIT))
        raise Refused(_("There is nothing to undo."))
    seq = tx.m.seq
    tx.m = evolve(history[-1], undo=history[:-1], undo_cut=tx.m.undo_cut)
    tx.emit(Override, command="undo")
    tx.emit(Undone)
    flow.tick(tx)
    tx.update(seq=seq)


def replay(setup: Setup, library: Library,
           entries: Iterable[Mapping[str, Any]]) -> Meeting:
    """The meeting rebuilt from its journal entries (`{"at", "command"}` each; the
    clock's own entries `tick` and `interrupted` (with `since`) are not commands)."""
    meeting = Meeting.open(setup, library)
    for entry in entries:
        meeting = apply(meeting, entry)
    return meeting


def apply(meeting: Meeting, entry: Mapping[str, Any]) -> Meeting:
    """One journal entry on top of `meeting`, as it was taken live."""
    if entry["command"] == TICK:
        return tick(meeting, entry["at"], entry.get("events", ()))[0]
    if entry["command"] == INTERRUPTED:
        return interrupted(meeting, entry["since"], entry["at"])[0]
    command = entry["command"]
    if entry.get("sealed"):  # a secret stance: who, never what (see steps/decide.py)
        command += " " + SEALED
    return handle(meeting, command, entry["at"], source=entry.get("source"),
                  journaled=entry.get("events", ()))[0]
