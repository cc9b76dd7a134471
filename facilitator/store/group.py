"""A group: a folder holding every meeting's journal, its minutes, and changes made outside
meetings. The truth is files with unique names, written once; the memory that commands
read is a cache derived from them.

Layout (nothing is created until the first write):

    journals/<id>.jsonl      one journal per meeting (facilitator.store.journal)
    journals/<id>.owner-*    a meeting taken over on another laptop (`--take-over`)
    changes/<time>-<host>-<random>.json
                             one change made outside a meeting (facilitator.store.changes)
    minutes/<id>.json|.md|…  the minutes of ended meetings (written once, at the end)
    protocols.yaml           the group's own protocols
    .gitignore               what stays on this computer: the cache, locks, heartbeats
    memory.json, memory.*    the cache: tables folded from minutes and changes
                             (facilitator.store.derived)

Rules:
- A `Group` reads each part of the cache at most once (each process makes one `Group`),
  and answers with typed rows (facilitator.store.rows); what it writes itself it folds in
  from the facts it keeps, without reading the other files again.
- A cache that is missing, stale (the files changed), damaged or of any other shape is
  rebuilt from the files, and comes out the same whatever order they arrived in.
- A group from before this layout (a memory.json that was the truth) is converted on
  first open: a backup is kept, and `notice` says so once.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import socket
import time
from collections import Counter
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.store.care import KINDS, Backup, CapacityCheck, CareFacts, Rest, Shift
from facilitator.store.derived import Derived
from facilitator.store.files import atomic_write, ensure_dir, explained
from facilitator.store.history import KEEP, History, newest_first
from facilitator.store.journal import Journal
from facilitator.store.journal_read import last_line
from facilitator.store.memory import when
from facilitator.store.rows import (
    Action,
    Agreement,
    Decision,
    Deferred,
    Holder,
    MeetingRecord,
    Moratorium,
    OpenMeeting,
    Person,
    Principle,
    RoleHeld,
)
from facilitator.store.where import group_folder

MEETING_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _when(text: object) -> float:
    return when(text)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def opened_by() -> dict[str, str]:
    """Who opens a meeting, and where: kept in the journal's header, shared by sync."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "someone"
    return {"host": socket.gethostname(), "user": user}


class Group:
    """The group living in the folder `path`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self.memory_path = self.path / "memory.json"
        self.journals_path = self.path / "journals"
        self.minutes_path = self.path / "minutes"
        self.changes_path = self.path / "changes"
        self.protocols_path = self.path / "protocols.yaml"
        self._derived = Derived(self.path)

    @classmethod
    def from_env(cls, path: str | os.PathLike[str] | None = None) -> Group:
        """The group named by `--group DIR`, else `$FACILITATOR_GROUP`, else the user's
        data folder for facilitator (`…/facilitator/group`)."""
        if path is not None and not str(path).strip():
            raise StoreError("The group's folder is named as empty text; give the folder, or "
                             "leave it out to use $FACILITATOR_GROUP or the default group.")
        return cls(group_folder(path))

    # The memory: derived from the files (facilitator.store.derived)

    @property
    def notice(self) -> str | None:
        """A sentence to say once: the group was converted to this layout."""
        return self._derived.notice

    @property
    def reads(self) -> Counter[str]:
        """The cache files this Group read, by name: each once at most."""
        return self._derived.reads

    def prepare(self) -> None:
        """Convert a group from before this layout, once; write its `.gitignore`."""
        self._derived.prepare()

    def recorded(self) -> set[str]:
        """The ids of the meetings whose minutes are kept (one look at the folder)."""
        return self._derived.recorded()

    # Journals

    def journal_path(self, meeting_id: str) -> Path:
        """Where the journal of meeting `meeting_id` lives."""
        if not MEETING_ID.fullmatch(meeting_id):
            raise StoreError(
                f"{meeting_id!r} cannot be a meeting id: use letters, digits, '-', '_' and '.'."
            )
        return self.journals_path / f"{meeting_id}.jsonl"

    def new_journal(self, meeting_id: str, header: dict[str, Any]) -> Journal:
        """Create (and hold) the journal of a new meeting; creates the group if needed."""
        path = self.journal_path(meeting_id)
        ensure_dir(self.journals_path)
        return Journal.create(path, header)

    def _unrecorded_journals(self) -> list[Path]:
        """Journals of meetings whose minutes are not kept: open, or ended in a crash.
        (Only these become paths: a long history costs one look at the folder.)"""
        recorded = self._derived.recorded()
        try:
            with explained(f"The journals in {self.journals_path} could not be listed"):
                names = [n for n in os.listdir(self.journals_path)
                         if n.endswith(".jsonl") and n[: -len(".jsonl")] not in recorded]
        except StoreError as error:
            if isinstance(error.__cause__, FileNotFoundError):
                return []
            raise
        return [p for p in (self.journals_path / n for n in names) if p.is_file()]

    def unfinished_meetings(self) -> list[OpenMeeting]:
        """Meetings whose journal has no `end` command, newest first. Journals with no
        header are left out."""
        found = []
        for path in self._unrecorded_journals():
            try:
                with open(path, "rb") as handle:
                    header = json.loads(handle.readline())
                last = last_line(path)
            except (OSError, ValueError):
                continue
            if not isinstance(header, dict) or header.get("journal") != 1:
                continue
            if last is not None and last.get("command") == "end":
                continue
            meeting = header.get("meeting")
            if not isinstance(meeting, dict):
                meeting = {}
            created = meeting.get("created_at")
            found.append(OpenMeeting(path.stem,
                                     _text(meeting.get("title")), _text(meeting.get("protocol")),
                                     created if isinstance(created, str | int | float) else None))
        return sorted(found, key=lambda m: _when(m.created_at), reverse=True)

    def ended_unrecorded(self) -> list[str]:
        """Meetings whose journal ends with `end` but whose minutes were never recorded
        (the process stopped between the two): their ids, to be recorded now."""
        found = []
        for path in self._unrecorded_journals():
            try:
                last = last_line(path)
            except (OSError, ValueError):
                continue
            if last is not None and last.get("command") == "end":
                found.append(path.stem)
        return sorted(found)

    def last_meeting_id(self) -> str | None:
        """The id of the newest meeting, ended or still open; None in a new group."""
        times = {m.id: _when(m.started_at) for m in self.history().newest[:1]}
        for meeting in self.unfinished_meetings():
            times[meeting.id] = _when(meeting.created_at)
        return max(times, key=lambda i: times[i]) if times else None

    def holder(self, meeting_id: str) -> Holder | None:
        """Who has the unfinished meeting open, and where, from its journal's header or
        the latest take-over; None when nobody is named (journals written before sync)."""
        found: Holder | None = None
        try:
            with open(self.journal_path(meeting_id), "rb") as handle:
                header = json.loads(handle.readline())
            if isinstance(header, dict) and isinstance(header.get("opened_by"), dict):
                found = Holder.from_row(header["opened_by"])
        except (OSError, ValueError):
            return None
        taken = sorted(self.journals_path.glob(f"{meeting_id}.owner-*.json"))
        if taken:
            try:
                value = json.loads(taken[-1].read_bytes())
                found = Holder.from_row(value) if isinstance(value, dict) else found
            except (OSError, ValueError):
                pass
        return found

    def check_holder(self, meeting_id: str, take_over: bool = False) -> str | None:
        """Refuse a meeting open on another computer (its journal came through sync);
        with `take_over`, take it over and return the warning to show."""
        holder = self.holder(meeting_id)
        if holder is None or holder.host == socket.gethostname():
            return None
        who = f"{holder.user or 'someone'} on {holder.host or 'another computer'}"
        if not take_over:
            raise StoreError(
                f"The meeting {meeting_id} is open on another laptop ({who}). Finish it there "
                f"and sync, or take it over here with `facilitator resume {meeting_id} "
                "--take-over`."
            )
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        mine = {**opened_by(), "at": time.time()}
        atomic_write(self.journals_path / f"{meeting_id}.owner-{stamp}.json",
                     json.dumps(mine).encode())
        return (f"Taking over the meeting {meeting_id} from {who}. If it goes on there "
                "too, the two copies of its journal will not merge: ask them to stop and sync.")

    # Minutes

    def record_minutes(
        self, minutes: dict[str, Any], formats: dict[str, str] | None = None
    ) -> bool:
        """Keep an ended meeting's minutes and fold them into the group's memory.

        Writes minutes/<id>.<ext> for each text in `formats`, then minutes/<id>.json,
        which is what makes the meeting part of the memory. Recording a meeting again
        changes nothing (returns False). The minutes' `deferred` list, when present,
        replaces the group's deferred items; `reviews` close, hand on or move on actions
        and agreements.
        """
        meeting_id = str((minutes.get("meeting") or {}).get("id") or "")
        if not meeting_id:
            raise StoreError("These minutes have no meeting id, so they cannot be recorded.")
        self.journal_path(meeting_id)  # the same id rules as a journal's
        if meeting_id in self._derived.recorded():
            return False
        text = json.dumps(minutes, ensure_ascii=False, indent=2) + "\n"
        what = f"The minutes of {meeting_id} could not be written"
        try:
            ensure_dir(self.path)
            self.prepare()
            for ext, rendered in (formats or {}).items():
                atomic_write(self.minutes_path / f"{meeting_id}.{ext}", rendered.encode(), what)
            # Written last: the JSON is what makes the meeting part of the memory.
            atomic_write(self.minutes_path / f"{meeting_id}.json", text.encode(), what)
        except StoreError as error:
            raise StoreError(f"{error} The meeting is safe in its journal; its minutes are "
                             "written the next time the group is opened.") from error
        self._derived.added()
        return True

    def minutes(self, meeting_id: str) -> dict[str, Any] | None:
        """The stored minutes of an ended meeting; None when there are none.

        The id is checked as a journal's is, so `../../x` cannot reach outside the group."""
        self.journal_path(meeting_id)
        path = self.minutes_path / f"{meeting_id}.json"
        try:
            with explained(f"The minutes file {path} could not be read"):
                data = path.read_bytes()
        except StoreError as error:
            if isinstance(error.__cause__, FileNotFoundError):
                return None
            raise
        try:
            return json.loads(data)  # type: ignore[no-any-return]
        except ValueError:
            raise StoreError(f"The minutes file {path} is damaged and cannot be read.") from None

    # Queries

    def roster(self) -> list[Person]:
        """Everyone who has come to a meeting (or opted out of a role), by name."""
        return sorted((Person.from_row(r) for r in self._derived.table("roster")),
                      key=lambda p: p.name)

    def meetings(self) -> list[MeetingRecord]:
        """The index of ended meetings, newest first."""
        return newest_first(MeetingRecord.from_row(r) for r in self._derived.table("meetings"))

    def history(self, keep: int = KEEP) -> History:
        """The index of ended meetings summed up, with the last `keep` meetings whole: read
        from the cache (its size does not grow with the history) unless `keep` asks for
        more than it holds."""
        if keep <= KEEP:
            try:
                return History.from_row(self._derived.table("history")[0])
            except (IndexError, KeyError, TypeError, ValueError, AttributeError):
                pass  # not what the cache writes: fold it from the index instead
        return History.of(self.meetings(), keep)

    def meeting_count(self, protocol_id: str) -> int:
        """How many recorded meetings ran protocol `protocol_id` (for `every: N`)."""
        for found in self._derived.table("counts"):
            if found.get("protocol") == protocol_id:
                return int(found["count"])
        return 0

    def actions(self) -> list[Action]:
        """Every action item, open or not, oldest first (A1, A2, ...)."""
        return [Action.from_row(r) for r in self._derived.table("actions")]

    def open_actions(self) -> list[Action]:
        """Action items still open, oldest first (A1, A2, ...)."""
        return [Action.from_row(r) for r in self._derived.table("open_actions")]

    def open_agreements(self) -> list[Agreement]:
        """Agreements still open, in order (G1, G2, ...)."""
        return [Agreement.from_row(r) for r in self._derived.table("open_agreements")]

    def agreements_due(self, today: dt.date) -> list[Agreement]:
        """Open agreements whose review date is today or earlier, earliest first."""
        due = [a for a in self.open_agreements()
               if a.review_on and a.review_on <= today.isoformat()]
        return sorted(due, key=lambda a: a.review_on or "")

    def agreements(self) -> list[Agreement]:
        """Every agreement the group has made, in order."""
        return [Agreement.from_row(r) for r in self._derived.table("agreements")]

    def deferred_items(self) -> list[Deferred]:
        """Agenda items deferred to a later meeting, as the newest list left them."""
        return [Deferred.from_row(r) for r in self._derived.table("deferred")]

    def decisions(self, search: str | None = None) -> list[Decision]:
        """The decision log in the order decided; with `search`, only entries whose
        proposal, stance reasons or meeting title contain it (any case)."""
        rows = [Decision.from_row(r) for r in self._derived.table("decisions")]
        rows.sort(key=lambda d: d.date)
        if not search:
            return rows
        needle = search.casefold()

        def text(entry: Decision) -> str:
            reasons = " ".join(s.reason or "" for s in entry.stances)
            return f"{entry.proposal} {entry.meeting_title} {reasons}".casefold()

        return [entry for entry in rows if needle in text(entry)]

    def principles(self) -> list[Principle]:
        """The group's principles, in the order added."""
        return [Principle.from_row(r) for r in self._derived.table("principles")]

    def suggestions(self) -> list[str]:
        """What is in the anonymous suggestion box since the last process review (no names
        were ever kept), oldest first."""
        return [str(r.get("text")) for r in self._derived.table("suggestions")]

    def role_history(self) -> list[RoleHeld]:
        """Who held which role in which meeting, oldest first."""
        rows = [RoleHeld.from_row(r) for r in self._derived.table("roles")]
        return sorted(rows, key=lambda r: r.date)

    def moratoria(self) -> list[Moratorium]:
        """Every moratorium on new initiatives, set or lifted, in order."""
        return [Moratorium.from_row(r) for r in self._derived.table("moratorium")]

    # Changes made outside a meeting: one new file each

    def add_principle(self, text: str) -> Principle:
        """Add a principle the group has agreed on; returns it."""
        text = " ".join(text.split())
        if not text:
            raise StoreError("A principle needs some text: say what the group holds to.")
        ref = self._derived.change("principle", text=text)
        return next(p for p in self.principles() if p.ref == ref)

    def set_opt_out(self, name: str, role: str, out: bool) -> Person:
        """Record that `name` does (out=True) or no longer does not want `role`."""
        self._derived.change("opt_out", name=name, role=role, out=out)
        return next(p for p in self.roster() if p.name.casefold() == name.casefold())

    def set_pronouns(self, name: str, pronouns: str | None) -> Person:
        """Record `name`'s pronouns (None: not given)."""
        self._derived.change("pronouns", name=name, pronouns=pronouns or None)
        return next(p for p in self.roster() if p.name.casefold() == name.casefold())

    def set_moratorium(self, reason: str) -> None:
        """Put a moratorium on new initiatives in place."""
        self._derived.change("moratorium_set", reason=reason)

    def lift_moratorium(self, reason: str) -> None:
        """Lift the moratorium in place, saying why; the record of it is kept."""
        self._derived.change("moratorium_lift", reason=reason)

    def review(self, item_id: str, result: str, to: str | None = None) -> Action | Agreement:
        """Review an action or agreement outside a meeting (`done`, `drop`, `keep`, `hand`
        to someone), by its label (A2) or stable id; returns the item as it now is."""
        items: list[Action | Agreement] = [*self.actions(), *self.agreements()]
        found = [i for i in items if item_id in (i.id, i.ref)]
        if not found:
            raise StoreError(f"There is no action or agreement {item_id}; "
                             "`facilitator actions` lists the open ones.")
        if result not in ("done", "keep", "drop", "hand"):
            raise StoreError(f"`{result}` is not a review result; use done, keep, drop or "
                             "hand NAME.")
        if (result == "hand") != bool(to):
            raise StoreError("Say who takes it over: `hand NAME`." if result == "hand"
                             else f"`{result}` takes no name.")
        ref = found[0].ref
        self._derived.change("review", ref=ref, result=result, to=to)
        now: list[Action | Agreement] = [*self.actions(), *self.agreements()]
        return next(i for i in now if i.ref == ref)

    # Care (facilitator.store.care): shifts, rests, backups, capacity checks

    def care(self) -> CareFacts:
        """Shifts, rests, backups and capacity checks, as typed rows, in the fold's order."""
        table = self._derived.table
        return CareFacts(tuple(Shift.from_row(r) for r in table("shifts")),
                         tuple(Rest.from_row(r) for r in table("rests")),
                         tuple(Backup.from_row(r) for r in table("backups")),
                         tuple(CapacityCheck.from_row(r) for r in table("capacity")))

    def add_care(self, kind: str, **fields: Any) -> str:
        """Write one care change (`facilitator.store.care.KINDS`); returns its stable id.
        `now` and `file_name` go to `write_change`, the rest into the file."""
        if kind not in KINDS:
            raise StoreError(f"`{kind}` is not a kind of care change.")
        return self._derived.change(kind, **fields)
