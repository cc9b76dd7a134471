"""Minutes as plain text that reads well in an email: lines of at most 72 characters.

Headings are underlined, lists are indented, and long lines wrap under their own
indentation so a reply quoting them stays readable. Nothing is escaped: it is only text.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from facilitator.i18n import Translator, current
from facilitator.minutes.view import view

WIDTH = 72
_SPACES = re.compile(r"[ \t\r\n]+")
NBSP = "\xa0"  # joins words that must not be split across lines; a space once wrapped


def _wrap(text: str, indent: str = "", hang: str | None = None, squash: bool = True) -> list[str]:
    """`text` wrapped at WIDTH; first line at `indent`, the rest at `hang`."""
    text = _SPACES.sub(" ", str(text)).strip() if squash else str(text)
    if len(indent) + len(text) <= WIDTH:  # most lines: textwrap is slow, and not needed
        return [(indent + text).rstrip().replace(NBSP, " ")]
    lines = textwrap.wrap(text, WIDTH, initial_indent=indent,
                         subsequent_indent=indent if hang is None else hang,
                         break_long_words=True, break_on_hyphens=False) or [indent.rstrip()]
    return [line.replace(NBSP, " ") for line in lines]


def _heading(text: str) -> list[str]:
    return ["", text, "-" * len(text)]


def _item(text: str, bullet: str = "- ", indent: str = "") -> list[str]:
    return _wrap(text, indent + bullet, indent + " " * len(bullet))


def _decisions(v: dict[str, Any], _: Any) -> list[str]:
    lines = _heading(_("Decisions"))
    for n, g in enumerate(v["proposals"], start=1):
        lines += [""] + _item(f"{g['proposal']}", f"{n}. ")
        lines += _wrap(_("Outcome: {result}").format(result=g["result"].upper()), "   ")
        for t in g["tests"]:
            tally = f" ({t['tally'].replace(' ', NBSP)})" if t["tally"] else ""
            recorded = "; " + _("recorded") if t["recorded"] else ""
            lines += _item(f"{t['heading']}: {t['result']}{tally}{recorded}", "- ", "   ")
            if t["note"]:
                lines += _wrap(t["note"], "     ")
            for name, did, reason in t["reasons"]:
                lines += _wrap(f"{name} {did}" + (f': "{reason}"' if reason else "."),
                               "     ", "       ")
    return lines


def _timeline(v: dict[str, Any], _: Any, english: bool = True) -> list[str]:
    lines = _heading(_("Timeline"))
    # English cuts a step's title at 30 characters, as it always has; a translation, often
    # longer, widens the column instead (a row too long wraps), so nothing is cut.
    width = 30 if english else max([30] + [len("  " * s["depth"] + s["title"])
                                           for s in v["timeline"]])
    at, step, took, outcome = _("at"), _("step"), _("took"), _("outcome")
    lines.append(f"{at:>7}  {step:<{width}} {took:<16} {outcome}")
    for s in v["timeline"]:
        title = "  " * s["depth"] + s["title"]
        took = s["duration"] + (" (" + _("{time} over").format(time=s["overrun"]) + ")"
                                if s["overrun"] else "")
        row = f"{s['start']:>7}  {title[:width]:<{width}} {took:<16} {s['outcome']}"
        lines += _wrap(row, "", " " * 9, squash=False)
    return lines


def render_text(m: dict[str, Any], airtime: bool = True, t: Translator | None = None) -> str:
    t = t or current()
    return text_of(view(m, airtime, t), t)


def text_of(v: dict[str, Any], t: Translator | None = None) -> str:
    """The plain text of minutes already put in `view` form."""
    t = t or current()
    _ = t.gettext
    title = v["title"]
    lines = _wrap(title) + ["=" * min(WIDTH, len(title))]
    lines += _wrap(f"{v['date']}, {v['duration']}, "
                   + _("protocol {id}").format(id=v["protocol"]))
    lines += _heading(_("Present")) + _wrap(", ".join(v["present"]) or _("nobody"))
    lines += [ln for p, at in v["late"]
              for ln in _item(_("{name} joined at {at}.").format(name=p, at=at))]
    lines += [ln for p, at in v["left"]
              for ln in _item(_("{name} left at {at}.").format(name=p, at=at))]
    if v["roles"]:
        lines += _heading(_("Roles")) + [ln for r, n in v["roles"] for ln in _item(f"{r}: {n}")]
    if v["proposals"]:
        lines += _decisions(v, _)
    if v["actions"]:
        lines += _heading(_("Action items"))
        for a in v["actions"]:
            due = _(", due {date}").format(date=a["due"]) if a["due"] else ""
            backup = ", " + _("backup {name}").format(name=a["backup"]) if a["backup"] else ""
            lines += _item(f"{a['what']} ({a['owner']}{due}{backup})", "[ ] ")
    if v["shifts"]:
        lines += _heading(_("Shifts"))
        lines += [ln for s in v["shifts"] for ln in _item(f"{s['name']}: {s['what']}")]
    if v["agreements"]:
        lines += _heading(_("Agreements"))
        for g in v["agreements"]:
            review = " " + _("Review on {date}.").format(date=g["review"]) if g["review"] else ""
            lines += _item(f"{g['text']} ({g['parties']}).{review}")
    if v["notes"]:
        lines += _heading(_("Notes")) + [ln for n in v["notes"] for ln in _item(n["text"])]
    if v["collected"]:
        lines += _heading(_("Said in rounds")) + [
            ln for c in v["collected"] for ln in _item(f"{c['name']} ({c['field']}): {c['value']}")]
    if v["agenda"] or v["deferred"]:
        lines += _heading(_("Agenda"))
        lines += [ln for i in v["agenda"] for ln in _item(f"{i['title']}: {i['outcome']}")]
        if v["deferred"]:
            lines += _item(_("Deferred to the next meeting: {items}").format(
                items=", ".join(v["deferred"])))
    if v["reviews"]:
        lines += _heading(_("Review of open items"))
        lines += [ln for r in v["reviews"] for ln in
                  _item(f"{r['what']}: {r['result']}"
                        + (" " + _("to {name}").format(name=r["to"]) if r["to"] else ""))]
    lines += _timeline(v, _, t.english)
    if v["overrides"]:
        lines += _heading(_("Facilitator's overrides"))
        lines += [ln for o in v["overrides"]
                  for ln in _item(_("{command} at {at}").format(command=o["command"], at=o["at"]))]
    if v["airtime"]:
        lines += _heading(_("Airtime"))
        width = max(12, *(len(a["name"]) for a in v["airtime"]))
        # Columns as wide as their heading in the language (in English: 8, 5 and 5).
        name, time, turns, share = _("name"), _("time"), _("turns"), _("share")
        time_w, turns_w, share_w = max(8, len(time)), max(5, len(turns)), max(5, len(share))
        lines += _wrap(f"{name:<{width}}  {time:>{time_w}}  {turns:>{turns_w}}  "
                       f"{share:>{share_w}}", "  ", squash=False)
        for a in v["airtime"]:
            lines += _wrap(f"{a['name']:<{width}}  {a['time']:>{time_w}}  "
                           f"{a['turns']:>{turns_w}}  {a['share']:>{share_w}}", "  ", "  ",
                           squash=False)
        if v["evenness"] is not None:
            lines += [""] + _wrap(_("Evenness of the floor: {value}.").format(
                value=v["evenness"]) + f" {v['measure']}")
    return "\n".join(lines) + "\n"
