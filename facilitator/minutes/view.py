"""The minutes as people read them: one model that every built-in format lays out.

Rules:
- Input is the minutes' JSON shape; keys a stored minutes file may lack are optional.
- Values stay raw text: each format escapes what people typed in its own way.
- Nothing here reads an event: confidential content never reached the minutes.
- The tool's words come from the translator `t` (`facilitator.i18n`), English by default;
  what people typed goes into the translated sentences untouched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from facilitator.i18n import C_, N_, Translator, current
from facilitator.minutes.fairness import MEASURE
from facilitator.protocols.values import format_duration

# A test's result, said of the proposal.
OUTCOMES = {
    "passed": C_("result", "agreed"), "blocked": C_("result", "blocked"),
    "failed": C_("result", "not agreed"), "no_quorum": C_("result", "no quorum"),
    "exhausted": C_("result", "out of attempts"), "recorded": C_("result", "recorded"),
    "timeout": C_("result", "ran out of time"),
}
OVER_A_BLOCK = N_("passed by the fallback vote, over a block")
# Stances the minutes always name, first, with how to say them (of a person).
NAMED = {"block": C_("stance", "blocked"), "stand_aside": C_("stance", "stood aside"),
         "reservations": C_("stance", "had reservations")}
# The words of the timeline, the agenda and reviews, by the key the minutes hold.
WORDS = {
    "done": C_("outcome", "done"), "skipped": C_("outcome", "skipped"),
    "ended": C_("outcome", "ended"), "timeout": C_("outcome", "timeout"),
    "exhausted": C_("outcome", "exhausted"), "passed": C_("outcome", "passed"),
    "blocked": C_("outcome", "blocked"), "failed": C_("outcome", "failed"),
    "no_quorum": C_("outcome", "no quorum"), "open": C_("outcome", "open"),
    "confidential": C_("outcome", "confidential"), "deferred": C_("outcome", "deferred"),
    "keep": C_("outcome", "keep"), "drop": C_("outcome", "drop"),
    "hand": C_("outcome", "hand"), "recorded": C_("outcome", "recorded"),
    "round": C_("kind", "round"), "discussion": C_("kind", "discussion"),
    "turn": C_("kind", "turn"), "decide": C_("kind", "decide"),
    "record": C_("kind", "record"), "choose": C_("kind", "choose"),
    "agenda": C_("kind", "agenda"), "use": C_("kind", "use"),
    "review": C_("kind", "review"), "pause": C_("kind", "pause"),
}
# Roles by id, where no title names them: the built-in ones, and those of the library.
ROLES = {"facilitator": N_("Facilitator"), "notetaker": N_("Notetaker"),
         "timekeeper": N_("Timekeeper"), "vibeswatcher": N_("Vibeswatcher"),
         "presenter": N_("Presenter"), "proposer": N_("Proposer"),
         "mediator": N_("Mediator"), "host": N_("Host")}


def label(key: object) -> str:
    """`stand_aside` -> `stand aside`: keys as words."""
    return str(key).replace("_", " ").replace("-", " ")


def clock(seconds: float | None) -> str:
    """Seconds from the start as a clock reading: `2:50`, `1:02:50`."""
    total = round(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def word(key: object, t: Translator | None = None) -> str:
    """A key the minutes hold (`no_quorum`) as a word in the language (`no quorum`)."""
    t = t or current()
    known = WORDS.get(str(key))
    return t.word(known) if known else label(key)


def duration(seconds: float | None, t: Translator | None = None) -> str:
    return format_duration(seconds) if seconds is not None else (t or current()).gettext(
        "still open")


def when(iso: str | None, t: Translator | None = None) -> str:
    """`2026-01-01T19:00:00Z` -> `Thursday 1 January 2026, 19:00 UTC`, in the computer's
    own time zone (in Berlin: `20:00 CET`); in Spanish `jueves, 1 de enero de 2026, 19:00
    UTC`."""
    t = t or current()
    if not iso:
        return t.gettext("date unknown")
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the local zone: the room's clock, not Greenwich's
    name = moment.tzname() or ""
    zone = " UTC" if moment.utcoffset() in (None, dt.timedelta(0)) else (
        f" {name}" if name[:1].isalpha() else moment.strftime(" %z"))
    if not t.english:
        return f"{t.date(moment, 'full')}, {t.time(moment)}{zone}"
    return f"{moment:%A} {moment.day} {moment:%B %Y, %H:%M}{zone}"


def _short_date(iso: str | None, t: Translator) -> str:
    """`1 January 2026` (the email's Subject), or "" with no date."""
    if not iso:
        return ""
    if t.english:
        return when(iso, t).split(", ")[0].split(" ", 1)[-1]
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return t.date(moment.astimezone() if moment.tzinfo is not None else moment)


def person(p: dict[str, Any]) -> str:
    return f"{p['name']} ({p['pronouns']})" if p.get("pronouns") else str(p["name"])


def names(items: Iterable[str], t: Translator | None = None) -> str:
    t = t or current()
    items = list(items)
    if len(items) < 2:
        return items[0] if items else t.gettext("nobody")
    return t.gettext("{names} and {last}").format(names=", ".join(items[:-1]), last=items[-1])


def _how(d: dict[str, Any], t: Translator) -> str:
    """How a fallback test was held: `; held on the vote scale, 2/3 support needed`."""
    if not d.get("scale"):
        return ""
    threshold = (d.get("rule") or {}).get("threshold")
    needed = t.gettext(", {threshold} support needed").format(threshold=threshold) \
        if threshold and threshold != "1" else ""
    return t.gettext("; held on the {scale} scale{needed}").format(scale=d["scale"],
                                                                  needed=needed)


def _test(d: dict[str, Any], t: Translator) -> dict[str, Any]:
    _ = t.gettext
    follows = d.get("follows")
    note = None
    if follows:
        was = t.word(OUTCOMES[follows["outcome"]]) if follows["outcome"] in OUTCOMES \
            else label(follows["outcome"])
        before = follows.get("title") or label(follows["step"])
        note = (_("Fallback after {before} (attempt {attempt}) ended {was}{how}.").format(
                    before=before, attempt=follows["attempt"], was=was, how=_how(d, t))
                if d.get("fallback") else
                _("Tried again after attempt {attempt} ended {was}.").format(
                    attempt=follows["attempt"], was=was))
    stances = d.get("stances") or []
    shown = d.get("labels") or {}  # the scale's labels in the language, where known
    reasons = [(s["name"], t.word(NAMED[key]), s.get("reason")) for key in NAMED
               for s in stances if s["stance"] == key]
    reasons += [(s["name"], _("said {stance}").format(
                    stance=shown.get(s["stance"]) or label(s["stance"])), s["reason"])
                for s in stances if s["stance"] not in NAMED and s.get("reason")]
    if d.get("secret"):
        took_part = ", ".join(d.get("voters") or ()) or _("nobody")
        note = (note + " " if note else "") + _("Secret ballot; took part: {names}.").format(
            names=took_part)
    title = d.get("title") or (label(d["step"]).capitalize() if d.get("step") else _("Record"))
    attempt = _(", attempt {n}").format(n=d["attempt"]) if d.get("attempt") else ""
    return {
        "heading": f"{title}{attempt}", "outcome": d["outcome"],
        "result": (t.word(OUTCOMES[d["outcome"]]) if d["outcome"] in OUTCOMES
                   else label(d["outcome"])),
        "tally": ", ".join(f"{shown.get(k) or label(k)}: {v}"
                           for k, v in (d.get("tally") or {}).items()),
        "reasons": reasons,
        "note": note, "fallback": bool(d.get("fallback")), "recorded": bool(d.get("recorded")),
    }


def proposals(decisions: list[dict[str, Any]],
              t: Translator | None = None) -> list[dict[str, Any]]:
    """Tests in order, those in a row on the same proposal together."""
    t = t or current()
    groups: list[dict[str, Any]] = []
    for d in decisions:
        if not groups or groups[-1]["proposal"] != d.get("proposal"):
            groups.append({"proposal": d.get("proposal") or t.gettext("(no proposal)"),
                           "tests": [], "blocked": False})
        test = _test(d, t)
        blocked = groups[-1]["blocked"]
        if test["fallback"] and d["outcome"] == "passed" and blocked:
            # never plainly "agreed": the block still stands
            test["result"] = t.gettext(OVER_A_BLOCK)
        groups[-1]["blocked"] = blocked or any(
            s["stance"] == "block" for s in d.get("stances") or [])
        groups[-1]["tests"].append(test)
    for g in groups:
        last = g["tests"][-1]
        g["outcome"], g["result"] = last["outcome"], last["result"]
        del g["blocked"]
    return groups


# The notes the minutes write themselves (`minutes.fold`), kept in English in the minutes'
# JSON: their pattern, and the same in words to translate (`{0}`: what the pattern found,
# names and what people typed).
_NOTES = (
    (re.compile(r"^Point of process: (.+?); (.+)'s time stood still while it was heard, "
                r"then \2 went on\.$", re.DOTALL),
     N_("Point of process: {0}; {1}'s time stood still while it was heard, then {1} went "
        "on.")),
    (re.compile(r"^Point of process: (.+)\.$", re.DOTALL), N_("Point of process: {0}.")),
    (re.compile(r"^Suggestion box: (.*)$", re.DOTALL), N_("Suggestion box: {0}")),
    (re.compile(r"^The meeting stopped for (\S+) \(the facilitator's computer was off\); "
                r"timers stood still\.$"),
     N_("The meeting stopped for {0} (the facilitator's computer was off); timers stood "
        "still.")),
    # `opening`: minutes written later from a journal with damaged lines.
    (re.compile(r"^Line (\d+) of this meeting's journal was damaged; what it held is missing "
                r"from these minutes\.$"),
     N_("Line {0} of this meeting's journal was damaged; what it held is missing from these "
        "minutes.")),
    (re.compile(r"^Lines ([\d, ]+) of this meeting's journal were damaged; what they held is "
                r"missing from these minutes\.$"),
     N_("Lines {0} of this meeting's journal were damaged; what they held is missing from "
        "these minutes.")),
)


def note(text: str, t: Translator) -> str:
    """A note in `t`'s language when the minutes wrote it themselves; a note people typed
    as it is."""
    if t.english:
        return text
    for pattern, said in _NOTES:
        found = pattern.match(text)
        if found:
            return t.gettext(said).format(*found.groups())
    return text


def view(m: dict[str, Any], airtime: bool = True,
         t: Translator | None = None) -> dict[str, Any]:
    """What the built-in formats show, in the order they show it, in `t`'s language."""
    t = t or current()
    _ = t.gettext
    meeting = m.get("meeting") or {}
    people = m.get("attendance") or []
    rows = (m.get("airtime") or []) if airtime else []
    titles = m.get("role_titles") or {}  # a role's name for people, where one is given
    return {
        "title": meeting.get("title") or label(meeting.get("protocol", "Meeting")).capitalize(),
        "date": when(meeting.get("started_at"), t),
        "day": (meeting.get("started_at") or "")[:10],
        "short_date": _short_date(meeting.get("started_at"), t),
        "duration": duration(meeting.get("duration_s"), t), "protocol": meeting.get("protocol"),
        "present": [person(p) for p in people],
        "late": [(person(p), clock(p["joined_s"])) for p in people if p.get("joined_s")],
        "left": [(person(p), clock(p["left_s"])) for p in people
                 if p.get("left_s") is not None],
        "roles": [(str(titles.get(r) or (_(ROLES[r]) if r in ROLES else label(r).capitalize())), n)
                  for r, n in (m.get("roles") or {}).items()],
        "timeline": [{"title": s.get("title") or label(s["step"]), "depth": s.get("depth", 0),
                      "kind": word(s.get("kind", ""), t), "start": clock(s.get("started_s")),
                      "duration": duration(s.get("duration_s"), t),
                      "outcome": word("confidential" if s.get("confidential")
                                      else s.get("outcome") or "open", t),
                      "closed": bool(s.get("confidential")),
                      "overrun": format_duration(s["overrun_s"]) if s.get("overrun_s") else None}
                     for s in m.get("steps") or []],
        "proposals": proposals(m.get("decisions") or [], t),
        "actions": [{"what": a["what"], "owner": a.get("owner") or _("nobody yet"),
                     "due": a.get("due"), "backup": a.get("backup")}
                    for a in m.get("actions") or []],
        "shifts": [{"name": s["name"], "what": s["what"]} for s in m.get("shifts") or []],
        # An agreement that names nobody binds the whole group.
        "agreements": [{"text": g["text"],
                        "parties": (names(g["parties"], t) if g.get("parties")
                                    else _("the whole group")),
                        "review": g.get("review_on")} for g in m.get("agreements") or []],
        # A note without a time (a session with guests) shows none.
        "notes": [{"text": note(n["text"], t), "at": clock(n["at_s"])
                   if n.get("at_s") is not None
                   else None} for n in m.get("notes") or []],
        "collected": [{"name": c["name"], "field": label(c["field"]), "value": c["value"]}
                      for c in m.get("collected") or []],
        "agenda": [{"title": i["title"], "outcome": word(i.get("outcome") or "open", t)}
                  for i in m.get("items") or []],
        "deferred": [d["title"] for d in m.get("deferred") or []],
        "reviews": [{"what": r.get("text") or f"#{r['id']}", "result": word(r["result"], t),
                     "to": r.get("to")} for r in m.get("reviews") or []],
        "overrides": [{"command": o["command"], "at": clock(o.get("at_s"))}
                      for o in m.get("overrides") or []],
        "airtime": [{"name": a["name"], "time": format_duration(a["seconds"]),
                     "turns": a["turns"],
                     "share": (f"{round(a['share'] * 100)}%" if t.english
                               else t.percent(round(a["share"], 2))),
                     "bar": a["share"]} for a in rows],
        "evenness": ((f"{m['evenness']:.2f}" if t.english else t.decimal(m["evenness"]))
                     if airtime and m.get("evenness") is not None else None),
        "measure": _(MEASURE) if m.get("evenness_measure") in (None, "", MEASURE)
        else m["evenness_measure"],
    }
