"""The command palette's provider: every command of the vocabulary.

Choosing a command that takes nothing sends it (`end` still asks first); one that takes
arguments opens the command line with the command written, ready for them.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from facilitator.engine.commands import COMMANDS
from facilitator.i18n import _


class VocabularyProvider(Provider):
    """Commands of the meeting, found by name or usage."""

    def _run(self, name: str) -> None:
        from facilitator.ui.meeting import MeetingScreen

        screen = self.app.screen
        if not isinstance(screen, MeetingScreen):
            self.app.notify(_("Commands are given in a meeting; open one first."),
                            title=_("Not now"), severity="warning")

            return
        if COMMANDS[name].least == 0:
            screen.send(name)
        else:
            screen.query_one("#commandline").open(f"{name} ")  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for name, spec in COMMANDS.items():
            yield DiscoveryHit(spec.usage, partial(self._run, name), help=_(spec.what))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, spec in COMMANDS.items():
            score = matcher.match(spec.usage)
            if score > 0:
                yield Hit(score, matcher.highlight(spec.usage), partial(self._run, name),
                          help=_(spec.what))
