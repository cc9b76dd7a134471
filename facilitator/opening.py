"""Opening a group, and what it brings to a new meeting.

- `open_group`: the group named by `--group`, `FACILITATOR_GROUP` or the default folder,
  checked and tidied, with every meeting that ended unrecorded recorded first (nothing said
  is lost), and a damaged journal set aside with a sentence.
- `group_setup`: what the group's memory brings to a meeting as it opens (the items to
  review, deferred items, principles, the suggestion box, the moratorium).
The meeting itself is run by `facilitator.session.LiveMeeting`.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

from facilitator.engine.state import ReviewItem, Setup
from facilitator.errors import FacilitatorError, StoreError
from facilitator.fairshare import current_moratorium
from facilitator.i18n import _, ngettext
from facilitator.minutes.build import build_minutes
from facilitator.protocols.model import AgendaItem
from facilitator.store import upkeep
from facilitator.store.care import record_capacity
from facilitator.store.group import Group
from facilitator.store.journal_read import read_past_damage

MINUTES_FORMATS = ("md", "html", "txt")


def minutes_files(minutes: dict[str, Any], library: Any = None) -> dict[str, str]:
    """The formats kept beside the JSON in the group's minutes folder, in the current
    language (the group's); `library`, the protocols the meeting ran, translates their
    texts too. The JSON beside them is data, the same in every language."""
    from facilitator.minutes import render

    return {fmt: render(minutes, fmt, library=library) for fmt in MINUTES_FORMATS}


def _warn_on_stderr(text: str) -> None:
    print(f"facilitator: {text}", file=sys.stderr)


def record_ended(group: Group, warn: Callable[[str], None] = _warn_on_stderr) -> list[str]:
    """Record the minutes of meetings that ended but were not recorded (a crash between
    `end` and the write): nothing said is lost. Returns their ids.

    A damaged line in such a journal is skipped, not the rest of the meeting: the minutes
    are built from every other line and hold a note saying which line is missing, and
    `warn` is told. A journal too damaged to make minutes from is set aside (see
    `set_aside_damaged`) and a write that fails (a full disk) is left for next time: each
    is told to `warn` in a sentence, and the group goes on.
    """
    done = []
    for meeting_id in group.ended_unrecorded():
        try:
            path = group.journal_path(meeting_id)
            contents, skipped = read_past_damage(path)
        except StoreError as error:
            warn(str(error))
            continue
        try:
            minutes = build_minutes(contents.header["setup"]["setup"], contents.entries)
            if skipped:
                lines = ", ".join(map(str, skipped))
                said = (f"Line{'s' if len(skipped) > 1 else ''} {lines} of this meeting's "
                        f"journal {'were' if len(skipped) > 1 else 'was'} damaged; what "
                        f"{'they' if len(skipped) > 1 else 'it'} held is missing from these "
                        "minutes.")
                minutes["notes"].append({"text": said,
                                         "at_s": minutes["meeting"]["duration_s"]})
            files = minutes_files(minutes)
        except Exception as error:  # damage of any shape: see set_aside_damaged
            warn(set_aside_damaged(group, meeting_id, error))
            continue
        try:
            if group.record_minutes(minutes, files):
                record_capacity(group, minutes, contents.entries)
        except StoreError as error:
            warn(str(error))
            continue
        if skipped:
            warn(ngettext("The meeting {id} ended unrecorded with a damaged journal ({path}, "
                          "line {lines}); it is now recorded without that line, and its "
                          "minutes say so.",
                          "The meeting {id} ended unrecorded with a damaged journal ({path}, "
                          "lines {lines}); it is now recorded without those lines, and its "
                          "minutes say so.", len(skipped)).format(id=meeting_id, path=path,
                                                                   lines=lines))
        done.append(meeting_id)
    return done


def set_aside_damaged(group: Group, meeting_id: str, error: BaseException) -> str:
    """Move a journal that cannot be rebuilt out of the way (renamed, not deleted), so the
    rest of the group goes on; the sentence that says so. `error` is what rebuilding it
    raised: the engine reads a damaged journal in ways no one can list."""
    what = str(error) if isinstance(error, FacilitatorError) else type(error).__name__
    try:
        aside = upkeep.set_aside(group, meeting_id)
    except StoreError as failed:
        return _("The journal of the meeting {id} is damaged ({what}) and cannot be "
                 "rebuilt.").format(id=meeting_id, what=what) + f" {failed}"
    return _("The journal of the meeting {id} is damaged ({what}) and cannot be rebuilt, so "
             "it was set aside as {aside} and the group goes on without it; nothing in it was "
             "deleted.").format(id=meeting_id, what=what, aside=aside)


def open_group(path: Any = None, warn: Callable[[str], None] = _warn_on_stderr) -> Group:
    """The group named by `--group`, `FACILITATOR_GROUP` or the default folder, with any
    meeting that ended unrecorded recorded first, so its memory is whole. Refuses (in a
    sentence) a group folder that is a file; what killed processes left is tidied."""
    group = Group.from_env(path)
    upkeep.check(group)
    upkeep.tidy(group)
    record_ended(group, warn)
    if group.notice:  # the group was converted to the sync layout: said once, here
        warn(group.notice)
    return group


def utc_offset(now: float) -> int:
    """Seconds east of UTC in this computer's time zone at `now`."""
    offset = dt.datetime.fromtimestamp(now).astimezone().utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def group_setup(group: Group | None, protocol: str, title: str, meeting_id: str,
                now: float) -> Setup:
    """What the group's memory brings to a new meeting, in this computer's time zone."""
    offset = utc_offset(now)
    if group is None:
        return Setup(meeting_id, title, protocol, now, utc_offset=offset)
    record_ended(group, warn=lambda text: None)  # told when the group was opened
    today = dt.date.fromtimestamp(now)  # the computer's own "today"
    # The label (A2) is what people type; the stable id is what the journal's review names.
    review = [ReviewItem(a.id, "action", a.what, a.owner or "", ref=a.ref, due=a.due or "")
              for a in group.open_actions()]
    review += [ReviewItem(g.id, "agreement", g.text, ", ".join(g.parties), ref=g.ref,
                          due=g.review_on or "")
               for g in group.agreements_due(today)]
    deferred = [AgendaItem(title=d.title, protocol=d.protocol) for d in group.deferred_items()]
    return Setup(meeting_id, title, protocol, now,
                 meeting_number=group.meeting_count(protocol) + 1,
                 review=tuple(review), deferred=tuple(deferred),
                 moratorium=current_moratorium(group),
                 principles=tuple(p.text for p in group.principles()),
                 members=len(group.roster()),
                 suggestions=tuple(group.suggestions()),
                 utc_offset=offset)
