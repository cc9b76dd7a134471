"""Following a meeting's journal from another process, read-only (for the display).

The journal is re-read when it grows; new entries are run through the engine on top of
the meeting already rebuilt, so following a long meeting stays cheap. The journal's lock
is never taken: the facilitator's screen keeps writing. No textual here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator.engine.state import Meeting, Setup
from facilitator.errors import StoreError
from facilitator.i18n import _
from facilitator.protocols.loader import build_library
from facilitator.session import replay_journal
from facilitator.store.journal_read import read_journal


class Follower:
    """The meeting of one journal, brought up to date by `refresh`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.meeting: Meeting | None = None
        self.entries: list[dict[str, Any]] = []
        self._size = -1

    def refresh(self) -> bool:
        """Read what the journal gained since the last call; True when anything changed."""
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return False
        if size == self._size:
            return False
        contents = read_journal(self.path)
        self._size = size
        entries = contents.entries
        try:
            if self.meeting is None or len(entries) < len(self.entries):
                sources = [(str(f), str(t)) for f, t in contents.header["setup"]["sources"]]
                setup = Setup.from_dict(contents.header["setup"]["setup"])
                library, _problems = build_library(sources, include_builtin=False)
                self.meeting = replay_journal(self.path, Meeting.open(setup, library), entries)
            else:
                self.meeting = replay_journal(self.path, self.meeting, entries,
                                              len(self.entries))
        except StoreError:
            raise  # an entry that cannot be replayed, named by file and line
        except Exception as error:  # damage of any shape; the writer's side sets it aside
            raise StoreError(
                _("The journal {file} is damaged ({error}), so this view cannot follow it. "
                  "`facilitator resume` sets it aside.").format(file=self.path.name,
                                                                 error=type(error).__name__)
            ) from error
        self.entries = list(entries)
        return True
