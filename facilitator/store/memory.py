"""How an ended meeting's minutes change the group's memory (the TinyDB tables).

`apply_minutes` is called inside one transaction by `Group.record_minutes`; it knows the
minutes' JSON shape (see docs: "Minutes (JSON)") and the shape of each table's rows:

- meetings: {id, title, protocol, started_at, ended_at, duration_s, date, attendance,
  roles, airtime}
- roster: {name, pronouns, first_seen, last_seen, meetings, opt_outs}
- decisions: the minutes' decision entries plus {meeting, meeting_title, date}
- actions: {id "A<n>", what, owner, due, status open|done|dropped, meeting, date, reviews}
- agreements: {id "G<n>", text, parties, review_on, review_days, status, meeting, date,
  reviews}
- roles: {meeting, date, role, name}
- deferred: {title, protocol, meeting, date}; replaced by each meeting's list
- counts: {protocol, count}: meetings in which the protocol ran
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tinydb import Query
from tinydb.table import Table

from facilitator.errors import StoreError

Tables = Callable[[str], Table]
row = Query()


def meeting_date(meeting: dict[str, Any]) -> str:
    """The ISO date (YYYY-MM-DD) a meeting took place, from its `started_at`."""
    started = str(meeting.get("started_at") or meeting.get("ended_at") or "")
    try:
        return dt.datetime.fromisoformat(started).date().isoformat()
    except ValueError:
        return started[:10]


def next_id(table: Table, prefix: str) -> str:
    """The next free id of the form `<prefix><n>` in `table` (A1, A2, ... / G1, ...)."""
    numbers = [
        int(doc["id"][len(prefix) :])
        for doc in table.all()
        if str(doc.get("id", "")).startswith(prefix) and doc["id"][len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _roles(roles: dict[str, Any]) -> list[tuple[str, str]]:
    pairs = []
    for role, names in (roles or {}).items():
        for name in names if isinstance(names, list) else [names]:
            if name:
                pairs.append((role, str(name)))
    return pairs


def apply_minutes(tables: Tables, minutes: dict[str, Any]) -> bool:
    """Fold one meeting's minutes into memory; False (and no change) if already recorded."""
    meeting = minutes.get("meeting") or {}
    meeting_id = meeting.get("id")
    if not meeting_id:
        raise StoreError("These minutes have no meeting id, so they cannot be recorded.")
    if tables("meetings").contains(row.id == meeting_id):
        return False
    date = meeting_date(meeting)
    where = {"meeting": meeting_id, "date": date}
    attendance = minutes.get("attendance") or []
    names = list(dict.fromkeys(str(person["name"]) for person in attendance))
    tables("meetings").insert(
        {
            "id": meeting_id,
            "title": meeting.get("title"),
            "protocol": meeting.get("protocol"),
            "started_at": meeting.get("started_at"),
            "ended_at": meeting.get("ended_at"),
            "duration_s": meeting.get("duration_s"),
            "date": date,
            "attendance": names,
            "roles": minutes.get("roles") or {},
            "airtime": minutes.get("airtime") or [],
        }
    )
    _update_roster(tables("roster"), attendance, date)
    for entry in minutes.get("decisions") or []:
        tables("decisions").insert({**entry, **where, "meeting_title": meeting.get("title")})
    tables("roles").insert_multiple(
        {**where, "role": role, "name": name} for role, name in _roles(minutes.get("roles") or {})
    )
    _apply_reviews(tables, minutes.get("reviews") or [], where)
    _add_actions(tables("actions"), minutes.get("actions") or [], where)
    # A decision with a review date comes back for review as agreements do.
    reviewed = [{"text": f"Review the decision: {d.get('proposal')}", "parties": [],
                 "review_on": d["review_on"]}
                for d in minutes.get("decisions") or [] if d.get("review_on")]
    _add_agreements(tables("agreements"), (minutes.get("agreements") or []) + reviewed, where)
    if "deferred" in minutes:
        # The new list replaces the old: items taken into this meeting are gone from it.
        tables("deferred").truncate()
        tables("deferred").insert_multiple(
            {"title": item.get("title"), "protocol": item.get("protocol"), **where}
            for item in minutes.get("deferred") or []
        )
    ran = {meeting.get("protocol")} | {step.get("protocol") for step in minutes.get("steps") or []}
    counts = tables("counts")
    for protocol in sorted(p for p in ran if p):
        found = counts.get(row.protocol == protocol)
        count = (found["count"] if found else 0) + 1
        counts.upsert({"protocol": protocol, "count": count}, row.protocol == protocol)
    return True


def _update_roster(roster: Table, attendance: list[dict[str, Any]], date: str) -> None:
    seen: set[str] = set()
    for person in attendance:
        name = str(person["name"])
        if name in seen:
            continue
        seen.add(name)
        found = roster.get(row.name == name)
        if found is None:
            roster.insert(
                {
                    "name": name,
                    "pronouns": person.get("pronouns"),
                    "first_seen": date,
                    "last_seen": date,
                    "meetings": 1,
                    "opt_outs": [],
                }
            )
            continue
        changes: dict[str, Any] = {
            "meetings": int(found.get("meetings", 0)) + 1,
            "first_seen": min(filter(None, [found.get("first_seen"), date])),
            "last_seen": max(filter(None, [found.get("last_seen"), date])),
        }
        if person.get("pronouns"):
            changes["pronouns"] = person["pronouns"]
        roster.update(changes, row.name == name)


def _add_actions(actions: Table, items: list[dict[str, Any]], where: dict[str, str]) -> None:
    for item in items:
        actions.insert(
            {
                "id": next_id(actions, "A"),
                "what": item.get("what"),
                "owner": item.get("owner"),
                "due": item.get("due"),
                "status": "open",
                **where,
                "reviews": [],
            }
        )


def _days_between(start: str, end: str | None) -> int | None:
    try:
        return (dt.date.fromisoformat(str(end)) - dt.date.fromisoformat(start)).days
    except (TypeError, ValueError):
        return None


def _add_agreements(table: Table, items: list[dict[str, Any]], where: dict[str, str]) -> None:
    for item in items:
        review_on = item.get("review_on")
        table.insert(
            {
                "id": next_id(table, "G"),
                "text": item.get("text"),
                "parties": list(item.get("parties") or []),
                "review_on": review_on,
                "review_days": _days_between(where["date"], review_on),
                "status": "open",
                **where,
                "reviews": [],
            }
        )


def _moved_on(item: dict[str, Any], today: str) -> str | None:
    """The next review date of an agreement kept at a review: one period on, after today."""
    period = item.get("review_days")
    if not item.get("review_on") or not period or period <= 0:
        return item.get("review_on")
    try:
        when, now = dt.date.fromisoformat(item["review_on"]), dt.date.fromisoformat(today)
    except ValueError:
        return item.get("review_on")
    when += dt.timedelta(days=period)
    if when <= now:
        when = now + dt.timedelta(days=period)
    return when.isoformat()


def _apply_reviews(tables: Tables, reviews: list[dict[str, Any]], where: dict[str, str]) -> None:
    for review in reviews:
        item_id, result = review.get("id"), review.get("result")
        for name in ("actions", "agreements"):
            table = tables(name)
            item = table.get(row.id == item_id)
            if item is None:
                continue
            changes: dict[str, Any] = {
                "reviews": [
                    *item.get("reviews", []),
                    {**where, "result": result, "to": review.get("to")},
                ]
            }
            if result == "done":
                changes["status"] = "done"
            elif result == "drop":
                changes["status"] = "dropped"
            elif result == "hand" and review.get("to"):
                changes["owner"] = review["to"]
            elif result == "keep" and name == "agreements":
                changes["review_on"] = _moved_on(dict(item), where["date"])
            table.update(changes, row.id == item_id)
            break
