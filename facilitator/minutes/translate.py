"""Protocol texts in the minutes, in another language: the same meeting, read again.

A meeting's journal (and so its minutes' JSON) keeps step and role titles as they were
shown, in the protocol's own first language. To write the minutes in another language,
`localize` looks each one up in the library the meeting ran (step by protocol and id,
role by id) and puts the author's translation in its place. A title whose placeholders
were filled (`Test: {item}`) is matched against its template, and the values that filled
it, which people typed, go into the translated template as they were.

Rules:
- Only texts found in the library as written are replaced; anything else (a title typed
  live, a placeholder value, a name) stays exactly as it is.
- The JSON shape is unchanged, except each decision may gain `labels`, its scale's
  option labels in the language, which the readable formats use for the tally.
"""

from __future__ import annotations

import re
from typing import Any

from facilitator.i18n import Translator
from facilitator.protocols.model import Library, Protocol

_HOLE = re.compile(r"\{([^{}]*)\}")


def retitle(shown: str, written: str, t: Translator) -> str:
    """`shown` (a title as the meeting showed it) in `t`'s language, if it came from the
    text `written`; else `shown` unchanged."""
    if shown == str(written):
        return t.text(written)
    holes = _HOLE.findall(str(written))
    if not holes:
        return shown
    pattern = "".join(re.escape(part) if i % 2 == 0 else "(.*)"
                      for i, part in enumerate(_HOLE.split(str(written))))
    found = re.fullmatch(pattern, shown, re.DOTALL)
    if found is None:
        return shown
    values = dict(zip(holes, found.groups(), strict=True))
    return _HOLE.sub(lambda m: values.get(m.group(1), m.group(0)), t.text(written))


def _protocols(m: dict[str, Any], library: Library) -> list[Protocol]:
    ids = dict.fromkeys([(m.get("meeting") or {}).get("protocol")]
                        + [s.get("protocol") for s in m.get("steps") or []])
    return [p for pid in ids if pid and (p := library.protocol(str(pid))) is not None]


def localize(m: dict[str, Any], library: Library, t: Translator) -> dict[str, Any]:
    """A copy of the minutes `m` with the protocol texts in `t`'s language."""
    titles: dict[str, str] = {}
    protocols = _protocols(m, library)
    scales = {step.id: step.scale for p in protocols for step in p.steps}
    steps = []
    for s in m.get("steps") or []:
        protocol = library.protocol(str(s.get("protocol")))
        step = protocol.step(str(s.get("step"))) if protocol else None
        if step is not None and s.get("title"):
            new = retitle(s["title"], step.title or step.display_title, t)
            titles[s["title"]] = new
            s = {**s, "title": new}
        steps.append(s)
    decisions = []
    for d in m.get("decisions") or []:
        d = dict(d)
        if d.get("title") in titles:
            d["title"] = titles[d["title"]]
        if d.get("follows") and d["follows"].get("title") in titles:
            d["follows"] = {**d["follows"], "title": titles[d["follows"]["title"]]}
        scale = library.scale(str(d.get("scale") or scales.get(str(d.get("step"))) or ""))
        if scale is not None and not t.english:
            d["labels"] = {o.key: t.text(o.label) for o in scale.options}
        decisions.append(d)
    role_titles = dict(m.get("role_titles") or {})
    for protocol in protocols:
        for rid, role in protocol.roles.items():
            if role.title and role_titles.get(rid) == str(role.title):
                role_titles[rid] = t.text(role.title)
    out = {**m, "steps": steps, "decisions": decisions}
    meeting = dict(m.get("meeting") or {})
    main = library.protocol(str(meeting.get("protocol")))
    if main is not None and meeting.get("title", "") in ("", str(main.title)):
        out["meeting"] = {**meeting, "title": t.text(main.title)}  # untitled: the protocol's
    if role_titles:
        out["role_titles"] = role_titles
    return out
