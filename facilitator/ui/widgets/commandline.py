"""The command line (opened with `:`): commands exactly as in scripts, with completion.

| key | does |
| --- | --- |
| tab, right | take the completion shown in grey |
| up, down | earlier commands |
| enter | send the command |
| escape | close the command line |
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.binding import Binding
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from facilitator.engine.state import Meeting
from facilitator.ui.completion import candidates


class CommandSuggester(Suggester):
    """Suggests the first completion of the line for the meeting as it stands."""

    def __init__(self, meeting: Callable[[], Meeting | None], roster: Iterable[str],
                 prefix: str = "") -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._meeting = meeting
        self._roster = list(roster)
        self._prefix = prefix

    def complete(self, value: str) -> str | None:
        """The line `value` completes to (what the grey suggestion shows), or None."""
        meeting = self._meeting()
        if meeting is None:
            return None
        found = candidates(meeting, self._roster, self._prefix + value)
        return found[0][len(self._prefix):] if found else None

    async def get_suggestion(self, value: str) -> str | None:
        return self.complete(value)


class ListSuggester(Suggester):
    """Suggests the first of a list of entries that begins with what was typed (any case),
    else what `then` suggests: 'An' -> 'Ana (she/her)', then 'Ben th' -> 'Ben they/them'."""

    def __init__(self, entries: Iterable[str], then: CommandSuggester | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._entries = list(entries)
        self._then = then

    def complete(self, value: str) -> str | None:
        typed = value.casefold()
        found = next((e for e in self._entries if value and e != value
                      and e.casefold().startswith(typed)), None)
        return found or (self._then.complete(value) if self._then is not None else None)

    async def get_suggestion(self, value: str) -> str | None:
        return self.complete(value)


def take_completion(field: Input) -> None:
    """Tab: replace the field's text with its completion, the cursor at the end. Asks the
    suggester again rather than reading what Input keeps privately."""
    suggester = field.suggester
    completed = suggester.complete(field.value) \
        if isinstance(suggester, CommandSuggester | ListSuggester) else None
    if completed:
        field.value = completed
        field.cursor_position = len(completed)


class CommandLine(Input):
    """An Input that sends whole commands and remembers the ones sent."""

    BINDINGS = [
        Binding("tab", "complete", "Complete", show=False),
        Binding("up", "history(-1)", "Earlier", show=False),
        Binding("down", "history(1)", "Later", show=False),
        Binding("escape", "close", "Close", show=False),
    ]

    DEFAULT_CSS = """
    CommandLine {
        dock: bottom;
        display: none;
    }
    CommandLine.-open { display: block; }
    """

    class Command(Message):
        """A command line to send to the engine."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Closed(Message):
        """The command line was closed without a command."""

    def __init__(self, suggester: Suggester, **kwargs: object) -> None:
        super().__init__(placeholder="a command, as in scripts: hand Ben · stance Cy agree",
                         suggester=suggester, **kwargs)  # type: ignore[arg-type]
        self.history: list[str] = []
        self._back = 0

    def open(self, text: str = "") -> None:
        self.add_class("-open")
        self.value = text
        self.cursor_position = len(text)
        self.focus()

    def action_close(self) -> None:
        self.remove_class("-open")
        self.value = ""
        self.post_message(self.Closed())

    def action_complete(self) -> None:
        take_completion(self)

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        self._back = max(0, min(len(self.history), self._back - step))
        self.value = self.history[-self._back] if self._back else ""
        self.cursor_position = len(self.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.action_close()
            return
        self.history.append(text)
        self._back = 0
        self.remove_class("-open")  # like vi's `:`, one command per opening
        self.value = ""
        self.post_message(self.Command(text))
        self.post_message(self.Closed())
