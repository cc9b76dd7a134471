"""A transaction: one command's work on a frozen meeting.

`Tx` holds the meeting as it is becoming and the events said so far. Step modules change
the meeting only through it. If anything raises `Refused`, the caller drops the Tx and the
meeting it started from is untouched, because nothing here mutates a state object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from facilitator.engine.events import Event
from facilitator.engine.state import Frame, Meeting, Run, evolve
from facilitator.errors import Refused
from facilitator.i18n import _, current

if TYPE_CHECKING:
    from facilitator.engine.kind import StepKind

# Entering this many steps in one command means the protocol routes in a circle.
MAX_ENTRIES = 500

P = ParamSpec("P")
E = TypeVar("E", bound=Event)
S = TypeVar("S")


class Looping(Refused):
    """The protocol routes in a circle in which no step waits for anyone."""


class Tx:
    def __init__(self, meeting: Meeting, now: float, kinds: Mapping[str, StepKind],
                 source: str | None = None,
                 journaled: Sequence[Mapping[str, Any]] | None = None) -> None:
        self.m = meeting
        # Who gave the command when not the facilitator's keyboard ("Ana's phone").
        self.source = source
        # On replay: the events the journal holds for this command (a secret ballot's
        # count is read from them, since its stances were never written by name).
        self.journaled = journaled
        self.now = now
        self.kinds = kinds
        self.events: list[Event] = []
        self.entries = 0
        self.ticking = False  # firing timeboxes: a step that cannot start yet waits instead

    @property
    def active(self) -> float:
        return self.m.active(self.now)

    @property
    def run(self) -> Run:
        run = self.m.run
        if run is None:
            raise Refused(_("No step is running; `start` the meeting first."))
        return run

    def require_run(self, command: str) -> Run:
        """The running step, or Refused saying why `command` cannot be given now."""
        if self.m.started_at is None:
            raise Refused(_("The meeting has not started; `start` it before `{command}`.").format(
                command=command))
        run = self.m.run
        if run is None:
            wanted = self.m.waiting_for_roles(current())
            if wanted is not None:
                raise Refused(wanted)
            raise Refused(_("The protocol has ended; add notes or records, or `end` the meeting."))
        return run

    def state(self, cls: type[S]) -> S:
        """The running step's own state, which its kind module knows to be a `cls`."""
        state = self.run.state
        assert isinstance(state, cls), f"the running step keeps no {cls.__name__}"
        return state

    @property
    def confidential(self) -> bool:
        if not self.m.frames:
            return False
        run = self.m.frames[-1].run
        return run.confidential if run else self.m.frames[-1].confidential

    def emit(self, cls: Callable[P, E], *args: P.args, **fields: P.kwargs) -> E:
        """Say what happened, now. What is said inside a confidential protocol or step is
        marked so, unless the class is PUBLIC (timing, attendance) or the caller says
        `confidential=False` (a record made public)."""
        given = fields.pop("confidential", None)
        public = cast("type[Event]", cls).PUBLIC
        secret = bool(given) if given is not None else (not public and self.confidential)
        make = cast("Callable[..., E]", cls)
        event = make(*args, at=self.now, confidential=secret, **fields)
        self.events.append(event)
        return event

    def update(self, **changes: Any) -> None:
        self.m = evolve(self.m, **changes)

    def set_frame(self, frame: Frame, depth: int = -1) -> None:
        frames = list(self.m.frames)
        frames[depth] = frame
        self.update(frames=tuple(frames))

    def update_run(self, **changes: Any) -> None:
        frame = self.m.frames[-1]
        assert frame.run is not None
        self.set_frame(evolve(frame, run=evolve(frame.run, **changes)))

    def update_state(self, **changes: Any) -> None:
        """Change fields of the running step's own state."""
        self.update_run(state=evolve(self.run.state, **changes))

    def count_entry(self) -> None:
        self.entries += 1
        if self.entries > MAX_ENTRIES:
            raise Looping(_(
                "This protocol routes in a circle without stopping for anyone; "
                "check its `next` and `on` routes with `facilitator show`."
            ))
