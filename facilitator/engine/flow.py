"""How steps move: entering, ending, routing, frames for `use` and agenda items, timers.

Rules (from the protocol language):
- A step ends only on `advance`, `skip`, `back`, `goto`, a choice, or a hard timebox.
- An outcome routes by the step's `on`, else its `next`, else the following step, else `end`.
- Reaching `end` ends the protocol with that outcome (`done` when it ran off the last step);
  a `use` step then ends with the same outcome, an agenda starts its next item.
- `max_visits`: the visit after the last allowed one ends at once with `exhausted`.
- `every: N`: the step runs only in meetings whose number (among the group's meetings of
  this protocol) is a multiple of N; otherwise it ends at once with `skipped`.
Routing is a loop, not recursion, so a long chain of steps that end at once is cheap.
"""

from __future__ import annotations

from facilitator.engine.events import ProtocolEnded, StepEnded, StepStarted, StepWaiting
from facilitator.engine.floor import end_floor, point_heard
from facilitator.engine.placeholders import TITLE_KEYS, fill
from facilitator.engine.state import Frame, Run, evolve
from facilitator.engine.tx import Looping, Tx
from facilitator.errors import Refused
from facilitator.protocols.model import END, Protocol


def push_frame(tx: Tx, protocol: Protocol) -> str | None:
    confidential = protocol.confidential or tx.confidential
    tx.update(frames=tx.m.frames + (Frame(protocol=protocol, confidential=confidential),))
    wanted = tx.m.waiting_for_roles() if tx.m.setup.rules >= 2 else None
    if wanted is not None:
        # A protocol run inside the meeting gets its declared roles: it waits for them,
        # and `role` begins it once they are named.
        tx.emit(StepWaiting, reason=wanted)
        return None
    return enter(tx, 0)


def begin_if_ready(tx: Tx) -> None:
    """A protocol that waited for its roles begins once they are all named."""
    if len(tx.m.frames) > 1 and tx.m.run is None and not tx.m.frames[-1].trail \
            and tx.m.waiting_for_roles() is None:
        finish(tx, enter(tx, 0))


def enter(tx: Tx, index: int) -> str | None:
    """Enter the step at `index` of the innermost protocol."""
    tx.count_entry()
    frame = tx.m.frames[-1]
    step = frame.protocol.steps[index]
    visit = frame.visits.get(step.id, 0) + 1
    confidential = frame.confidential if step.confidential is None else step.confidential
    kind = tx.kinds[step.kind]
    run = Run(step=step, kind=kind, index=index, entered=tx.active, entered_at=tx.now,
              visit=visit, state=kind.state(step), confidential=confidential)
    tx.set_frame(evolve(frame, run=run, visits={**frame.visits, step.id: visit},
                              trail=frame.trail + (index,)))
    tx.emit(StepStarted, protocol=frame.protocol.id, step=step.id, kind=step.kind,
            title=fill(tx.m, step.display_title, TITLE_KEYS), depth=len(tx.m.frames) - 1,
            visit=visit, closed=confidential)
    if visit > step.max_visits:
        return "exhausted"
    if step.every and tx.m.setup.meeting_number % step.every != 0:
        return "skipped"
    try:
        return kind.enter(tx)
    except Refused as why:
        if not tx.ticking:
            raise
        # Time cannot be refused: a step that a command could not enter yet (no proposal,
        # no presenter) is entered and waits, and the room is told what it waits for.
        tx.emit(StepWaiting, reason=str(why))
        return None


def end_step(tx: Tx, outcome: str) -> None:
    """Close the innermost step's visit: the floor ends, the timeline gets its entry."""
    run = tx.run
    if tx.m.point is not None:
        point_heard(tx)
    end_floor(tx)
    duration = max(0.0, tx.active - run.entered)
    overrun = max(0.0, duration - (run.step.time + run.extended)) if run.step.time else 0.0
    frame = tx.m.frames[-1]
    tx.emit(StepEnded, protocol=frame.protocol.id, step=run.step.id, kind=run.step.kind,
            outcome=outcome, duration_s=round(duration, 3), overrun_s=round(overrun, 3))
    tx.set_frame(evolve(frame, run=None))


def route(frame: Frame, run: Run, outcome: str) -> str:
    """Where `outcome` leads: `on`, the kind's own routes (a choice's options), `next`."""
    own = run.kind.routes(run.step)
    if outcome not in run.step.on and outcome in own:
        return own[outcome]
    return frame.protocol.route(run.index, outcome)


def finish(tx: Tx, outcome: str | None) -> None:
    """End the innermost step with `outcome` and carry on until a step waits for people."""
    while outcome is not None:
        outcome = _leave(tx, outcome)


def _leave(tx: Tx, outcome: str) -> str | None:
    run = tx.run
    frame = tx.m.frames[-1]
    end_step(tx, outcome)
    target = route(frame, run, outcome)
    if target != END:
        return enter(tx, frame.protocol.index(target))
    # The protocol ends with the outcome of the transition that reached `end`, or `done`
    # when it ran off the last step.
    step = run.step
    explicit = (outcome in step.on or step.next is not None
                or outcome in run.kind.routes(step))
    return pop_frame(tx, outcome if explicit else "done")


def pop_frame(tx: Tx, outcome: str) -> str | None:
    frame = tx.m.frames[-1]
    tx.emit(ProtocolEnded, protocol=frame.protocol.id, outcome=outcome)
    tx.update(frames=tx.m.frames[:-1])
    if not tx.m.frames:
        tx.update(outcome=outcome)
        return None
    resume = tx.run.kind.resume
    assert resume is not None, "only a kind that runs protocols has frames above it"
    return resume(tx, outcome)


def jump(tx: Tx, index: int, how: str) -> None:
    """Leave the innermost step without an outcome and enter another (`back`, `goto`)."""
    end_step(tx, how)
    finish(tx, enter(tx, index))


def deadline(tx: Tx) -> tuple[int, float] | None:
    """The earliest hard timebox among the running steps: (frame depth, active seconds)."""
    best: tuple[int, float] | None = None
    for depth, frame in enumerate(tx.m.frames):
        run = frame.run
        if run and run.step.hard and run.step.time:
            due = run.entered + run.step.time + run.extended
            if best is None or due < best[1]:
                best = (depth, due)
    return best


def tick(tx: Tx) -> None:
    """Fire every hard timebox that ran out by `tx.now`, each at the moment it ran out."""
    if tx.m.paused_since is not None or tx.m.ended:
        return
    now = tx.now
    tx.ticking = True
    while (due := deadline(tx)) is not None and due[1] <= tx.m.active(now):
        depth, at_active = due
        tx.now = now - (tx.m.active(now) - at_active)
        tx.entries = 0
        try:
            _fire(tx, depth)
        except Looping as why:
            _stop(tx, str(why))
    tx.now = now
    tx.ticking = False


def cut_to(tx: Tx, depth: int, outcome: str) -> None:
    """End every protocol run above `depth` (their steps too) with `outcome`."""
    while len(tx.m.frames) - 1 > depth:
        if tx.m.run is not None:
            end_step(tx, outcome)
        tx.emit(ProtocolEnded, protocol=tx.m.frames[-1].protocol.id, outcome=outcome)
        tx.update(frames=tx.m.frames[:-1])


def _stop(tx: Tx, reason: str) -> None:
    """Time ran into a circle of steps that never wait: the protocol is stopped."""
    tx.emit(StepWaiting, reason=reason)
    cut_to(tx, -1, "exhausted")
    tx.update(outcome="exhausted")


def _fire(tx: Tx, depth: int) -> None:
    """The step at `depth` timed out; the protocols inside it are cut off."""
    cut_to(tx, depth, "timeout")
    finish(tx, tx.run.kind.timeout(tx))
