"""Placeholders in prompts and titles: {proposal}, {item}, {speaker}, {principles} (the
group's stored principles), {suggestions} (the anonymous suggestion box), {role.NAME}.

Prompts are filled with all of them for the screen. Step titles go into the minutes'
timeline, which is never confidential, so they are filled only with what is public anyway:
who holds a role ({role.NAME}) and the agenda item ({item}). The running steps' kinds
say what they fill ({item} by an agenda, {speaker} by a turn); the innermost wins.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from facilitator.engine.state import Meeting
from facilitator.i18n import N_

if TYPE_CHECKING:
    from facilitator.i18n import Translator

TITLE_KEYS = ("item",)
_PLACEHOLDER = re.compile(
    r"\{(proposal|item|speaker|principles|suggestions)\}|\{role\.([^}]*)\}")


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
         keys: tuple[str, ...] = ("proposal", "item", "speaker", "principles", "suggestions"),
         t: Translator | None = None) -> str:
    """`text` with the placeholders named in `keys`, and every {role.NAME}, filled in.

    What stands in for a value not there yet is in English (a step's title, kept in the
    journal), or in `t`'s language for the screen."""
    said = _said(meeting)
    speaker = meeting.floor.name if meeting.floor else said.get("speaker")
    word = t.gettext if t is not None else str
    values = {
        "proposal": meeting.proposal or word(N_("(no proposal yet: propose TEXT)")),
        "item": said.get("item") or word(N_("(no agenda item)")),
        "speaker": speaker or word(N_("(nobody yet)")),
        "principles": "; ".join(meeting.setup.principles)
        or word(N_("(the group has recorded none: `facilitator principles add TEXT`)")),
        "suggestions": "; ".join(meeting.suggestions)
        or word(N_("(the suggestion box is empty)")),
    }

    def fill_one(match: re.Match[str]) -> str:
        key, role = match.group(1), match.group(2)
        if role is None:
            return values[key] if key in keys else match.group(0)
        holders = meeting.holders(role)
        if holders:
            return word(" and ").join(holders)
        return word(N_("(no {role} named)")).format(role=role)

    # One pass over the text as written: what a name or a proposal holds is never filled
    # in again, so a role holder named `{role.presenter}` cannot make this loop.
    return _PLACEHOLDER.sub(fill_one, text)
