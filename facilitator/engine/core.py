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

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from facilitator.engine import flow
from facilitator.engine.commands import OVERRIDES, Command, parse
from facilitator.engine.general import GENERAL
from facilitator.engine.state import UNDO_LIMIT, Meeting, Setup
from facilitator.engine.steps import KIND_COMMANDS, STEP_COMMANDS
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.protocols.model import Library

Event = dict[str, Any]
TICK = "tick"
INTERRUPTED = "interrupted"


def handle(meeting: Meeting, command: str | Command, now: float) -> tuple[Meeting, list[Event]]:
    """Apply one command at `now`; Refused leaves `meeting` as it was."""
    cmd = parse(command) if isinstance(command, str) else command
    if meeting.ended:
        raise Refused("The meeting has ended; its minutes are written.")
    if now < meeting.setup.created_at:
        raise Refused("That time is before the meeting was opened.")
    tx = Tx(meeting, now)
    if cmd.name == "undo":
        _undo(tx)
    else:
        flow.tick(tx)
        if _overrides(tx.m, cmd):
            tx.emit("Override", command=cmd.text, confidential=False)
        _dispatch(tx, cmd)
        tx.update(seq=tx.m.seq + 1, **_remember(meeting))
        return tx.m, tx.events
    tx.update(seq=tx.m.seq + 1)
    return tx.m, tx.events


def tick(meeting: Meeting, now: float) -> tuple[Meeting, list[Event]]:
    """Fire the hard timeboxes that ran out by `now`. No events: nothing happened."""
    if meeting.ended:
        return meeting, []
    tx = Tx(meeting, now)
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
    tx = Tx(meeting, since)
    flow.tick(tx)
    tx.now = now
    if tx.m.paused_since is None:
        tx.update(paused_total=tx.m.paused_total + (now - since))
    tx.emit("Interrupted", since=since, seconds=round(now - since, 3), confidential=False)
    # `undo` does not reach back across a crash: what was said before it stands.
    tx.update(undo=(), undo_cut=False, seq=tx.m.seq + 1)
    return tx.m, tx.events


def _overrides(m: Meeting, cmd: Command) -> bool:
    """Is this the facilitator overruling the process? Naming the speaker of a
    `speaker: choose` turn with `invite` is that step's own way of working, not an override."""
    if cmd.name not in OVERRIDES:
        return False
    step = m.step
    return not (cmd.name == "invite" and step is not None and step.kind == "turn")


def _dispatch(tx: Tx, cmd: Command) -> None:
    if cmd.name in STEP_COMMANDS:
        run = tx.require_run(cmd.name)
        handler = KIND_COMMANDS.get(run.step.kind, {}).get(cmd.name)
        if handler is None:
            raise Refused(_not_here(cmd, run.step.kind))
        handler(tx, cmd)
        return
    GENERAL[cmd.name](tx, cmd)


_KIND_WORDS = {
    "round": "a round", "discussion": "a discussion", "turn": "a turn",
    "decide": "a test for agreement", "record": "a record step", "choose": "a choice",
    "agenda": "an agenda", "use": "a step that runs another protocol",
    "review": "a review", "pause": "a break",
}
_WHERE = {
    "hand": "Hands are taken in a discussion", "lower": "Hands are taken in a discussion",
    "next": "`next` moves the floor in a round, a discussion or a turn",
    "done": "`done` ends a speaker's time in a round, a discussion or a turn",
    "pass": "Passing is for rounds", "invite": "`invite` works in a discussion",
    "stance": "Stances are given in a test for agreement",
    "collect": "`collect` works in a round that collects answers",
    "choose": "`choose` works in a choice step", "review": "`review` works in a review step",
}


def _not_here(cmd: Command, kind: str) -> str:
    return f"{_WHERE[cmd.name]}; this step is {_KIND_WORDS[kind]}."


def _remember(meeting: Meeting) -> dict[str, Any]:
    """The undo history after a command given on `meeting`: at most UNDO_LIMIT states."""
    history = (*meeting.undo, attrs.evolve(meeting, undo=(), undo_cut=False))
    if len(history) <= UNDO_LIMIT:
        return {"undo": history, "undo_cut": meeting.undo_cut}
    return {"undo": history[-UNDO_LIMIT:], "undo_cut": True}


def _undo(tx: Tx) -> None:
    history = tx.m.undo
    if not history:
        if tx.m.undo_cut:
            raise Refused(f"`undo` takes back at most the last {UNDO_LIMIT} commands, and "
                          "those are taken back; correct what came before with a new command.")
        raise Refused("There is nothing to undo.")
    seq = tx.m.seq
    tx.m = attrs.evolve(history[-1], undo=history[:-1], undo_cut=tx.m.undo_cut)
    tx.emit("Override", command="undo", confidential=False)
    tx.emit("Undone", confidential=False)
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
        return tick(meeting, entry["at"])[0]
    if entry["command"] == INTERRUPTED:
        return interrupted(meeting, entry["since"], entry["at"])[0]
    return handle(meeting, entry["command"], entry["at"])[0]
