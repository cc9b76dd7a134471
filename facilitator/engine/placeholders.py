"""Placeholders in prompts and titles: {proposal}, {item}, {speaker}, {principles} (the
group's stored principles), {role.NAME}.

Prompts are filled with all of them for the screen. Step titles go into the minutes'
timeline, which is never confidential, so they are filled only with what is public anyway:
who holds a role ({role.NAME}) and the agenda item ({item}). The running steps' kinds
say what they fill ({item} by an agenda, {speaker} by a turn); the innermost wins.
"""

from __future__ import annotations

from facilitator.engine.state import Meeting

TITLE_KEYS = ("item",)


def _said(meeting: Meeting) -> dict[str, str]:
    said: dict[str, str] = {}
    for frame in meeting.frames:
        if frame.run is not None:
            said.update(frame.run.kind.says(frame.run))
    return said


def current_item(meeting: Meeting) -> str | None:
    """The title of the agenda item being run, if any."""
    return _said(meeting).get("item")


def fill(meeting: Meeting, text: str,
         keys: tuple[str, ...] = ("proposal", "item", "speaker", "principles")) -> str:
    """`text` with the placeholders named in `keys`, and every {role.NAME}, filled in."""
    said = _said(meeting)
    speaker = meeting.floor.name if meeting.floor else said.get("speaker")
    values = {
        "proposal": meeting.proposal or "(no proposal yet: propose TEXT)",
        "item": said.get("item") or "(no agenda item)",
        "speaker": speaker or "(nobody yet)",
        "principles": "; ".join(meeting.setup.principles)
        or "(the group has recorded none: `facilitator principles add TEXT`)",
    }
    out = text
    for key in keys:
        out = out.replace("{" + key + "}", values[key])
    while "{role." in out:
        start = out.index("{role.")
        end = out.find("}", start)
        if end < 0:
            break
        role = out[start + 6:end]
        holders = meeting.holders(role)
        out = out[:start] + (" and ".join(holders) or f"(no {role} named)") + out[end + 1:]
    return out

