"""The picker: resume an unfinished meeting, or open a new one from a protocol.

Protocols (built-in, the group's, and files given with --protocols) are listed with their
title; the highlighted one is described beside the list (summary and outline of steps).
Recent meetings are listed for reference.

| key | does |
| --- | --- |
| up, down | move |
| enter | resume the meeting, or open a meeting of the protocol (asks its title) |
| ctrl+q | quit |
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.i18n import _, current
from facilitator.protocols.describe import outline
from facilitator.protocols.loader import builtin_source
from facilitator.protocols.model import Library, Protocol
from facilitator.ui.widgets.ask import Ask
from facilitator.ui.widgets.pointer import PointerList


def origin(protocol: Protocol, group_path: Path | None) -> str:
    """Where a protocol comes from, in a word or two."""
    file = protocol.where.file
    if file == builtin_source()[0]:
        return _("built-in")
    if group_path is not None and Path(file).resolve() == (group_path / "protocols.yaml").resolve():
        return _("the group's")
    return Path(file).name


class PickerScreen(Screen[None]):
    """Choose what to do: resume, or open a new meeting. The choice goes up to the app
    as a message (`Resume`, `Open`); the app opens the meeting."""

    class Resume(Message):
        """Take up the unfinished meeting `meeting_id`."""

        def __init__(self, meeting_id: str) -> None:
            super().__init__()
            self.meeting_id = meeting_id

    class Open(Message):
        """Open a new meeting of `protocol` titled `title`."""

        def __init__(self, protocol: str, title: str) -> None:
            super().__init__()
            self.protocol = protocol
            self.title = title

    def __init__(self, library: Library, unfinished: list[dict[str, Any]],
                 recent: list[dict[str, Any]], group_path: Path | None) -> None:
        super().__init__()
        self.library = library
        self.unfinished = unfinished
        self.recent = recent
        self.group_path = group_path

    def compose(self) -> ComposeResult:
        yield Label(_("Resume a meeting or open a new one · ↑↓ move · enter opens · "
                      "ctrl+q quits"), id="where")
        with Horizontal(id="picker"):
            yield PointerList(*self._options(), id="choices")
            with VerticalScroll(id="details"):
                yield Static("", id="description", markup=False)

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        if self.unfinished:
            options.append(Option(_("Unfinished: resume"), disabled=True))
            for m in self.unfinished:
                options.append(Option(_("Resume {title} ({protocol})").format(
                    title=m.get("title") or m["id"], protocol=m.get("protocol")),
                    id=f"resume:{m['id']}"))
            options.append(None)
        options.append(Option(_("New meeting"), disabled=True))
        text = current().text
        for protocol in sorted(self.library.protocols.values(), key=lambda p: text(p.title)):
            source = origin(protocol, self.group_path)
            options.append(Option(f"{text(protocol.title)} · {source}", id=f"new:{protocol.id}"))
        if self.recent:
            options.append(None)
            options.append(Option(_("Recent meetings"), disabled=True))
            for m in self.recent[:8]:
                options.append(Option(f"{m.get('date') or ''} {m.get('title') or m['id']}",
                                      id=f"recent:{m['id']}"))
        return options

    def on_mount(self) -> None:
        self.query_one("#details").border_title = _("About")
        choices = self.query_one("#choices", OptionList)
        choices.border_title = _("Meetings")
        choices.focus()
        if self.unfinished:
            first = self.unfinished[0]
            self.notify(_("The meeting {title} was not ended; press enter to resume it.").format(
                title=first.get("title") or first["id"]), title=_("Unfinished meeting"),
                timeout=10)
        for index in range(choices.option_count):
            if not choices.get_option_at_index(index).disabled:
                choices.highlighted = index
                break

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#description", Static).update(self.describe(event.option.id or ""))

    def describe(self, choice: str) -> str:
        kind, _sep, ident = choice.partition(":")
        untitled = _("(untitled)")
        if kind == "new":
            protocol = self.library.protocol(ident)
            return outline(protocol) if protocol else ""
        if kind == "resume":
            m = next(m for m in self.unfinished if m["id"] == ident)
            return (f"{m.get('title') or untitled}\n"
                    + _("protocol {protocol}").format(protocol=m.get("protocol"))
                    + f"\nid {ident}\n\n"
                    + _("This meeting was not ended (the program stopped, or it was left). "
                        "Enter takes it up where it was: every command given is in its "
                        "journal."))
        if kind == "recent":
            m = next(m for m in self.recent if m["id"] == ident)
            minutes = (self.group_path / "minutes" / f"{ident}.md") if self.group_path else ""
            people = ", ".join(m.get("attendance") or [])
            return (f"{m.get('title') or untitled}\n{m.get('date')} · "
                    + _("protocol {protocol}").format(protocol=m.get("protocol")) + "\n"
                    + _("Present: {names}").format(names=people) + "\n\n"
                    + _("Minutes: {path}").format(path=minutes))
        return ""

    @work(exclusive=True)
    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _sep, ident = (event.option.id or "").partition(":")
        if kind == "resume":
            self.post_message(self.Resume(ident))
        elif kind == "new":
            protocol = self.library.protocol(ident)
            title = await self.app.push_screen_wait(
                Ask(_("The meeting's title"), current().text(protocol.title) if protocol
                    else "", help=_("It heads the minutes. Enter opens the meeting; escape "
                                    "goes back.")))

            if title is not None:
                self.post_message(self.Open(ident, title))
