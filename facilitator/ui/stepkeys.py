"""The keys of the step kinds' own work: a review's items, a choice's options, the record
form, an agenda's items, and whom a turn is for. Mixed into `KeyActions`.

Which of them the key bar offers comes from the kind's row in `facilitator.ui.kinds`; a
key that does not fit the moment still sends its command, and the engine says why not.
"""

from __future__ import annotations

import datetime as dt
import shlex
from typing import Any

from textual import work as worker

from facilitator.engine.state import Meeting
from facilitator.engine.steps.review import reviews_of
from facilitator.i18n import _, current
from facilitator.ui import work
from facilitator.ui.widgets.ask import Ask
from facilitator.ui.widgets.choice import Choice
from facilitator.ui.widgets.recordform import RecordForm


def q(word: str) -> str:
    return shlex.quote(word)


class StepKeyActions:
    """Uses the screen's `send`, `live`, `app`, `pointer`, `roster`, `clock`."""

    live: Any
    app: Any
    review_at: int
    review_began: float | None
    roster: list[str]
    pronouns: dict[str, str]
    clock: Any

    def send(self, command: str) -> bool:
        raise NotImplementedError

    def show(self) -> None:
        raise NotImplementedError

    async def _pick(self, question: str, names: list[str]) -> str | None:
        raise NotImplementedError

    # --- review: the highlighted item -----------------------------------------------------

    def first_to_review(self, meeting: Meeting) -> None:
        """When a review begins (or is taken up), the highlight starts on the first item
        nothing has been decided for."""
        run = meeting.run
        if run is None or reviews_of(run) is None or self.review_began == run.entered_at:
            return
        self.review_began = run.entered_at
        ids = [i.id for i in meeting.setup.review]
        left = work.left_to_review(meeting, run)
        self.review_at = ids.index(left[0]) if left else 0

    def _highlighted(self) -> str | None:
        items = self.live.meeting.setup.review
        if not items:
            self.send("review - done")  # the engine says there is nothing to review
            return None
        return str(items[min(self.review_at, len(items) - 1)].id)

    def _reviewed(self, result: str, to: str = "") -> None:
        item = self._highlighted()
        if item is not None and self.send(f"review {item} {result}" + (f" {q(to)}" if to else "")):
            left = work.left_to_review(self.live.meeting, self.live.meeting.run)
            ids = [i.id for i in self.live.meeting.setup.review]
            if left:  # on to the next item nothing is decided for
                after = [i for i in left if ids.index(i) > ids.index(item)]
                self.review_at = ids.index((after or left)[0])
            self.show()

    def _key_review_done(self) -> None:
        self._reviewed("done")

    def _key_keep(self) -> None:
        self._reviewed("keep")

    def _key_drop(self) -> None:
        self._reviewed("drop")

    @worker(exclusive=True, group="step")
    async def _key_review_hand(self) -> None:
        item = self._highlighted()
        if item is None:
            return
        owner = {i.id: i.owner for i in self.live.meeting.setup.review}.get(item, "")
        name = await self._pick(_("Who takes {item} over?").format(item=item),
                                [n for n in self.live.meeting.present if n != owner])
        if name:
            self._reviewed("hand", name)

    def _move(self, by: int) -> None:
        if reviews_of(self.live.meeting.run) is None:
            return
        count = len(self.live.meeting.setup.review)
        if count:
            self.review_at = (self.review_at + by) % count
            self.show()

    def _key_item_up(self) -> None:
        self._move(-1)

    def _key_item_down(self) -> None:
        self._move(1)

    # --- choose ---------------------------------------------------------------------------

    def _option(self, n: int) -> None:
        run = self.live.meeting.run
        options = list(run.step.options) if run is not None else []
        if 1 <= n <= len(options):
            self.send(f"choose {q(options[n - 1])}")
        else:
            self.send(f"choose {n}")  # the engine says which options there are

    def _option_key(n: int) -> Any:  # type: ignore[misc]  # builds the digits' handlers
        return lambda self: self._option(n)

    for _n in range(1, 10):
        locals()[f"_key_option{_n}"] = _option_key(_n)
    del _n

    @worker(exclusive=True, group="step")
    async def _key_choose(self) -> None:
        m = self.live.meeting
        run = m.run
        if run is None or not run.step.options:
            self.send("choose ?")
            return
        labels = [(label, f"{label.replace('-', ' ')} → {work.leads_to(m, target)}")
                  for label, target in run.step.options.items()]
        chosen = await self.app.push_screen_wait(Choice(_("Where does the meeting go?"),
                                                        labels))
        if chosen:
            self.send(f"choose {q(chosen)}")

    # --- record ---------------------------------------------------------------------------

    @worker(exclusive=True, group="step")
    async def _key_record(self) -> None:
        m = self.live.meeting
        form = await self.app.push_screen_wait(Choice(_("What is recorded?"), [
            ("action", _("An action: what, who, by when")),
            ("agreement", _("An agreement: what, who it binds")),
            ("note", _("A note"))]))
        if not form:
            return
        today = dt.date.fromtimestamp(self.clock.now())  # the computer's own time zone
        confidential = bool(m.run.confidential if m.run is not None
                            else m.frames and m.frames[-1].confidential)
        line = await self.app.push_screen_wait(RecordForm(
            form, list(m.present), list(m.seating) + self.roster, today, confidential))
        if line:
            self.send(line)

    # --- agenda ---------------------------------------------------------------------------

    @worker(exclusive=True, group="step")
    async def _key_item(self) -> None:
        title = await self.app.push_screen_wait(Ask(
            _("A new agenda item: its title"), help=_("It joins the end of the agenda.")))
        if not title:
            return
        library = self.live.meeting.library
        found = work.innermost_agenda(self.live.meeting)
        default = found[0].step.default_protocol if found else "discussion"
        ids = [default] + [p for p in ("discussion", "quick-decision", "consensus-decision")
                           if p != default and library.protocol(p) is not None]
        labels = [(p, (current().text(library.protocol(p).title) if library.protocol(p) else p)
                   + (" " + _("(the agenda's usual)") if p == default else "")) for p in ids]
        protocol = await self.app.push_screen_wait(Choice(
            _("How is {title} taken up?").format(title=repr(title)), labels))
        if protocol:
            self.send(f"item {q(title)}" + ("" if protocol == default else f" {protocol}"))

    @worker(exclusive=True, group="step")
    async def _key_move(self) -> None:
        found = work.innermost_agenda(self.live.meeting)
        waiting = [i.title for i in found[1].to_come] if found else []
        if len(waiting) < 2:
            self.app.notify(_("There are not two items still to come to reorder."),
                            title=_("Not now"), severity="warning")
            return
        title = await self.app.push_screen_wait(Choice(
            _("Which item moves?"), [(t, t) for t in waiting]))
        if not title:
            return
        where = await self.app.push_screen_wait(Choice(
            _("Where does {title} go?").format(title=repr(title)),
            [(str(n), _("{n}: before {title}").format(n=n, title=t) if t != title else
              _("{n}: where it is").format(n=n)) for n, t in enumerate(waiting, 1)]))
        if where:
            self.send(f"move {q(title)} {where}")

    # --- a turn: whom it is probably for ----------------------------------------------------

    @worker(exclusive=True, group="step")
    async def _key_invite(self) -> None:
        m = self.live.meeting
        likely = work.likely_speakers(m)
        rest = [n for n in m.present if n not in likely]
        names = likely + rest
        if not names:
            await self._pick(_("Who speaks?"), [])
            return
        chosen = await self.app.push_screen_wait(Choice(
            _("Who has the floor?") if m.run and m.run.step.speaker == "choose"
            else _("Who speaks next (an override)?"),
            [(n, n + ("  " + _("(likely: {why})").format(why=likely_why(m, n))
                      if n in likely else "")) for n in names]))
        if chosen:
            self.send(f"invite {q(chosen)}")


def likely_why(meeting: Any, name: str) -> str:
    return _("blocked the proposal")

