"""Minutes as Markdown: readable as plain text, and as a page once rendered.

Everything people typed goes through `_esc`, so a name or a reason cannot change the
page's structure (no headings, links, tables or HTML of its own).
"""

from __future__ import annotations

import re
from typing import Any

from facilitator.i18n import Translator, current
from facilitator.minutes.view import view

_ENTITY = re.compile(r"&(?=\\?#?\w+;)")  # `#` is escaped already, hence `\\?`
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def _esc(text: object) -> str:
    """`text` as Markdown that shows exactly what was typed, on one line.

    Every character that can make inline markup is escaped (also `~`, strikethrough and
    fences), and an `&` that would start an entity (`&amp;`, `&#38;`); so is what would
    start a block at the beginning of a line (`1. item`, `1) item`, `- `, `+ `, `===`)."""
    out = str(text if text is not None else "")
    for ch in "\\`*_[]<>|#!~":
        out = out.replace(ch, "\\" + ch)
    out = _ENTITY.sub(r"\\&", " ".join(out.split()))
    return _BLOCK_START.sub(lambda m: (f"{m.group(1)}\\{m.group(2)}" if m.group(1)
                                       else f"\\{m.group(3)}"), out)


def _decisions(v: dict[str, Any], _: Any) -> list[str]:
    lines = ["## " + _("Decisions"), ""]
    for g in v["proposals"]:
        lines += [f"### {_esc(g['proposal'])}", "", f"**{g['result'].capitalize()}.**", ""]
        for t in g["tests"]:
            tally = f" ({_esc(t['tally'])})" if t["tally"] else ""
            lines.append(f"- {_esc(t['heading'])}: **{t['result']}**{tally}"
                         + (" · " + _("recorded") if t["recorded"] else ""))
            if t["note"]:
                lines.append(f"  - {_esc(t['note'])}")
            for name, did, reason in t["reasons"]:
                lines.append(f"  - {_esc(name)} {did}" + (f": “{_esc(reason)}”" if reason else ""))
        lines.append("")
    return lines


def render_markdown(m: dict[str, Any], airtime: bool = True,
                    t: Translator | None = None) -> str:
    t = t or current()
    _ = t.gettext
    v = view(m, airtime, t)
    lines = [f"# {_esc(v['title'])}", "",
             f"{v['date']} · {v['duration']} · " + _("protocol {id}").format(
                 id=f"`{v['protocol']}`"), ""]
    lines += ["## " + _("Present"), "", _esc(", ".join(v["present"]) or _("nobody")), ""]
    lines += ["- " + _("Joined late: {name} at {at}").format(name=_esc(p), at=at)
              for p, at in v["late"]]
    lines += ["- " + _("Left early: {name} at {at}").format(name=_esc(p), at=at)
              for p, at in v["left"]]
    lines += [""] if v["late"] or v["left"] else []
    if v["roles"]:
        lines += ["## " + _("Roles"), ""] + [f"- {r}: {_esc(n)}" for r, n in v["roles"]] + [""]
    if v["proposals"]:
        lines += _decisions(v, _)
    if v["actions"]:
        lines += ["## " + _("Action items"), ""]
        lines += [f"- [ ] {_esc(a['what'])}: {_esc(a['owner'])}"
                  + (_(", due {date}").format(date=a["due"]) if a["due"] else "")
                  + (" (" + _("backup {name}").format(name=_esc(a["backup"])) + ")"
                     if a["backup"] else "")
                  for a in v["actions"]] + [""]
    if v["shifts"]:
        lines += ["## " + _("Shifts"), ""]
        lines += [f"- {_esc(s['name'])}: {_esc(s['what'])}" for s in v["shifts"]] + [""]
    if v["agreements"]:
        lines += ["## " + _("Agreements"), ""]
        lines += [f"- {_esc(g['text'])}: {_esc(g['parties'])}"
                  + (" (" + _("review on {date}").format(date=g["review"]) + ")"
                     if g["review"] else "")
                  for g in v["agreements"]] + [""]
    if v["notes"]:
        lines += ["## " + _("Notes"), ""] + [
            f"- {_esc(n['text'])}" + (f" ({n['at']})" if n["at"] else "") for n in v["notes"]]
        lines.append("")
    if v["collected"]:
        lines += ["## " + _("Said in rounds"), ""] + [
            f"- **{_esc(c['name'])}** ({_esc(c['field'])}): {_esc(c['value'])}"
            for c in v["collected"]]
        lines.append("")
    if v["agenda"] or v["deferred"]:
        lines += ["## " + _("Agenda"), ""] + [f"- {_esc(i['title'])}: {i['outcome']}"
                                               for i in v["agenda"]]
        lines += ["- " + _("Deferred to the next meeting: {items}").format(
            items=_esc(", ".join(v["deferred"])))] if v["deferred"] else []
        lines.append("")
    if v["reviews"]:
        lines += ["## " + _("Review of open items"), ""]
        lines += [f"- {_esc(r['what'])}: {r['result']}"
                  + (" " + _("to {name}").format(name=_esc(r["to"])) if r["to"] else "")
                  for r in v["reviews"]]
        lines.append("")
    lines += ["## " + _("Timeline"), "",
              "| {} | {} | {} | {} |".format(_("at"), _("step"), _("took"), _("outcome")),
              "|---|---|---|---|"]
    for s in v["timeline"]:
        over = ", **" + _("{time} over").format(time=s["overrun"]) + "**" if s["overrun"] else ""
        indent = "↳ " * s["depth"]
        lines.append(f"| {s['start']} | {indent}{_esc(s['title'])} | {s['duration']}{over} | "
                     f"{s['outcome']} |")
    lines.append("")
    if v["overrides"]:
        lines += ["## " + _("Facilitator's overrides"), ""]
        lines += ["- " + _("{command} at {at}").format(
            command=f"`{o['command'].replace('`', '')}`", at=o["at"]) for o in v["overrides"]]
        lines.append("")
    if v["airtime"]:
        lines += ["## " + _("Airtime"), "",
                  "| {} | {} | {} | {} |".format(_("name"), _("time"), _("turns"), _("share")),
                  "|---|---|---|---:|"]
        lines += [f"| {_esc(a['name'])} | {a['time']} | {a['turns']} | {a['share']} |"
                  for a in v["airtime"]]
        if v["evenness"] is not None:
            lines += ["", _("Evenness of the floor: {value}.").format(
                value=f"**{v['evenness']}**") + f" {_esc(v['measure'])}"]
        lines.append("")
    return "\n".join(lines)
