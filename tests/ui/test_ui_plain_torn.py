"""`resume --plain` says when a torn or damaged end of the journal was set aside, as the
full-screen view does (issue 12)."""

from __future__ import annotations

import io

from conftest import Parts

from facilitator.session import LiveMeeting
from facilitator.ui.plain import converse


def test_resume_plain_tells_of_a_torn_tail(parts: Parts) -> None:
    live = parts.open("quick-decision", *Parts.STARTED)
    path = parts.group.journal_path(live.id)
    live.close()
    with open(path, "ab") as journal:
        journal.write(b'{"seq": 5, "at": 1')  # the facilitator stopped while writing
    again = LiveMeeting.resume(parts.group, live.id, parts.clock)
    out = io.StringIO()
    assert converse(again, parts.group, parts.library, parts.sources, parts.clock,
                    stdin=io.StringIO("quit\n"), stdout=out) == 0
    said = out.getvalue()
    assert (f"The last line of the journal {path.name} was cut off (the facilitator stopped "
            f"while writing it); it is not part of the meeting and was set aside in "
            f"{path.name}.torn.") in said
    assert path.with_name(path.name + ".torn").read_bytes() == b'{"seq": 5, "at": 1\n'


def test_resume_plain_tells_of_damaged_lines(parts: Parts) -> None:
    live = parts.open("quick-decision", *Parts.STARTED, "hand Ana")
    path = parts.group.journal_path(live.id)
    live.close()
    lines = path.read_bytes().split(b"\n")
    lines[3] = b"garbage"
    path.write_bytes(b"\n".join(lines))
    again = LiveMeeting.resume(parts.group, live.id, parts.clock)
    out = io.StringIO()
    converse(again, parts.group, parts.library, parts.sources, parts.clock,
             stdin=io.StringIO("quit\n"), stdout=out)
    assert f"Line 4 of the journal {path.name} is damaged" in out.getvalue()
