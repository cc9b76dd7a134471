"""Placeholders in prompts and titles: {proposal}, {item}, {speaker}, {role.NAME}.

Prompts are filled with all of them for the screen. Step titles go into the minutes'
timeline, which is never confidential, so they are filled only with what is public anyway:
who holds a role ({role.NAME}) and the agenda item ({item}).
"""

from __future__ import annotations

from facilitator.engine.state import Meeting

TITLE_KEYS = ("item",)


def current_item(meeting: Meeting) -> str | None:
    """The title of the agenda item being run, if any."""
    for frame in reversed(meeting.frames):
        run = frame.run
        if run is not None and run.step.kind == "agenda" and 0 <= run.item < len(run.items):
            return run.items[run.item].title
    return None


def fill(meeting: Meeting, text: str, keys: tuple[str, ...] = ("proposal", "item", "speaker")
         ) -> str:
    """`text` with the placeholders named in `keys`, and every {role.NAME}, filled in."""
    run = meeting.run
    speaker = meeting.floor.name if meeting.floor else (run.speaker if run else None)
    values = {
        "proposal": meeting.proposal or "(no proposal yet: propose TEXT)",
        "item": current_item(meeting) or "(no agenda item)",
        "speaker": speaker or "(nobody yet)",
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
