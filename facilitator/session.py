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
from typing import Any

from facilitator.clock import Clock
from facilitator.engine.core import INTERRUPTED, TICK, handle, interrupted, replay, tick
from facilitator.engine.state import Meeting, ReviewItem, Setup
from facilitator.fairshare import current_moratorium
from facilitator.minutes.build import build_minutes
from facilitator.protocols.loader import build_library
from facilitator.protocols.model import AgendaItem, Library
from facilitator.store.care import capacity_answers
from facilitator.store.group import Group, opened_by
from facilitator.store.journal import Journal, last_alive, read_journal
from facilitator.store.memory import when

Sources = list[tuple[str, str]]
ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
# Where meeting-id suffixes come from; tests put a seeded random.Random here (testability
# as a feature, like FakeClock).
ids: random.Random = random.SystemRandom()
HEARTBEAT = 5.0  # seconds between heartbeats while a meeting runs
INTERRUPTION = 10.0  # a shorter gap on resuming is not worth a word


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
        if group.record_minutes(minutes, minutes_files(minutes)):
            record_capacity(group, minutes, contents.entries)
        done.append(meeting_id)
    return done


def record_capacity(group: Group, minutes: dict[str, Any],
                    entries: list[dict[str, Any]]) -> None:
    """After a meeting with a capacity round, keep who answered and who had no room (red)
    as a change file named by the meeting (written once); the answers stay out of the
    minutes, as a private round's do."""
    answers = capacity_answers(entries)
    if not answers:
        return
    meeting = minutes["meeting"]
    group.add_care("capacity", now=when(meeting.get("ended_at") or meeting.get("started_at")),
                   file_name=f"capacity-{meeting['id']}.json", meeting=meeting["id"],
                   red=sorted(n for n, v in answers.items() if v == "red"),
                   answered=sorted(answers))


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


class LiveMeeting:
    def __init__(self, meeting: Meeting, clock: Clock, sources: Sources,
                 journal: Journal | None = None, group: Group | None = None,
                 entries: list[dict[str, Any]] | None = None) -> None:
        self.meeting = meeting
        self.clock = clock
        self.sources = sources
        self.journal = journal
        self.group = group
        self.entries: list[dict[str, Any]] = entries or []
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
               take_over: bool = False) -> LiveMeeting:
        """Rebuild an unfinished meeting from its journal and go on writing to it.

        A meeting open on another laptop is refused, unless `take_over` (the warning is
        in `warning`)."""
        taken = group.check_holder(meeting_id, take_over)
        journal, contents = Journal.open(group.journal_path(meeting_id))
        try:
            sources = [(f, t) for f, t in contents.header["setup"]["sources"]]
            setup = Setup.from_dict(contents.header["setup"]["setup"])
            library, _ = build_library(sources, include_builtin=False)
            meeting = replay(setup, library, contents.entries)
        except BaseException:
            journal.close()
            raise
        live = cls(meeting, clock, sources, journal, group, list(contents.entries))
        live.warning = " ".join(w for w in (taken, contents.warning) if w) or None
        live._interrupted(contents.entries, last_alive(group.journal_path(meeting_id)))
        return live

    def _interrupted(self, entries: list[dict[str, Any]], alive: float | None) -> None:
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
        return events

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
            if self.group.record_minutes(minutes, formats or {}):
                record_capacity(self.group, minutes, self.entries)
        self.close()
        return minutes

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
            self.journal = None
