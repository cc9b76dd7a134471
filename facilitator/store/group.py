"""A group: a folder holding its memory, every meeting's journal and its minutes.

Layout (nothing is created until the first write):

    memory.json              TinyDB, atomic writes (facilitator.store.atomic)
    journals/<id>.jsonl      one journal per meeting (facilitator.store.journal)
    minutes/<id>.json|.md|…  the minutes of ended meetings
    protocols.yaml           the group's own protocols

The per-event journal never goes into memory.json: memory changes once per meeting,
when `record_minutes` folds the minutes in.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from pathlib import Path
from typing import Any, cast

import platformdirs
from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from facilitator.errors import StoreError
from facilitator.store.atomic import AtomicJSONStorage, Transactions
from facilitator.store.files import atomic_write, ensure_dir, explained
from facilitator.store.journal import Journal, last_line
from facilitator.store.memory import apply_minutes

ENV = "FACILITATOR_GROUP"
MEETING_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
row = Query()


def _when(text: object) -> float:
    """Sortable time of an ISO 8601 string (naive means local) or of epoch seconds (a
    journal's `created_at`); 0 when unreadable."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text) if math.isfinite(text) else 0.0
    try:
        return dt.datetime.fromisoformat(str(text)).timestamp()
    except (ValueError, OverflowError, OSError):
        return 0.0


def _sorted(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda item: str(item.get(key) or ""))


class Group:
    """The group living in the folder `path`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self.memory_path = self.path / "memory.json"
        self.journals_path = self.path / "journals"
        self.minutes_path = self.path / "minutes"
        self.protocols_path = self.path / "protocols.yaml"
        self._storage = Transactions(AtomicJSONStorage)
        self._db = TinyDB(self.memory_path, storage=self._storage)

    @classmethod
    def from_env(cls, path: str | os.PathLike[str] | None = None) -> Group:
        """The group named by `--group DIR`, else `$FACILITATOR_GROUP`, else the user's
        data folder for facilitator (`…/facilitator/group`)."""
        if path is not None and not str(path).strip():
            raise StoreError("The group's folder is named as empty text; give the folder, or "
                             "leave it out to use $FACILITATOR_GROUP or the default group.")
        chosen = path or os.environ.get(ENV)
        if not chosen:
            chosen = Path(platformdirs.user_data_dir("facilitator")) / "group"
        return cls(chosen)

    def _table(self, name: str) -> Table:
        # A fresh Table each time: TinyDB caches the next document id per Table object,
        # which another process writing memory.json would make wrong.
        return Table(cast(Storage, self._storage), name, cache_size=0)

    def _rows(self, name: str) -> list[dict[str, Any]]:
        return [dict(doc) for doc in self._table(name).all()]

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

    def _journal_files(self) -> list[Path]:
        try:
            with explained(f"The journals in {self.journals_path} could not be listed"):
                entries = list(os.scandir(self.journals_path))
        except StoreError as error:
            if isinstance(error.__cause__, FileNotFoundError):
                return []
            raise
        return [Path(e.path) for e in entries if e.name.endswith(".jsonl") and e.is_file()]

    def unfinished_meetings(self) -> list[dict[str, Any]]:
        """Meetings whose journal has no `end` command, newest first:
        [{id, title, protocol, created_at}]. Journals with no header are left out."""
        recorded = {doc.get("id") for doc in self._table("meetings").all()}
        found = []
        for path in self._journal_files():
            if path.stem in recorded:
                continue  # its minutes are recorded: it ended
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
            found.append(
                {
                    "id": path.stem,
                    **{key: meeting.get(key) for key in ("title", "protocol", "created_at")},
                }
            )
        return sorted(found, key=lambda m: _when(m["created_at"]), reverse=True)

    def ended_unrecorded(self) -> list[str]:
        """Meetings whose journal ends with `end` but whose minutes were never recorded
        (the process stopped between the two): their ids, to be recorded now."""
        recorded = {doc.get("id") for doc in self._table("meetings").all()}
        found = []
        for path in self._journal_files():
            if path.stem in recorded:
                continue
            try:
                last = last_line(path)
            except (OSError, ValueError):
                continue
            if last is not None and last.get("command") == "end":
                found.append(path.stem)
        return sorted(found)

    def last_meeting_id(self) -> str | None:
        """The id of the newest meeting, ended or still open; None in a new group."""
        times = {m["id"]: _when(m.get("started_at")) for m in self._rows("meetings")}
        for meeting in self.unfinished_meetings():
            times[meeting["id"]] = _when(meeting.get("created_at"))
        return max(times, key=lambda i: times[i]) if times else None

    # Minutes

    def record_minutes(
        self, minutes: dict[str, Any], formats: dict[str, str] | None = None
    ) -> bool:
        """Keep an ended meeting's minutes and fold them into the group's memory.

        Writes minutes/<id>.json and minutes/<id>.<ext> for each text in `formats`, then
        updates memory in one atomic write. Recording a meeting again changes nothing
        (returns False). The minutes' `deferred` list, when present, replaces the group's
        deferred items; `reviews` close, hand on or move on actions and agreements.
        """
        meeting_id = str((minutes.get("meeting") or {}).get("id") or "")
        self.journal_path(meeting_id)  # the same id rules as a journal's
        if self._table("meetings").contains(row.id == meeting_id):
            return False
        text = json.dumps(minutes, ensure_ascii=False, indent=2) + "\n"
        what = f"The minutes of {meeting_id} could not be written"
        try:
            atomic_write(self.minutes_path / f"{meeting_id}.json", text.encode(), what)
            for ext, rendered in (formats or {}).items():
                atomic_write(self.minutes_path / f"{meeting_id}.{ext}", rendered.encode(), what)
        except StoreError as error:
            raise StoreError(f"{error} The meeting is safe in its journal; its minutes are "
                             "written the next time the group is opened.") from error
        with self._storage.transaction():
            return apply_minutes(self._table, minutes)

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

    def roster(self) -> list[dict[str, Any]]:
        """Everyone who has come to a meeting (or opted out of a role), by name."""
        return _sorted(self._rows("roster"), "name")

    def meetings(self) -> list[dict[str, Any]]:
        """The index of ended meetings, newest first."""
        return sorted(
            self._rows("meetings"), key=lambda m: _when(m.get("started_at")), reverse=True
        )

    def meeting_count(self, protocol_id: str) -> int:
        """How many recorded meetings ran protocol `protocol_id` (for `every: N`)."""
        found = self._table("counts").get(row.protocol == protocol_id)
        return int(found["count"]) if found else 0

    def open_actions(self) -> list[dict[str, Any]]:
        """Action items still open, oldest first (A1, A2, ...)."""
        rows = [a for a in self._rows("actions") if a.get("status") == "open"]
        return sorted(rows, key=lambda a: int(str(a["id"])[1:] or 0))

    def agreements_due(self, today: dt.date) -> list[dict[str, Any]]:
        """Open agreements whose review date is today or earlier, earliest first."""
        due = [
            a
            for a in self._rows("agreements")
            if a.get("status") == "open"
            and a.get("review_on")
            and str(a["review_on"]) <= today.isoformat()
        ]
        return _sorted(due, "review_on")

    def agreements(self) -> list[dict[str, Any]]:
        """Every agreement the group has made, in order."""
        return sorted(self._rows("agreements"), key=lambda a: int(str(a["id"])[1:] or 0))

    def deferred_items(self) -> list[dict[str, Any]]:
        """Agenda items deferred to a later meeting: [{title, protocol, meeting, date}]."""
        return self._rows("deferred")

    def decisions(self, search: str | None = None) -> list[dict[str, Any]]:
        """The decision log in the order decided; with `search`, only entries whose
        proposal, stance reasons or meeting title contain it (any case)."""
        rows = sorted(self._rows("decisions"), key=lambda d: str(d.get("date") or ""))
        if not search:
            return rows
        needle = search.casefold()

        def text(entry: dict[str, Any]) -> str:
            reasons = " ".join(str(s.get("reason") or "") for s in entry.get("stances") or [])
            return f"{entry.get('proposal')} {entry.get('meeting_title')} {reasons}".casefold()

        return [entry for entry in rows if needle in text(entry)]

    def principles(self) -> list[dict[str, Any]]:
        """The group's principles, in the order added: [{id, text, added}]."""
        return self._rows("principles")

    def add_principle(self, text: str) -> dict[str, Any]:
        """Add a principle the group has agreed on; returns it."""
        text = " ".join(text.split())
        if not text:
            raise StoreError("A principle needs some text: say what the group holds to.")
        with self._storage.transaction():
            table = self._table("principles")
            principle = {
                "id": f"P{len(table) + 1}",
                "text": text,
                "added": dt.date.today().isoformat(),
            }
            table.insert(principle)
        return principle

    def role_history(self) -> list[dict[str, Any]]:
        """Who held which role in which meeting, oldest first: [{meeting, date, role, name}]."""
        return _sorted(self._rows("roles"), "date")

    def set_opt_out(self, name: str, role: str, out: bool) -> dict[str, Any]:
        """Record that `name` does (out=True) or no longer does not want `role`."""
        with self._storage.transaction():
            roster = self._table("roster")
            found = [dict(p) for p in roster.all() if str(p["name"]).casefold() == name.casefold()]
            person: dict[str, Any] | None = found[0] if found else None
            if person is None:
                person = {
                    "name": name,
                    "pronouns": None,
                    "first_seen": None,
                    "last_seen": None,
                    "meetings": 0,
                    "opt_outs": [],
                }
                roster.insert(person)
            opt_outs = [r for r in person.get("opt_outs", []) if r != role]
            if out:
                opt_outs.append(role)
            roster.update({"opt_outs": sorted(opt_outs)}, row.name == person["name"])
        return {**person, "opt_outs": sorted(opt_outs)}
