"""`facilitator run --plain`: the meeting as a line-by-line conversation, for screen readers.

Rules:
- No textual: plain stdin and stdout, so it works wherever a terminal does.
- Commands are typed exactly as on the command line (and in scripts); each change is told
  in one sentence; a refusal is told in one sentence and changes nothing.
- Besides the commands: `status` (or an empty line) says where the meeting stands, `?`
  lists the commands, `quit` leaves the meeting open to be resumed.
- On a terminal, a ticker thread lets hard timeboxes fire and says once when a timebox is
  nearly up or over; commands and ticks take turns through a lock.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import IO, Any

from facilitator.clock import Clock
from facilitator.engine.commands import COMMANDS, parse
from facilitator.errors import FacilitatorError, Refused
from facilitator.i18n import _, current
from facilitator.opening import minutes_files
from facilitator.protocols.model import Library
from facilitator.session import LiveMeeting, Sources
from facilitator.store.group import Group
from facilitator.ui import timing, view
from facilitator.ui.announce import sentences, situation
from facilitator.ui.completion import candidates
from facilitator.ui.counsel import Counsel
from facilitator.ui.titles import title_of

TICK_SECONDS = 0.5


class Conversation:
    """One meeting, told line by line."""

    def __init__(self, live: LiveMeeting, group: Group | None, clock: Clock,
                 read: Callable[[str], str | None], write: Callable[[str], None]) -> None:
        self.live = live
        self.group = group
        self.clock = clock
        self.read = read
        self.say = write
        self.lock = threading.Lock()
        self.warned: set[tuple[Any, ...]] = set()
        self.roster = [p.name for p in group.roster()] if group else []
        self.counsel = Counsel(group, clock.now())
        self.recorded = True  # False when the minutes of the ended meeting were not written

    def run(self) -> int:
        self.say(_("Meeting {id}. Type a command, `status`, `?` for the commands, "
                   "or `quit` to leave it open.").format(id=self.live.id))
        if self.live.warning:  # a torn or damaged end of the journal was set aside
            self.say(self.live.warning)
        self.tell_situation()
        while True:
            line = self.read("> ")
            if line is None or line.strip() in ("quit", "exit"):
                self.say(_("The meeting stays open; `facilitator resume --plain` takes it up."))
                self.live.close()
                return 0
            if self.handle(line.strip()):
                return 0 if self.recorded else 1

    def tell_situation(self) -> None:
        for text in situation(self.live.meeting, self.clock.now()):
            self.say(text)

    def handle(self, line: str) -> bool:
        """One line typed; True when the meeting has ended and its minutes are written."""
        if line in ("", "status", "where"):
            self.tell_situation()
            return False
        if line in ("?", "help"):
            for spec in COMMANDS.values():
                self.say(f"{spec.usage}: {_(spec.what)}")
            return False
        try:
            name = parse(line).name
        except Refused as refusal:
            self.say(str(refusal))
            return False
        if name == "end":
            answer = self.read(_("End the meeting and write the minutes? Type yes or no: "))
            # yes in any language we speak: `sí` as well as `yes`
            if (answer or "").strip().lower() not in ("y", "yes", "s", "si", "sí"):
                self.say(_("The meeting goes on."))
                return False
        step_before = self._step_key()
        with self.lock:
            try:
                events = self.live.do(line)
            except FacilitatorError as error:
                self.say(str(error))
                return False
        for text in sentences(events, self.live.meeting) + self.counsel.after(events):
            self.say(text)
        if self.live.meeting.ended:
            self.finish()
            return True
        if self._step_key() != step_before:
            self.say(view.prompt(self.live.meeting))
            keys = view.stance_keys(self.live.meeting)
            if keys:
                self.say(_("Stances: {keys}. Give one with `stance NAME KEY`.").format(
                    keys="; ".join(keys)))
            quiet = self.counsel.quiet(self.live.meeting)
            if quiet:
                self.say(_("Quietly, for you: {note}").format(note=quiet))
        hint = view.hint(self.live.meeting)
        if hint and name in ("advance", "next", "pass", "stance", "start", "join", "role",
                             "done"):
            self.say(hint)
        return False

    def _step_key(self) -> tuple[Any, ...]:
        run = self.live.meeting.run
        return (len(self.live.meeting.frames), run.step.id, run.visit) if run else ()

    def finish(self) -> None:
        live = self.live
        try:
            live.finish(minutes_files(live.minutes(), live.meeting.library))
        except FacilitatorError as error:
            self.say(_("The minutes could not be written: {problem}").format(problem=error))
            self.recorded = False
            return
        if self.group is not None:
            self.say(_("Minutes written to {path}").format(
                path=self.group.path / "minutes" / (live.id + ".md")))

    def tick(self) -> None:
        """Fire hard timeboxes; say once when a timebox is nearly up, and once when over."""
        with self.lock:
            if self.live.journal is None and self.live.group is not None:
                return  # finished or closed
            try:
                events = self.live.tick()
            except FacilitatorError as error:
                self.say(str(error))
                return
            meeting, now = self.live.meeting, self.clock.now()
        for text in sentences(events, self.live.meeting):
            self.say(text)
        run = meeting.run
        timings: list[tuple[str, str, float, timing.Timing | None]] = []
        if run is not None:
            timings.append(("step", run.step.id, run.visit, timing.step_timing(meeting, now)))
        if meeting.floor is not None:
            timings.append(("floor", meeting.floor.name, meeting.floor.since,
                            timing.floor_timing(meeting, now)))
        for *key, timed in timings:
            if timed is None or not timed.warning:
                continue
            stage = "over" if timed.over else "near"
            if (*key, stage) not in self.warned:
                self.warned.add((*key, stage))
                self.say(timed.warning)


def _console(stdin: IO[str], stdout: IO[str]) -> tuple[Callable[[str], str | None],
                                                        Callable[[str], None]]:
    def write(text: str) -> None:
        print(text, file=stdout, flush=True)

    def read(prompt: str) -> str | None:
        if stdin is sys.stdin and stdin.isatty():
            try:
                return input(prompt)
            except EOFError:
                return None
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        return line.rstrip("\n") if line else None

    return read, write


def _complete(conversation: Conversation) -> None:
    try:
        import readline
    except ImportError:
        return

    def completer(text: str, state: int) -> str | None:
        line = readline.get_line_buffer()[:readline.get_endidx()]
        begin = readline.get_begidx()
        found = [c[begin:] for c in candidates(conversation.live.meeting, conversation.roster,
                                               line)]
        return found[state] if state < len(found) else None

    readline.set_completer_delims(" ")
    readline.set_completer(completer)
    readline.parse_and_bind("tab: complete")


def choose_meeting(group: Group | None, library: Library, sources: Sources, clock: Clock,
                   read: Callable[[str], str | None], say: Callable[[str], None],
                   protocol: str | None, title: str) -> LiveMeeting | None:
    """The plain picker: resume an unfinished meeting, or open a new one."""
    if protocol is None:
        unfinished = group.unfinished_meetings() if group else []
        if unfinished:
            latest = unfinished[0]
            say(_("The meeting {title} was not ended. Type r to resume it, or choose a "
                  "protocol for a new meeting.").format(title=latest.title or latest.id))
        text = current().text
        protocols = sorted(library.protocols.values(), key=lambda p: p.title)
        for number, p in enumerate(protocols, 1):
            steps = ", ".join(title_of(s) for s in p.steps)
            say(f"{number}. {text(p.title)} ({p.id}). {text(p.summary)} "
                + _("Steps: {steps}.").format(steps=steps))
        answer = (read(_("Which protocol? Type its number or id: ")) or "").strip()
        if unfinished and answer in ("r", "resume") and group is not None:
            return LiveMeeting.resume(group, unfinished[0].id, clock)
        chosen = next((p for n, p in enumerate(protocols, 1)
                       if answer in (str(n), p.id)), None)
        if chosen is None:
            say(_("No such protocol; nothing was opened."))
            return None
        protocol = chosen.id
        if not title:
            shown = text(chosen.title)
            title = (read(_("The meeting's title (enter for {title}): ").format(title=shown))
                     or "").strip() or shown

    return LiveMeeting.open(library, sources, protocol, clock, title=title, group=group)


def converse(live: LiveMeeting | None, group: Group | None, library: Library,
             sources: Sources, clock: Clock, *, protocol: str | None = None, title: str = "",
             stdin: IO[str] | None = None, stdout: IO[str] | None = None,
             tick_seconds: float | None = TICK_SECONDS) -> int:
    """Run one meeting as a conversation on stdin and stdout."""
    read, say = _console(stdin or sys.stdin, stdout or sys.stdout)
    if live is None:
        live = choose_meeting(group, library, sources, clock, read, say, protocol, title)
        if live is None:
            return 1
    conversation = Conversation(live, group, clock, read, say)
    interactive = stdin is None and sys.stdin.isatty()
    stop = threading.Event()
    if interactive:
        _complete(conversation)
    if interactive and tick_seconds:
        def ticker() -> None:
            while not stop.wait(tick_seconds):
                conversation.tick()

        threading.Thread(target=ticker, daemon=True).start()
    try:
        return conversation.run()
    finally:
        stop.set()

