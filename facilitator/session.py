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
import sys
from pathlib import Path
from typing import Any

import attrs

from facilitator.clock import Clock
from facilitator.engine.core import INTERRUPTED, TICK, apply, handle, interrupted, replay, tick
from facilitator.engine.snapshot import Unfaithful, freeze, thaw
from facilitator.engine.state import Meeting, ReviewItem, Setup
from facilitator.fairshare import current_moratorium
from facilitator.minutes.build import build_minutes
from facilitator.protocols.loader import build_library
from facilitator.protocols.model import AgendaItem, Library
from facilitator.store.group import Group, opened_by
from facilitator.store.journal import Entries, Journal, last_alive, read_journal

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
    """`<UTC date>-<time>-<protocol>-<suffix>`: readable, and unique across laptops (the
    random suffix), so two meetings opened at the same minute never share a journal. A
    meeting outside any group (a script run alone) has no suffix: it is never shared."""
    stamp = dt.datetime.fromtimestamp(when, dt.UTC).strftime("%Y-%m-%d-%H%M")
    if group is None:
        return f"{stamp}-{protocol}"
    while True:
        suffix = "".join(ids.choice(ID_ALPHABET) for _ in range(4))
        candidate = f"{stamp}-{protocol}-{suffix}"
        if not group.journal_path(candidate).exists():
            return candidate


MINUTES_FORMATS = ("md", "html", "txt")


def minutes_files(minutes: dict[str, Any]) -> dict[str, str]:
    """The formats kept beside the JSON in the group's minutes folder."""
    from facilitator.minutes import render

    return {fmt: render(minutes, fmt) for fmt in MINUTES_FORMATS}


def record_ended(group: Group) -> list[str]:
    """Record the minutes of meetings that ended but were not recorded (a crash between
    `end` and the write): nothing said is lost. Returns their ids."""
    done = []
    for meeting_id in group.ended_unrecorded():
        contents = read_journal(group.journal_path(meeting_id))
        minutes = build_minutes(contents.header["setup"]["setup"], contents.entries)
        group.record_minutes(minutes, minutes_files(minutes))
        done.append(meeting_id)
    return done


def open_group(path: Any = None) -> Group:
    """The group named by `--group`, `FACILITATOR_GROUP` or the default folder, with any
    meeting that ended unrecorded recorded first, so its memory is whole."""
    group = Group.from_env(path)
    record_ended(group)
    if group.notice:  # the group was converted to the sync layout: said once, here
        print(f"facilitator: {group.notice}", file=sys.stderr)
    return group


def group_setup(group: Group | None, protocol: str, title: str, meeting_id: str,
                now: float) -> Setup:
    """What the group's memory brings to a new meeting."""
    if group is None:
        return Setup(meeting_id, title, protocol, now)
    record_ended(group)
    today = dt.datetime.fromtimestamp(now, dt.UTC).date()
    # The label (A2) is what people type; the stable id is what the journal's review names.
    review = [ReviewItem(a.id, "action", a.what, a.owner or "", a.ref)
              for a in group.open_actions()]
    review += [ReviewItem(g.id, "agreement", g.text, ", ".join(g.parties), g.ref)
               for g in group.agreements_due(today)]
    deferred = [AgendaItem(title=d.title, protocol=d.protocol) for d in group.deferred_items()]
    return Setup(meeting_id, title, protocol, now,
                 meeting_number=group.meeting_count(protocol) + 1,
                 review=tuple(review), deferred=tuple(deferred),
                 moratorium=current_moratorium(group))


def check_snapshots(path: Path) -> tuple[int, list[str]]:
    """Replay a journal from its start and compare the meeting with every snapshot in it.

    Returns how many snapshots there are and a sentence for each that does not match."""
    contents = read_journal(path)
    sources = [(f, t) for f, t in contents.header["setup"]["sources"]]
    setup = Setup.from_dict(contents.header["setup"]["setup"])
    library, _ = build_library(sources, include_builtin=False)
    entries = contents.entries
    meeting = replay(setup, library, ())
    wrong = []
    done = 0
    for number, (count, line) in enumerate(contents.snapshots):
        for index in range(done, count):
            meeting = apply(meeting, entries[index])
        done = count
        try:
            kept = thaw(line["snapshot"], setup, library)
            matches = kept == meeting and kept.seq == meeting.seq
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            matches = False
        if not matches:
            wrong.append(
                f"Line {count + number + 2} of the journal {path.name}, the snapshot after "
                f"entry {count}, does not match the meeting replayed from the start; "
                "the commands are the truth: `facilitator resume --from-start` ignores "
                "snapshots.")
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
        self.warning: str | None = None  # what reading the journal had to say, on resuming
        self.header: dict[str, Any] | None = None  # for the journal, until the first command
        self._last_beat = float("-inf")

    @classmethod
    def open(cls, library: Library, sources: Sources, protocol: str, clock: Clock, *,
             title: str = "", group: Group | None = None) -> LiveMeeting:
        now = clock.now()
        meeting_id = new_meeting_id(protocol, now, group)
        setup = group_setup(group, protocol, title, meeting_id, now)
        live = cls(Meeting.open(setup, library), clock, sources, None, group)
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
            sources = [(f, t) for f, t in contents.header["setup"]["sources"]]
            setup = Setup.from_dict(contents.header["setup"]["setup"])
            library, _ = build_library(sources, include_builtin=False)
            entries = contents.entries
            if contents.snapshots and not from_start:
                count, line = contents.snapshots[-1]
                meeting = thaw(line["snapshot"], setup, library)
                for index in range(count, len(entries)):
                    meeting = apply(meeting, entries[index])
            else:
                meeting = replay(setup, library, entries)
            meeting = attrs.evolve(meeting, undo=(), undo_cut=False)
        except BaseException:
            journal.close()
            raise
        kept = entries if isinstance(entries, Entries) else Entries(list(entries))
        live = cls(meeting, clock, sources, journal, group, kept)
        live.warning = " ".join(w for w in (taken, contents.warning) if w) or None
        live._interrupted(kept, last_alive(group.journal_path(meeting_id)))
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
                events: list[dict[str, Any]], **extra: Any) -> list[dict[str, Any]]:
        entry = {"seq": len(self.entries) + 1, "at": at, "command": command, **extra,
                 "events": events}
        if self.journal is None and self.header is not None and self.group is not None:
            self.journal = self.group.new_journal(self.id, self.header)
            self.header = None
        if self.journal is not None:
            self.journal.append(entry)  # durable before anyone sees the change
        self.entries.append(entry)
        self.meeting = meeting
        if self.journal is not None and len(self.entries) % SNAPSHOT_EVERY == 0 \
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
        self.journal.append({"seq": len(self.entries), "at": at, "command": TICK,
                             "events": [], "snapshot": state})

    def do(self, command: str) -> list[dict[str, Any]]:
        """Give one command now; Refused leaves everything as it was."""
        now = max(self.clock.now(), self.meeting.setup.created_at)
        meeting, events = handle(self.meeting, command, now)
        return self._accept(command.strip(), now, meeting, events)

    def tick(self) -> list[dict[str, Any]]:
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
        if self.journal is not None and now - self._last_beat >= HEARTBEAT:
            self.journal.beat(now)
            self._last_beat = now

    def minutes(self) -> dict[str, Any]:
        return build_minutes(self.meeting.setup.to_dict(), self.entries)

    def finish(self, formats: dict[str, str] | None = None) -> dict[str, Any]:
        """After `end`: the minutes, recorded into the group's memory. Returns them."""
        minutes = self.minutes()
        if self.group is not None and self.meeting.ended:
            self.group.record_minutes(minutes, formats or {})
        self.close()
        return minutes

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
            self.journal = None
