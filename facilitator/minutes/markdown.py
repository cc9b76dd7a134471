"""Minutes as Markdown: readable as plain text, and as a page once rendered."""

from __future__ import annotations

from typing import Any

from facilitator.protocols.values import format_duration


def _esc(text: object) -> str:
    """Markdown-escape what people typed, so it cannot change the page's structure."""
    out = str(text if text is not None else "")
    for ch in "\\`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def render_markdown(m: dict[str, Any], airtime: bool = True) -> str:
    meeting = m["meeting"]
    title = meeting.get("title") or meeting["protocol"]
    lines = [f"# {_esc(title)}", ""]
    date = (meeting.get("started_at") or "")[:16].replace("T", " ")
    duration = format_duration(meeting["duration_s"]) if meeting.get("duration_s") else "open"
    lines += [f"{date} UTC · {duration} · protocol `{meeting['protocol']}`", ""]
    people = [f"{_esc(p['name'])}" + (f" ({_esc(p['pronouns'])})" if p["pronouns"] else "")
              for p in m["attendance"]]
    lines += ["## Present", "", ", ".join(people) or "nobody", ""]
    if m["roles"]:
        lines += ["## Roles", ""] + [f"- {r}: {_esc(n)}" for r, n in m["roles"].items()] + [""]
    if m["decisions"]:
        lines += ["## Decisions", ""]
        for d in m["decisions"]:
            tally = ", ".join(f"{k}: {v}" for k, v in d["tally"].items())
            attempt = f", attempt {d['attempt']}" if d.get("attempt") else ""
            lines.append(f"- **{_esc(d['proposal'])}**: {d['outcome']}{attempt}"
                         + (f" ({tally})" if tally else ""))
            for s in d["stances"]:
                if s.get("reason"):
                    lines.append(f"  - {_esc(s['name'])} ({s['stance']}): {_esc(s['reason'])}")
        lines.append("")
    if m["actions"]:
        lines += ["## Actions", ""]
        lines += [f"- {_esc(a['what'])}: {_esc(a['owner'])}" + (f", by {a['due']}" if a["due"]
                                                                 else "") for a in m["actions"]]
        lines.append("")
    if m["agreements"]:
        lines += ["## Agreements", ""]
        for g in m["agreements"]:
            review = f" (review on {g['review_on']})" if g.get("review_on") else ""
            lines.append(f"- {_esc(g['text'])}: {_esc(', '.join(g['parties']))}{review}")
        lines.append("")
    if m["notes"]:
        lines += ["## Notes", ""] + [f"- {_esc(n['text'])}" for n in m["notes"]] + [""]
    if airtime and m["airtime"]:
        lines += ["## Airtime", "", "| name | time | turns | share |", "|---|---|---|---|"]
        for a in m["airtime"]:
            lines.append(f"| {_esc(a['name'])} | {format_duration(a['seconds'])} | "
                         f"{a['turns']} | {round(a['share'] * 100)}% |")
        if m.get("evenness") is not None:
            lines += ["", f"Evenness of the floor: {m['evenness']:.2f} (1 is even)"]
        lines.append("")
    if m["overrides"]:
        lines += ["## Facilitator's overrides", ""]
        lines += [f"- `{_esc(o['command'])}` at {format_duration(o['at_s'])}"
                  for o in m["overrides"]] + [""]
    return "\n".join(lines)
