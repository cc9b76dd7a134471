"""The keys for setting up a meeting: someone joins (with the pronouns the group's memory
recalls), a role is named (in the order the rotation would ask), the proposal is set.
Mixed into `KeyActions`."""

from __future__ import annotations

import shlex
from typing import Any

from textual import work

from facilitator.engine.general import roles_in_play
from facilitator.i18n import _
from facilitator.ui.completion import join_line, known_as
from facilitator.ui.kinds import role_title
from facilitator.ui.widgets.ask import Ask
from facilitator.ui.widgets.choice import Choice
from facilitator.ui.widgets.commandline import ListSuggester


def q(word: str) -> str:
    return shlex.quote(word)


class SetupKeyActions:
    """Uses the screen's `send`, `live`, `app`, `roster`, `pronouns`, `counsel`."""

    live: Any
    app: Any
    roster: list[str]
    pronouns: dict[str, str]
    counsel: Any

    def send(self, command: str) -> bool:
        raise NotImplementedError

    @work(exclusive=True)
    async def _key_join(self) -> None:
        m, known = self.live.meeting, self.pronouns
        names = [n for n in [*m.seating, *self.roster] if n not in m.present]
        text = await self.app.push_screen_wait(Ask(
            _("Who joins?"), help=_("A name, then pronouns if they like: Ana she/her. "
                                    "Names of the group complete with tab, with the pronouns "
                                    "they gave before."),
            suggester=ListSuggester(known_as(dict.fromkeys(names), known),
                                    then=self.suggester("join "))))  # type: ignore[attr-defined]
        if text:
            self.send(join_line(text, known))

    @work(exclusive=True)
    async def _key_role(self) -> None:
        m = self.live.meeting
        roles = list(roles_in_play(m))
        needed = [r for r in m.protocol.roles if not m.holders(r)]
        ordered = needed + [r for r in roles if r not in needed]
        labels = [(r, role_title(m, r) + (" " + _("(needed to start)") if r in needed
                                               else "")
                   + (": " + _("now {names}").format(names=", ".join(m.holders(r)))
                      if m.holders(r) else ""))
                  for r in ordered]
        role = await self.app.push_screen_wait(Choice(_("Which role?"), labels))
        if not role:
            return
        # The group's rotation: who never held it first, then the least recent ...
        order = self.counsel.role_order(role, list(m.present))
        chosen: str | None = await self.app.push_screen_wait(Choice(
            _("Who is {role}? (in the order the rotation would ask)").format(
                role=role_title(m, role)),
            [(n, n + ("  " + _("(suggested)") if i == 0 and len(order) > 1 else ""))
             for i, n in enumerate(order)]))
        if chosen:
            self.send(f"role {role} {q(chosen)}")

    @work(exclusive=True)
    async def _key_propose(self) -> None:
        text = await self.app.push_screen_wait(
            Ask(_("The proposal"), self.live.meeting.proposal or ""))

        if text:
            self.send(f"propose {q(text)}")
