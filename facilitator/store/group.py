"""A group: a folder holding every meeting's journal, its minutes, and changes made outside
meetings. The truth is files with unique names, written once; the memory that commands
read is a cache derived from them (facilitator.store.group_memory answers from it).

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

Here: the folder's paths, its meetings' journals (which are open, which ended unrecorded,
who holds one) and the minutes kept. Rules:
- A meeting id is letters, digits, '-', '_' and '.', so no id reaches outside the folder.
- Looking for open meetings lists the `journals/` folder once and reads only the journals
  of meetings without minutes, each from its two ends.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import socket
import time
from pathlib import Path
from typing import Any

from facilitator.errors import StoreError
from facilitator.i18n import _
from facilitator.store.derived import Derived
from facilitator.store.files import atomic_write, ensure_dir, explained
from facilitator.store.group_memory import GroupMemory
from facilitator.store.journal import Journal
from facilitator.store.journal_read import last_line
from facilitator.store.memory import when
from facilitator.store.rows import Holder, OpenMeeting
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


class Group(GroupMemory):
    """The group living in the folder `path`: its files here, its memory from
    `GroupMemory`."""

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
            raise StoreError(_("The group's folder is named as empty text; give the folder, "
                               "or leave it out to use $FACILITATOR_GROUP or the default "
                               "group."))
        return cls(group_folder(path))

    # Journals

    def journal_path(self, meeting_id: str) -> Path:
        """Where the journal of meeting `meeting_id` lives."""
        if not MEETING_ID.fullmatch(meeting_id):
            raise StoreError(
                _("{id} cannot be a meeting id: use letters, digits, '-', '_' and '.'.").format(
                    id=repr(meeting_id))
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
            with explained(_("The journals in {folder} could not be listed").format(
                    folder=self.journals_path)):
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
        who = _("{user} on {host}").format(user=holder.user or _("someone"),
                                           host=holder.host or _("another computer"))
        if not take_over:
            raise StoreError(
                _("The meeting {id} is open on another laptop ({who}). Finish it there and "
                  "sync, or take it over here with `facilitator resume {id} --take-over`.")
                .format(id=meeting_id, who=who)
            )
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        mine = {**opened_by(), "at": time.time()}
        atomic_write(self.journals_path / f"{meeting_id}.owner-{stamp}.json",
                     json.dumps(mine).encode())
        return _("Taking over the meeting {id} from {who}. If it goes on there too, the two "
                 "copies of its journal will not merge: ask them to stop and sync.").format(
            id=meeting_id, who=who)

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
            raise StoreError(_("These minutes have no meeting id, so they cannot be "
                               "recorded."))
        self.journal_path(meeting_id)  # the same id rules as a journal's
        if meeting_id in self._derived.recorded():
            return False
        text = json.dumps(minutes, ensure_ascii=False, indent=2) + "\n"
        what = _("The minutes of {id} could not be written").format(id=meeting_id)
        try:
            ensure_dir(self.path)
            self.prepare()
            for ext, rendered in (formats or {}).items():
                atomic_write(self.minutes_path / f"{meeting_id}.{ext}", rendered.encode(), what)
            # Written last: the JSON is what makes the meeting part of the memory.
            atomic_write(self.minutes_path / f"{meeting_id}.json", text.encode(), what)
        except StoreError as error:
            raise StoreError(f"{error} " + _("The meeting is safe in its journal; its minutes "
                                             "are written the next time the group is "
                                             "opened.")) from error
        self._derived.added()
        return True

    def minutes(self, meeting_id: str) -> dict[str, Any] | None:
        """The stored minutes of an ended meeting; None when there are none.

        The id is checked as a journal's is, so `../../x` cannot reach outside the group."""
        self.journal_path(meeting_id)
        path = self.minutes_path / f"{meeting_id}.json"
        try:
            with explained(_("The minutes file {file} could not be read").format(file=path)):
                data = path.read_bytes()
        except StoreError as error:
            if isinstance(error.__cause__, FileNotFoundError):
                return None
            raise
        try:
            return json.loads(data)  # type: ignore[no-any-return]
        except ValueError:
            raise StoreError(_("The minutes file {file} is damaged and cannot be read.").format(
                file=path)) from None
