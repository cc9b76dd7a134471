"""A meeting being run: the engine's state, its journal and a clock, held together.

Rules:
- Every accepted command is in the journal (flushed and fsynced) before `do` returns,
  so the screen never shows what the journal does not hold.
- A refused command writes nothing.
- The journal's header holds the protocol sources the meeting was opened with, so a
  meeting resumes with exactly the protocols it began with.
"""

from __future__ import annotations

import datetime as dt
import random
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from facilitator.clock import Clock
from facilitator.engine.commands import parse
from facilitator.engine.core import INTERRUPTED, TICK, apply, handle, interrupted, tick
from facilitator.engine.events import BallotCast, Event, to_json
from facilitator.engine.snapshot import Unfaithful, freeze, thaw
from facilitator.engine.state import Meeting, Setup
from facilitator.errors import FacilitatorError, StoreError
from facilitator.i18n import _
from facilitator.minutes.build import build_minutes
from facilitator.minutes.fold import MinutesFold
from facilitator.opening import group_setup, set_aside_damaged
from facilitator.protocols.loader import build_library
from facilitator.protocols.model import Library
from facilitator.store.care import capacity_answers, record_capacity
from facilitator.store.group import Group, opened_by
from facilitator.store.journal import Journal, last_alive
from facilitator.store.journal_lines import Entries
from facilitator.store.journal_read import entry_line, read_journal

Sources = list[tuple[str, str]]
ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
# Where meeting-id suffixes come from; tests put a seeded random.Random here (testability
# as a feature, like FakeClock).
ids: random.Random = random.SystemRandom()
HEARTBEAT = 5.0  # seconds between heartbeats while a meeting runs
INTERRUPTION = 10.0  # a shorter gap on resuming is not worth a word
# A snapshot of the meeting's state goes into the journal after every this many entries:
# resuming replays at most this many (`facilitator check` compares them with a full replay).
SNAPSHOT_EVERY = 250


def new_meeting_id(protocol: str, when: float, group: Group | None) -> str:
    """`<local date>-<time>-<protocol>-<suffix>`: readable in the computer's own time
    zone, and unique across laptops (the random suffix), so two meetings opened at the same
    minute never share a journal. A meeting outside any group (a script run alone) has no
    suffix: it is never shared."""
    stamp = dt.datetime.fromtimestamp(when).strftime("%Y-%m-%d-%H%M")  # local time
    if group is None:
        return f"{stamp}-{protocol}"
    while True:
        suffix = "".join(ids.choice(ID_ALPHABET) for _ in range(4))
        candidate = f"{stamp}-{protocol}-{suffix}"
        if not group.journal_path(candidate).exists():
            return candidate


def replay_journal(path: Any, meeting: Meeting, entries: Sequence[dict[str, Any]],
                   first: int = 0) -> Meeting:
    """`entries[first:]` of the journal at `path` on top of `meeting`, as they were taken
    live. An entry that cannot be replayed is a StoreError naming the file and its line
    (the header is line 1; snapshot lines count as lines, not entries)."""
    for index in range(first, len(entries)):
        try:
            meeting = apply(meeting, entries[index])
        except Exception as error:  # noqa: BLE001 -- whatever a damaged entry does, say where
            why = str(error) if isinstance(error, FacilitatorError) else \
                f"{type(error).__name__}: {error}".rstrip(": ")
            try:
                line = entry_line(Path(path), index)
            except OSError:  # gone since it was read: as if it held no snapshots
                line = index + 2
            raise StoreError(f"{path}:{line}: " + _(
                "this journal entry cannot be replayed ({why}), so the meeting cannot be "
                "rebuilt past it. Move the lines from {line} on into another file to go on "
                "from line {before}, or move the whole file away to hide this meeting.").format(
                why=why.rstrip("."), line=line, before=line - 1)) from None
    return meeting


def check_snapshots(path: Path) -> tuple[int, list[str]]:
    """Replay a journal from its start and compare the meeting with every snapshot in it.

    Returns how many snapshots there are and a sentence for each that does not match."""
    contents = read_journal(path)
    sources = [(str(f), str(t)) for f, t in contents.header["setup"]["sources"]]
    setup = Setup.from_dict(contents.header["setup"]["setup"])
    library, _problems = build_library(sources, include_builtin=False)
    entries = contents.entries
    meeting = Meeting.open(setup, library)
    wrong = []
    done = 0
    for number, (count, line) in enumerate(contents.snapshots):
        meeting = replay_journal(path, meeting, entries[:count], done)
        done = count
        try:
            kept = thaw(line["snapshot"], setup, library)
            matches = kept == meeting and kept.seq == meeting.seq
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, Unfaithful):
            matches = False
        if not matches:
            wrong.append(_(
                "Line {line} of the journal {file}, the snapshot after entry {entry}, does "
                "not match the meeting replayed from the start; the commands are the truth: "
                "`facilitator resume --from-start` ignores snapshots.").format(
                    line=count + number + 2, file=path.name, entry=count))
    return len(contents.snapshots), wrong


class LiveMeeting:
    def __init__(self, meeting: Meeting, clock: Clock, sources: Sources,
                 journal: Journal | None = None, group: Group | None = None,
                 entries: Entries | None = None) -> None:
        self.meeting = meeting
        self.clock = clock
        self.sources = sources
        self.journal = journal
        self.group = group
        self.entries = entries if entries is not None else Entries()
        self.accepted = len(self.entries)  # entries in the journal (snapshots aside)
        # A meeting that keeps no entries (a script's) folds them into its minutes as they
        # come, and keeps each person's last capacity answer: memory stays flat.
        self.fold: MinutesFold | None = None
        self.capacity: dict[str, str] = {}
        self.warning: str | None = None  # what reading the journal had to say, on resuming
        self.header: dict[str, Any] | None = None  # for the journal, until the first command
        self._last_beat = float("-inf")
        self._beat_failing = False

    @classmethod
    def open(cls, library: Library, sources: Sources, protocol: str, clock: Clock, *,
             title: str = "", group: Group | None = None,
             keep_entries: bool = True) -> LiveMeeting:
        """A new meeting. `keep_entries=False`: its entries are not kept in memory (the
        screens read them; a script does not), only what its minutes will say."""
        now = clock.now()
        meeting_id = new_meeting_id(protocol, now, group)
        setup = group_setup(group, protocol, title, meeting_id, now)
        live = cls(Meeting.open(setup, library), clock, sources, None, group)
        if not keep_entries:
            live.fold = MinutesFold(setup.to_dict())
        if group is not None:
            # The journal is made by the first accepted command: opening a meeting and
            # leaving without a word leaves nothing to resume.
            live.header = {"journal": 1,
                           "meeting": {"id": meeting_id, "title": title, "protocol": protocol,
                                       "created_at": now},
                           "opened_by": opened_by(),
                           "setup": {"setup": setup.to_dict(),
                                     "sources": [list(s) for s in sources]}}
        return live

    @classmethod
    def resume(cls, group: Group, meeting_id: str, clock: Clock,
               take_over: bool = False, from_start: bool = False) -> LiveMeeting:
        """Rebuild an unfinished meeting from its journal and go on writing to it: from its
        last snapshot (or from the start, `from_start`), with the entries after it.

        A meeting open on another laptop is refused, unless `take_over` (the warning is
        in `warning`). Undo does not reach back across a resume."""
        taken = group.check_holder(meeting_id, take_over)
        journal, contents = Journal.open(group.journal_path(meeting_id), lazy=not from_start)
        try:
            setup_part = contents.header["setup"]
            sources = [(str(f), str(t)) for f, t in setup_part["sources"]]
            setup = Setup.from_dict(setup_part["setup"])
            library, _problems = build_library(sources, include_builtin=False)
            path = group.journal_path(meeting_id)
            entries = contents.entries
            if contents.snapshots and not from_start:
                count, line = contents.snapshots[-1]
                start = thaw(line["snapshot"], setup, library)
                meeting = replay_journal(path, start, entries, count)
            else:
                meeting = replay_journal(path, Meeting.open(setup, library), entries)
            meeting = attrs.evolve(meeting, undo=(), undo_cut=False)
            kept = entries if isinstance(entries, Entries) else Entries(list(entries))
            live = cls(meeting, clock, sources, journal, group, kept)
            live.warning = " ".join(w for w in (taken, contents.warning) if w) or None
            live._interrupted(kept, last_alive(path))
        except Exception as error:  # damage of any shape: see set_aside_damaged
            journal.close()
            if isinstance(error, StoreError):
                # An entry that cannot be replayed (named by file and line: the lines before
                # it are fine), or the interruption could not be saved: set nothing aside.
                raise
            raise StoreError(set_aside_damaged(group, meeting_id, error)) from error
        except BaseException:  # an interrupt while rebuilding: the journal is fine
            journal.close()
            raise
        return live

    def _interrupted(self, entries: Entries, alive: float | None) -> None:
        """The time the computer was off stands still, as in a pause: the meeting goes on
        where it stopped. It stopped at its last heartbeat or last command, the later."""
        if not entries or self.meeting.ended:
            return
        since = max(entries[-1]["at"], alive or 0.0)
        now = self.clock.now()
        if now - since < INTERRUPTION:
            return
        meeting, events = interrupted(self.meeting, since, now)
        if events:
            self._accept(INTERRUPTED, now, meeting, events, since=since)


    @property
    def id(self) -> str:
        return self.meeting.setup.meeting_id

    def _accept(self, command: str, at: float, meeting: Meeting,
                events: list[Event], **extra: Any) -> list[Event]:
        # The entry is the journal's line: events in their JSON form.
        entry = {"seq": self.accepted + 1, "at": at, "command": command, **extra,
                 "events": [to_json(e) for e in events]}
        if self.journal is None and self.header is not None and self.group is not None:
            self.journal = self.group.new_journal(self.id, self.header)
            self.header = None
        if self.journal is not None:
            self.journal.append(entry)  # durable before anyone sees the change
        if self.fold is None:
            self.entries.append(entry)
        else:
            self.fold.add(entry)
            self.capacity.update(capacity_answers((entry,)))
        self.accepted += 1
        self.meeting = meeting
        if self.journal is not None and self.accepted % SNAPSHOT_EVERY == 0 \
                and not meeting.ended:
            self._snapshot(at)
        return events

    def _snapshot(self, at: float) -> None:
        """Write the meeting's state into the journal, so resuming need not replay what
        came before. Written after the entry it follows is durable; one that is lost to a
        crash costs only time. A meeting a snapshot cannot carry unchanged gets none."""
        try:
            state = freeze(self.meeting)
        except Unfaithful:
            return
        assert self.journal is not None
        self.journal.append({"seq": self.accepted, "at": at, "command": TICK,
                             "events": [], "snapshot": state})

    def _claim_id(self) -> None:
        """Before the journal is made: if another meeting opened in the same minute has
        taken this id since, take the next free one (nothing has happened here yet)."""
        if self.journal is not None or self.header is None or self.group is None:
            return
        if not self.group.journal_path(self.id).exists():
            return
        setup = self.meeting.setup
        fresh = new_meeting_id(setup.protocol, setup.created_at, self.group)
        setup = attrs.evolve(setup, meeting_id=fresh)
        self.meeting = Meeting.open(setup, self.meeting.library)
        self.header = {**self.header, "meeting": {**self.header["meeting"], "id": fresh},
                       "setup": {**self.header["setup"], "setup": setup.to_dict()}}

    def do(self, command: str, source: str | None = None) -> list[Event]:
        """Give one command now; Refused leaves everything as it was. `source`: who gave
        it when not this keyboard ("Ana's phone"), kept on the journal's entry."""
        self._claim_id()
        now = max(self.clock.now(), self.meeting.setup.created_at)
        meeting, events = handle(self.meeting, command, now, source=source)
        extra: dict[str, Any] = {} if source is None else {"source": source}
        text = command.strip()
        if any(isinstance(e, BallotCast) for e in events):
            # A secret stance: the journal keeps who, never what.
            text, extra["sealed"] = shlex.join(["stance", parse(text).args[0]]), True
        return self._accept(text, now, meeting, events, **extra)

    def tick(self) -> list[Event]:
        """Let hard timeboxes that ran out fire; journal them if any did. Also the
        heartbeat: the screens call this every moment the meeting runs."""
        self.beat()
        now = self.clock.now()
        meeting, events = tick(self.meeting, now)
        if not events:
            return []
        return self._accept(TICK, now, meeting, events)

    def beat(self) -> None:
        """Tell the journal the computer is alive (at most every few seconds)."""
        now = self.clock.now()
        if self.journal is None or now - self._last_beat < HEARTBEAT:
            return
        self._last_beat = now  # a failing write is tried again a beat later, not at once
        try:
            self.journal.beat(now)
        except StoreError as error:
            if self._beat_failing:
                return  # said once per outage
            self._beat_failing = True
            raise StoreError(f"{error} " + _("The meeting goes on: every command is still "
                                             "saved to its journal, or refused in a sentence "
                                             "if it cannot be.")) from error
        self._beat_failing = False

    def minutes(self) -> dict[str, Any]:
        if self.fold is None:
            return build_minutes(self.meeting.setup.to_dict(), self.entries)
        self.fold.setup = self.meeting.setup.to_dict()  # its id may have changed (_claim_id)
        return self.fold.minutes()  # the meeting's last word: it takes no command after

    def finish(self, formats: dict[str, str] | None = None) -> dict[str, Any]:
        """After `end`: the minutes, recorded into the group's memory. Returns them."""
        minutes = self.minutes()
        try:
            if self.group is not None and self.meeting.ended:
                if self.group.record_minutes(minutes, formats or {}):
                    # Without its entries, a meeting gives each person's last answer.
                    answers = self.entries if self.fold is None else [{"events": [
                        {"type": "Collected", "field": "capacity", "name": name,
                         "value": value} for name, value in self.capacity.items()]}]
                    record_capacity(self.group, minutes, answers)
        finally:
            self.close()  # ended: recorded now, or from its journal when the group next opens
        return minutes

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
            self.journal = None
