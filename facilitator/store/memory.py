"""The group's memory, folded from its files: meetings' minutes and changes made outside.

`fold(meetings, changes)` is a pure function: the same facts give the same tables, whatever
order the files arrived in, because everything is put in one canonical order first (by
time, then by name). It knows the minutes' JSON shape (see docs: "Minutes (JSON)") and
gives these tables (lists of rows):

- meetings: {id, title, protocol, started_at, ended_at, duration_s, date, attendance,
  roles, airtime}
- roster: {name, pronouns, first_seen, last_seen, meetings, opt_outs}
- decisions: the minutes' decision entries plus {meeting, meeting_title, date}
- actions: {id "A<n>", ref, what, owner, due, status open|done|dropped, meeting, date,
  reviews}
- agreements: {id "G<n>", ref, text, parties, review_on, review_days, status, meeting,
  date, reviews}
- roles: {meeting, date, role, name}
- deferred: {title, protocol, meeting, date}; replaced by each meeting's list
- counts: {protocol, count}: meetings in which the protocol ran
- principles: {id "P<n>", ref, text, added}
- moratorium: {reason, since, lifted_on, lifted_because}
- shifts, rests, backups, capacity: see `facilitator.store.care`; actions may carry
  {backup}

Ids: `ref` is the stable id, given when the item is recorded and never changed
(`<meeting id>#A<k>` for the k-th action of a meeting, `#G<k>` for agreements); `id` is
the short label people type (A1, A2, ... in the canonical order). A review names the
stable id; reviews in minutes written before stable ids name the old label, which the
conversion of the group kept a map of (`legacy` changes), so they still land right.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from facilitator.store import care

Row = dict[str, Any]
Tables = dict[str, list[Row]]
TABLES = ("meetings", "roster", "decisions", "actions", "agreements", "roles", "deferred",
          "counts", "principles", "moratorium", "suggestions", *care.TABLES)
# The protocol that reads the anonymous suggestion box: a meeting that ran it empties it.
BOX_READER = "process-review"


def when(text: object) -> float:
    """Sortable time of an ISO 8601 string (naive means local) or of epoch seconds (a
    journal's `created_at`); 0 when unreadable."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text) if math.isfinite(text) else 0.0
    try:
        return dt.datetime.fromisoformat(str(text)).timestamp()
    except (TypeError, ValueError, OverflowError, OSError):
        return 0.0


def meeting_date(meeting: dict[str, Any]) -> str:
    """The ISO date (YYYY-MM-DD) a meeting took place, from its `started_at`."""
    started = str(meeting.get("started_at") or meeting.get("ended_at") or "")
    try:
        return dt.datetime.fromisoformat(started).date().isoformat()
    except ValueError:
        return started[:10]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def meeting_facts(minutes: dict[str, Any]) -> Row | None:
    """What the memory needs of one meeting's minutes (None when they name no meeting)."""
    meeting = minutes.get("meeting")
    if not isinstance(meeting, dict) or not meeting.get("id"):
        return None
    steps = _dicts(minutes.get("steps"))
    ran = {meeting.get("protocol")} | {s.get("protocol") for s in steps}
    facts: Row = {
        "meeting": {k: meeting.get(k) for k in
                    ("id", "title", "protocol", "started_at", "ended_at", "duration_s")},
        "attendance": [{"name": str(p["name"]), "pronouns": p.get("pronouns")}
                       for p in _dicts(minutes.get("attendance")) if p.get("name")],
        "roles": minutes.get("roles") if isinstance(minutes.get("roles"), dict) else {},
        "airtime": _dicts(minutes.get("airtime")),
        "decisions": _dicts(minutes.get("decisions")),
        "actions": _dicts(minutes.get("actions")),
        # A decision with a review date (consent's `review_after`) comes back for review
        # as agreements do: after the meeting's own agreements, so their ids stay as they are.
        "agreements": _dicts(minutes.get("agreements")) + [
            {"text": f"Review the decision: {d.get('proposal')}", "parties": [],
             "review_on": d["review_on"]}
            for d in _dicts(minutes.get("decisions")) if d.get("review_on")],
        "reviews": _dicts(minutes.get("reviews")),
        "shifts": _dicts(minutes.get("shifts")),
        "ran": sorted(str(p) for p in ran if p),
        "suggestions": [str(t) for t in minutes.get("suggestions") or [] if isinstance(t, str)],
    }
    if "deferred" in minutes:
        facts["deferred"] = _dicts(minutes.get("deferred"))
    return facts


def _roles(roles: dict[str, Any]) -> list[tuple[str, str]]:
    pairs = []
    for role, names in (roles or {}).items():
        for name in names if isinstance(names, list) else [names]:
            if name:
                pairs.append((str(role), str(name)))
    return pairs


def _days_between(start: str, end: object) -> int | None:
    try:
        return (dt.date.fromisoformat(str(end)) - dt.date.fromisoformat(start)).days
    except (TypeError, ValueError):
        return None


def _moved_on(item: Row, today: str) -> str | None:
    """The next review date of an agreement kept at a review: one period on, after today."""
    period = item.get("review_days")
    if not item.get("review_on") or not period or period <= 0:
        return _text(item.get("review_on"))
    try:
        due, now = dt.date.fromisoformat(item["review_on"]), dt.date.fromisoformat(today)
    except ValueError:
        return _text(item.get("review_on"))
    due += dt.timedelta(days=period)
    if due <= now:
        due = now + dt.timedelta(days=period)
    return due.isoformat()


class _Folder:
    """Applies meetings and changes one by one, in the order given."""

    def __init__(self) -> None:
        self.t: Tables = {name: [] for name in TABLES}
        self.people: dict[str, Row] = {}  # by casefolded name
        self.items: dict[str, tuple[str, Row]] = {}  # stable id -> (table, row)
        self.labels: dict[str, str] = {}  # A1/G1 -> stable id, in the canonical order
        self.legacy: dict[str, dict[str, str]] = {}  # meeting id -> {old label: stable id}
        self.counts: dict[str, int] = {}
        self.principles = 0

    def person(self, name: str) -> Row:
        found = self.people.get(name.casefold())
        if found is None:
            found = {"name": name, "pronouns": None, "first_seen": None, "last_seen": None,
                     "meetings": 0, "opt_outs": []}
            self.people[name.casefold()] = found
            self.t["roster"].append(found)
        return found

    def meeting(self, facts: Row) -> None:
        meeting = facts["meeting"]
        meeting_id = str(meeting["id"])
        date = meeting_date(meeting)
        where = {"meeting": meeting_id, "date": date}
        names = list(dict.fromkeys(p["name"] for p in facts["attendance"]))
        self.t["meetings"].append({**meeting, "id": meeting_id, "date": date,
                                   "attendance": names, "roles": facts["roles"],
                                   "airtime": facts["airtime"]})
        seen: set[str] = set()
        for p in facts["attendance"]:
            if p["name"].casefold() in seen:
                continue
            seen.add(p["name"].casefold())
            row = self.person(p["name"])
            row["meetings"] = int(row.get("meetings") or 0) + 1
            row["first_seen"] = min(filter(None, [row["first_seen"], date]), default=None)
            row["last_seen"] = max(filter(None, [row["last_seen"], date]), default=None)
            if p.get("pronouns"):
                row["pronouns"] = p["pronouns"]
        for entry in facts["decisions"]:
            self.t["decisions"].append({**entry, **where, "meeting_title": meeting.get("title")})
        self.t["roles"] += [{**where, "role": r, "name": n} for r, n in _roles(facts["roles"])]
        for review in facts["reviews"]:
            self.review(review, where)
        for k, item in enumerate(facts["actions"], start=1):
            self.add("actions", "A", f"{meeting_id}#A{k}", where, {
                "what": item.get("what"), "owner": item.get("owner"), "due": item.get("due"),
                "backup": item.get("backup")})
        care.fold_shifts(self.t, facts.get("shifts") or (), where)
        for k, item in enumerate(facts["agreements"], start=1):
            self.add("agreements", "G", f"{meeting_id}#G{k}", where, {
                "text": item.get("text"), "parties": list(item.get("parties") or []),
                "review_on": item.get("review_on"),
                "review_days": _days_between(date, item.get("review_on"))})
        if BOX_READER in facts["ran"]:
            self.t["suggestions"] = []  # read at the process review (this meeting's too)
        else:
            self.t["suggestions"] += [{"text": text, **where}
                                      for text in facts.get("suggestions", ())]
        if "deferred" in facts:
            # The new list replaces the old: items taken into this meeting are gone from it.
            self.t["deferred"] = [{"title": d.get("title"), "protocol": d.get("protocol"),
                                   **where} for d in facts["deferred"]]
        for protocol in facts["ran"]:
            self.counts[protocol] = self.counts.get(protocol, 0) + 1

    def add(self, table: str, prefix: str, ref: str, where: Row, fields: Row) -> None:
        label = f"{prefix}{len(self.t[table]) + 1}"
        row = {"id": label, "ref": ref, **fields, "status": "open", **where, "reviews": []}
        self.t[table].append(row)
        self.items[ref] = (table, row)
        self.labels[label] = ref

    def resolve(self, item_id: str, meeting_id: str | None) -> tuple[str, Row] | None:
        if item_id in self.items:
            return self.items[item_id]
        # Written before stable ids: the label meant what it meant in that group then.
        ref = self.legacy.get(meeting_id or "", {}).get(item_id) or self.labels.get(item_id)
        return self.items.get(ref) if ref else None

    def review(self, review: Row, where: Row) -> None:
        found = self.resolve(str(review.get("ref") or review.get("id")), where.get("meeting"))
        if found is None:
            return
        table, item = found
        result = review.get("result")
        item["reviews"] = [*item["reviews"], {**where, "result": result, "to": review.get("to")}]
        if result == "done":
            item["status"] = "done"
        elif result == "drop":
            item["status"] = "dropped"
        elif result == "hand" and review.get("to"):
            item["owner"] = review["to"]
        elif result == "keep" and table == "agreements":
            item["review_on"] = _moved_on(item, str(where["date"]))

    def change(self, change: Row, ref: str) -> None:
        kind, date = change.get("kind"), str(change.get("date") or "")
        if kind == "principle" and change.get("text"):
            self.principles += 1
            self.t["principles"].append({"id": f"P{self.principles}", "ref": ref,
                                         "text": str(change["text"]), "added": date})
        elif kind == "opt_out" and change.get("name") and change.get("role"):
            person = self.person(str(change["name"]))
            outs = [r for r in person["opt_outs"] if r != change["role"]]
            if change.get("out"):
                outs.append(str(change["role"]))
            person["opt_outs"] = sorted(outs)
        elif kind == "pronouns" and change.get("name"):
            self.person(str(change["name"]))["pronouns"] = _text(change.get("pronouns"))
        elif kind == "moratorium_set" and change.get("reason"):
            self.t["moratorium"].append({"reason": str(change["reason"]), "since": date,
                                         "lifted_on": None, "lifted_because": None})
        elif kind == "moratorium_lift":
            for entry in self.t["moratorium"]:
                if not entry["lifted_on"]:
                    entry.update(lifted_on=date, lifted_because=_text(change.get("reason")))
        elif kind == "review" and change.get("ref"):
            self.review(change, {"meeting": None, "date": date})
        elif kind == "legacy":
            self.legacy_memory(change, ref)
        elif kind in care.KINDS:
            care.fold_change(self.t, self.items, change, date)

    def legacy_memory(self, change: Row, ref: str) -> None:
        """What a group's memory.json held before it was converted, in its own order."""
        given = change.get("labels")
        labels = {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}
        meetings = change.get("meetings")
        for meeting_id in meetings if isinstance(meetings, list) else []:
            self.legacy.setdefault(str(meeting_id), {}).update(labels)
        for n, item in enumerate(_dicts(change.get("principles")), start=1):
            self.change({"kind": "principle", "text": item.get("text"),
                         "date": item.get("added")}, f"{ref}#P{n}")
        outs = change.get("opt_outs")
        for name, roles in outs.items() if isinstance(outs, dict) else ():
            for role in roles if isinstance(roles, list) else []:
                self.change({"kind": "opt_out", "name": name, "role": role, "out": True}, ref)
        for entry in _dicts(change.get("moratorium")):
            if entry.get("reason"):
                self.t["moratorium"].append(
                    {"reason": str(entry["reason"]), "since": _text(entry.get("since")),
                     "lifted_on": _text(entry.get("lifted_on")),
                     "lifted_because": _text(entry.get("lifted_because"))})

    def tables(self) -> Tables:
        self.t["counts"] = [{"protocol": p, "count": n} for p, n in sorted(self.counts.items())]
        return self.t


def change_time(change: Row) -> float:
    at = change.get("at")
    return float(at) if isinstance(at, int | float) and at == at else 0.0


def fold(meetings: list[Row], changes: dict[str, Row]) -> Tables:
    """The memory the files hold: meeting facts (`meeting_facts`) and changes by file name.

    Meetings and changes are applied in one timeline: by time, meetings before changes at
    the same moment, then by id or file name. Legacy label maps apply first.
    """
    timeline: list[tuple[int, float, int, float, str, Row]] = []
    for facts in meetings:
        meeting = facts["meeting"]
        timeline.append((1, when(meeting.get("started_at")), 0, when(meeting.get("ended_at")),
                         str(meeting["id"]), facts))
    for name, change in changes.items():
        first = 0 if change.get("kind") == "legacy" else 1
        timeline.append((first, change_time(change), 1, 0.0, name, change))
    timeline.sort(key=lambda t: t[:5])
    folder = _Folder()
    for _, _, is_change, _, name, value in timeline:
        if is_change:
            folder.change(value, name.removesuffix(".json"))
        else:
            folder.meeting(value)
    return folder.tables()
