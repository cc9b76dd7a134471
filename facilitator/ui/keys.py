"""Single keys for the frequent commands of the meeting screen, bound from one list.

`facilitator.ui.vocabulary.KEYS` holds every key with what it sends, its label in the key
bar and its line in the help screen; the bindings and the help are built from it. Each
meeting key is bound twice: once shown in the key bar when it fits the moment (the step's
kind decides, through `facilitator.ui.kinds`), once hidden so it still works when it does
not (the engine then says why not). Keys that need a name open a picker of the people
present.

| key | command |
| --- | --- |
| n d h p a s e space u | next, done, hand, pass, advance, stance, extend, pause/resume, undo |
| x | an interjection: point of process, clarifying question, direct response |
| j r o i l enter | join, role, propose, invite, lower, start |
| : ? E | command line, help, end |
| ctrl+p ctrl+q | command palette, quit without ending (the app's own) |
"""

from __future__ import annotations

import shlex
from typing import Any

from textual import work
from textual.binding import Binding

from facilitator.engine.state import Meeting
from facilitator.engine.steps.decide import scale_of, stances_of
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.steps.round import round_of
from facilitator.ui.kinds import view_of
from facilitator.ui.setupkeys import SetupKeyActions
from facilitator.ui.stepkeys import StepKeyActions
from facilitator.ui.vocabulary import KEYS
from facilitator.ui.widgets.ask import Ask
from facilitator.ui.widgets.choice import Choice

# The key bar's order: setting up first, then the step's keys, then the rest.
_BAR = ("start", "join", "role", "propose", "next", "item_down", "item_up", "done", "keep",
        "hand", "drop", "interject", "pass", "stance", "choose", "record", "item", "defer",
        "move", *(f"option{n}" for n in range(1, 10)), "advance", "extend", "pause", "undo",
        "invite", "lower", "commandline", "help", "end")
_MEETING_KEYS = sorted((k for k in KEYS if k.name), key=lambda k: _BAR.index(k.name))

BindingType = Binding | tuple[str, str] | tuple[str, str, str]
KEY_BINDINGS: list[BindingType] = [
    *(Binding(k.key, f"key('{k.name}', 1)", k.label, key_display=k.shown)
      for k in _MEETING_KEYS if k.label),
    *(Binding(k.key, f"key('{k.name}', 0)", k.label, show=False) for k in _MEETING_KEYS),
]

BAR_KEYS = tuple(k.name for k in _MEETING_KEYS if k.label)  # the keys the bar can offer

SETUP = {"join", "role", "propose", "start"}
STEPPING = {"advance", "pause", "undo", "end"}


def shown(meeting: Meeting, name: str) -> bool:
    """Whether the footer offers `name` now."""
    if name in ("commandline", "help"):
        return True
    if meeting.ended:
        return False
    if meeting.started_at is None:
        return name in SETUP
    run = meeting.run
    if run is None:
        return name in ("undo", "end")
    if name == "extend":
        return bool(run.step.time or (meeting.floor and meeting.floor.limit))
    here = view_of(run)
    if name in STEPPING or name in here.keys or name in here.keys_now(meeting, run):
        return True
    return any(name in view_of(f.run).outer_keys  # a step of this kind runs further out
               for f in meeting.frames[:-1] if f.run is not None)


def q(word: str) -> str:
    return shlex.quote(word)


class KeyActions(StepKeyActions, SetupKeyActions):
    """The key actions of `MeetingScreen` (mixed in; uses its `send`, `live`, `app`)."""

    live: Any
    app: Any

    def send(self, command: str) -> bool:
        raise NotImplementedError

    _shown: tuple[Any, dict[str, bool]] | None = None  # (meeting, which keys it shows)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "key" and parameters and parameters[1]:
            # Asked for every key on every key press and every refresh of the bar: worked
            # out once for each state of the meeting.
            meeting = self.live.meeting
            if self._shown is None or self._shown[0] is not meeting:
                self._shown = (meeting, {})
            known = self._shown[1]
            name = str(parameters[0])
            if name not in known:
                known[name] = shown(meeting, name)
            return known[name]
        return True

    def bar_basis(self) -> tuple[object, ...]:
        """What the key bar shows is made of: which keys the meeting offers now, the word
        of the space key, what has focus (the command line takes letters)."""
        meeting = self.live.meeting
        offered = tuple(self.check_action("key", (name, 1)) for name in BAR_KEYS)
        return (*offered, meeting.paused_since is None, self.focused,  # type: ignore[attr-defined]
                len(self.app.screen_stack), self.app.size.width)

    def key_label(self, binding: Binding) -> str:
        """A key's word in the bar: space says Resume while the meeting is paused."""
        if binding.action == "key('pause', 1)" and self.live.meeting.paused_since is not None:
            return "Resume"
        return binding.description

    def action_key(self, name: str, _shown: int) -> None:
        run = self.live.meeting.run
        acted = view_of(run).acts.get(name, name) if run is not None else name
        handler = getattr(self, f"_key_{acted}", None)
        if handler is not None:
            handler()
        else:
            self.send(name)

    # --- keys that need more than one keypress -------------------------------------------

    def _key_pause(self) -> None:
        self.send("resume" if self.live.meeting.paused_since is not None else "pause")

    def _key_commandline(self) -> None:
        self.query_one("#commandline").open()  # type: ignore[attr-defined]

    def _key_help(self) -> None:
        from facilitator.ui.widgets.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def _key_end(self) -> None:
        self.ask_to_end()  # type: ignore[attr-defined]

    async def _pick(self, question: str, names: list[str]) -> str | None:
        if not names:
            self.app.notify("Nobody here fits; join people first with j.", title="Not now",
                            severity="warning")
            return None
        chosen: str | None = await self.app.push_screen_wait(
            Choice(question, [(n, n) for n in names]))
        return chosen

    @work(exclusive=True)
    async def _key_hand(self) -> None:
        m = self.live.meeting
        run = m.run
        state = stack_of(run)
        waiting = {h.name for h in state.stack} if state else set()
        speaking = m.floor.name if m.floor else None
        names = [n for n in m.present if n not in waiting and n != speaking]
        name = await self._pick("Who raises a hand?", names)
        if name:
            self.send(f"hand {q(name)}")

    @work(exclusive=True)
    async def _key_interject(self) -> None:
        """An interjection goes before ordinary hands: which kind, then who."""
        m = self.live.meeting
        run = m.run
        state = stack_of(run)
        kinds = list(run.step.interjections) if run is not None and state is not None else []
        if state is None or not kinds:
            self.send("hand")  # the engine says why not, in its own words
            return
        words = {"point-of-process": "Point of process (about how we are meeting)",
                 "clarify": "Clarifying question", "direct-response": "Direct response"}
        kind = await self.app.push_screen_wait(
            Choice("Which interjection?", [(k, words[k]) for k in kinds]))
        if not kind:
            return
        waiting = {h.name for h in state.stack}
        names = [n for n in m.present if n not in waiting]
        name = await self._pick(f"Who has a {words[kind].split(' (')[0].lower()}?", names)
        if name:
            self.send(f"hand {q(name)} {kind}")

    @work(exclusive=True)
    async def _key_pass(self) -> None:
        m = self.live.meeting
        state = round_of(m.run)
        if m.floor is not None or state is None:
            self.send("pass")
            return
        names = [n for n in state.order if n not in state.spoken and m.people[n].present]
        name = await self._pick("Who passes?", names)
        if name:
            self.send(f"pass {q(name)}")

    @work(exclusive=True)
    async def _key_lower(self) -> None:
        state = stack_of(self.live.meeting.run)
        names = [h.name for h in state.stack] if state else []
        name = await self._pick("Whose hand goes down?", names)
        if name:
            self.send(f"lower {q(name)}")

    @work(exclusive=True)
    async def _key_stance(self) -> None:
        m = self.live.meeting
        run = m.run
        state = stances_of(run)
        if run is None or state is None:
            self.send("stance ? ?")  # the engine says where stances are given
            return
        waiting = [n for n in m.present if n not in state.stances]
        given = [n for n in m.present if n in state.stances]
        name = await self._pick("Whose stance?", waiting + given)
        if not name:
            return
        scale = scale_of(m, run)
        options = [(o.key, f"{o.label}" + (f": {o.meaning}" if o.meaning else "")
                    + {"required": " (reason needed)", "optional": " (reason optional)"}
                    .get(o.reason, "")) for o in scale.options]
        key = await self.app.push_screen_wait(Choice(f"{name}'s stance", options))
        if not key:
            return
        option = scale.option(key)
        reason = ""
        if option is not None and option.reason != "none":
            asked = await self.app.push_screen_wait(
                Ask(f"{name}'s reason for {option.label}"
                    + (" (needed)" if option.reason == "required" else " (optional)")))
            if asked is None:
                return
            reason = asked
        self.send(f"stance {q(name)} {key}" + (f" {q(reason)}" if reason else ""))

    @work(exclusive=True)
    async def _key_extend(self) -> None:
        options = [(d, f"by {d}") for d in ("1m", "2m", "5m", "10m")]
        amount = await self.app.push_screen_wait(Choice("Extend the time", options))
        if amount:
            self.send(f"extend {amount}")
