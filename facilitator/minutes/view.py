"""The minutes as people read them: one model that every built-in format lays out.

Rules:
- Input is the minutes' JSON shape; keys a stored minutes file may lack are optional.
- Values stay raw text: each format escapes what people typed in its own way.
- Nothing here reads an event: confidential content never reached the minutes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from facilitator.minutes.fairness import MEASURE
from facilitator.protocols.values import format_duration

OUTCOMES = {
    "passed": "agreed", "blocked": "blocked", "failed": "not agreed",
    "no_quorum": "no quorum", "exhausted": "out of attempts",
    "recorded": "recorded", "timeout": "ran out of time",
}
OVER_A_BLOCK = "passed by the fallback vote, over a block"
# Stances the minutes always name, first, with how to say them.
NAMED = {"block": "blocked", "stand_aside": "stood aside", "reservations": "had reservations"}


def label(key: object) -> str:
    """`stand_aside` -> `stand aside`: keys as words."""
    return str(key).replace("_", " ").replace("-", " ")


def clock(seconds: float | None) -> str:
    """Seconds from the start as a clock reading: `2:50`, `1:02:50`."""
    total = round(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def duration(seconds: float | None) -> str:
    return format_duration(seconds) if seconds is not None else "still open"


def when(iso: str | None) -> str:
    """`2026-01-01T19:00:00Z` -> `Thursday 1 January 2026, 19:00 UTC`, in the computer's
    own time zone (in Berlin: `20:00 CET`)."""
    if not iso:
        return "date unknown"
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the local zone: the room's clock, not Greenwich's
    name = moment.tzname() or ""
    zone = " UTC" if moment.utcoffset() in (None, dt.timedelta(0)) else (
        f" {name}" if name[:1].isalpha() else moment.strftime(" %z"))
    return f"{moment:%A} {moment.day} {moment:%B %Y, %H:%M}{zone}"


def person(p: dict[str, Any]) -> str:
    return f"{p['name']} ({p['pronouns']})" if p.get("pronouns") else str(p["name"])


def names(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) < 2:
        return items[0] if items else "nobody"
    return ", ".join(items[:-1]) + " and " + items[-1]


def _how(d: dict[str, Any]) -> str:
    """How a fallback test was held: `; held on the vote scale, 2/3 support needed`."""
    if not d.get("scale"):
        return ""
    threshold = (d.get("rule") or {}).get("threshold")
    needed = f", {threshold} support needed" if threshold and threshold != "1" else ""
    return f"; held on the {d['scale']} scale{needed}"


def _test(d: dict[str, Any]) -> dict[str, Any]:
    follows = d.get("follows")
    note = None
    if follows:
        was = OUTCOMES.get(follows["outcome"], label(follows["outcome"]))
        before = follows.get("title") or label(follows["step"])
        note = (f"Fallback after {before} (attempt {follows['attempt']}) ended {was}"
                f"{_how(d)}." if d.get("fallback") else
                f"Tried again after attempt {follows['attempt']} ended {was}.")
    stances = d.get("stances") or []
    reasons = [(s["name"], NAMED[key], s.get("reason")) for key in NAMED
               for s in stances if s["stance"] == key]
    reasons += [(s["name"], f"said {label(s['stance'])}", s["reason"]) for s in stances
                if s["stance"] not in NAMED and s.get("reason")]
    if d.get("secret"):
        took_part = ", ".join(d.get("voters") or ()) or "nobody"
        note = (note + " " if note else "") + f"Secret ballot; took part: {took_part}."
    title = d.get("title") or (label(d["step"]).capitalize() if d.get("step") else "Record")
    attempt = f", attempt {d['attempt']}" if d.get("attempt") else ""
    return {
        "heading": f"{title}{attempt}", "outcome": d["outcome"],
        "result": OUTCOMES.get(d["outcome"], label(d["outcome"])),
        "tally": ", ".join(f"{label(k)}: {v}" for k, v in (d.get("tally") or {}).items()),
        "reasons": reasons,
        "note": note, "fallback": bool(d.get("fallback")), "recorded": bool(d.get("recorded")),
    }


def proposals(decisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tests in order, those in a row on the same proposal together."""
    groups: list[dict[str, Any]] = []
    for d in decisions:
        if not groups or groups[-1]["proposal"] != d.get("proposal"):
            groups.append({"proposal": d.get("proposal") or "(no proposal)", "tests": []})
        test = _test(d)
        blocked = any(why == "blocked" for t in groups[-1]["tests"] for _, why, _ in t["reasons"])
        if test["fallback"] and d["outcome"] == "passed" and blocked:
            test["result"] = OVER_A_BLOCK  # never plainly "agreed": the block still stands
        groups[-1]["tests"].append(test)
    for g in groups:
        last = g["tests"][-1]
        g["outcome"], g["result"] = last["outcome"], last["result"]
    return groups


def view(m: dict[str, Any], airtime: bool = True) -> dict[str, Any]:
    """What the built-in formats show, in the order they show it."""
    meeting = m.get("meeting") or {}
    people = m.get("attendance") or []
    rows = (m.get("airtime") or []) if airtime else []
    titles = m.get("role_titles") or {}  # a role's name for people, where one is given
    return {
        "title": meeting.get("title") or label(meeting.get("protocol", "Meeting")).capitalize(),
        "date": when(meeting.get("started_at")), "day": (meeting.get("started_at") or "")[:10],
        "short_date": (when(meeting.get("started_at")).split(", ")[0].split(" ", 1)[-1]
                       if meeting.get("started_at") else ""),
        "duration": duration(meeting.get("duration_s")), "protocol": meeting.get("protocol"),
        "present": [person(p) for p in people],
        "late": [(person(p), clock(p["joined_s"])) for p in people if p.get("joined_s")],
        "left": [(person(p), clock(p["left_s"])) for p in people
                 if p.get("left_s") is not None],
        "roles": [(str(titles.get(r) or label(r).capitalize()), n)
                  for r, n in (m.get("roles") or {}).items()],
        "timeline": [{"title": s.get("title") or label(s["step"]), "depth": s.get("depth", 0),
                      "kind": label(s.get("kind", "")), "start": clock(s.get("started_s")),
                      "duration": duration(s.get("duration_s")),
                      "outcome": ("confidential" if s.get("confidential")
                                  else label(s.get("outcome") or "open")),
                      "overrun": format_duration(s["overrun_s"]) if s.get("overrun_s") else None}
                     for s in m.get("steps") or []],
        "proposals": proposals(m.get("decisions") or []),
        "actions": [{"what": a["what"], "owner": a.get("owner") or "nobody yet",
                     "due": a.get("due"), "backup": a.get("backup")}
                    for a in m.get("actions") or []],
        "shifts": [{"name": s["name"], "what": s["what"]} for s in m.get("shifts") or []],
        # An agreement that names nobody binds the whole group.
        "agreements": [{"text": g["text"],
                        "parties": names(g["parties"]) if g.get("parties") else "the whole group",
                        "review": g.get("review_on")} for g in m.get("agreements") or []],
        # A note without a time (a session with guests) shows none.
        "notes": [{"text": n["text"], "at": clock(n["at_s"]) if n.get("at_s") is not None
                   else None} for n in m.get("notes") or []],
        "collected": [{"name": c["name"], "field": label(c["field"]), "value": c["value"]}
                      for c in m.get("collected") or []],
        "agenda": [{"title": i["title"], "outcome": label(i.get("outcome") or "open")}
                  for i in m.get("items") or []],
        "deferred": [d["title"] for d in m.get("deferred") or []],
        "reviews": [{"what": r.get("text") or f"#{r['id']}", "result": label(r["result"]),
                     "to": r.get("to")} for r in m.get("reviews") or []],
        "overrides": [{"command": o["command"], "at": clock(o.get("at_s"))}
                      for o in m.get("overrides") or []],
        "airtime": [{"name": a["name"], "time": format_duration(a["seconds"]),
                     "turns": a["turns"], "share": f"{round(a['share'] * 100)}%",
                     "bar": a["share"]} for a in rows],
        "evenness": (f"{m['evenness']:.2f}" if airtime and m.get("evenness") is not None
                     else None),
        "measure": m.get("evenness_measure") or MEASURE,
    }
