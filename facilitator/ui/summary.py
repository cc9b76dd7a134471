"""The summary after `end`: where the minutes were written, and what the meeting decided.

| key | does |
| --- | --- |
| q, enter, escape | quit |
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from facilitator.i18n import N_, _, current, ngettext
from facilitator.minutes.view import note
from facilitator.ui.kinds import words
from facilitator.ui.timing import span


def summary_text(minutes: dict[str, Any], path: Path | None, problem: str = "") -> Text:
    meeting = minutes.get("meeting", {})
    text = Text()
    text.append(f"{meeting.get('title') or meeting.get('protocol')}\n", style="bold underline")
    text.append(_("The meeting has ended after {time}.").format(
        time=span(meeting.get("duration_s") or 0)) + "\n")
    if path is not None:
        text.append(_("Minutes written to "), style="bold")
        text.append(f"{path}\n")
    if problem:
        text.append(_("The minutes could not be written: {problem}").format(problem=problem)
                    + "\n", style="bold reverse")
    present = ", ".join(p["name"] for p in minutes.get("attendance", []))
    text.append(_("Present: {names}").format(names=present or _("nobody")) + "\n")
    sections = [
        (N_("Decisions"), [f"{d['proposal']}: {words(str(d['outcome']))}"
                           + (_(", attempt {n}").format(n=d["attempt"]) if d.get("attempt")
                              else "")
                           for d in minutes.get("decisions", [])]),
        (N_("Actions"), [f"{a['what']} ({a['owner']}"
                         + (_(", by {due}").format(due=a["due"]) + ")" if a.get("due") else ")")
                         for a in minutes.get("actions", [])]),
        (N_("Agreements"), [a["text"] for a in minutes.get("agreements", [])]),
        (N_("Notes"), [note(n["text"], current()) for n in minutes.get("notes", [])]),
        (N_("Airtime"), [f"{a['name']}: {span(a['seconds'])}, "
                         + ngettext("{n} turn", "{n} turns", a["turns"]).format(n=a["turns"])
                         for a in minutes.get("airtime", [])]),
    ]
    for title, lines in sections:
        if lines:
            text.append(f"\n{_(title)}\n", style="bold")
            for line in lines:
                text.append(f"  • {line}\n")
    return text


class SummaryScreen(Screen[None]):
    """Shown once the minutes are in the group."""

    BINDINGS = [Binding("q,enter,escape", "app.quit", "Quit"),
                Binding("n", "app.new_meeting", "New meeting")]

    DEFAULT_CSS = """
    SummaryScreen VerticalScroll { padding: 1 2; }
    """

    def __init__(self, minutes: dict[str, Any], path: Path | None, problem: str = "") -> None:
        super().__init__()
        self.minutes = minutes
        self.path = path
        self.problem = problem

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(summary_text(self.minutes, self.path, self.problem), id="summary")
        yield Label(_("n opens the next meeting · q quits · ctrl+p commands and themes"),
                    id="news")
