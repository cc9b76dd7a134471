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

from facilitator.ui.kinds import words
from facilitator.ui.timing import span


def summary_text(minutes: dict[str, Any], path: Path | None, problem: str = "") -> Text:
    meeting = minutes.get("meeting", {})
    text = Text()
    text.append(f"{meeting.get('title') or meeting.get('protocol')}\n", style="bold underline")
    text.append(f"The meeting has ended after {span(meeting.get('duration_s') or 0)}.\n")
    if path is not None:
        text.append("Minutes written to ", style="bold")
        text.append(f"{path}\n")
    if problem:
        text.append(f"The minutes could not be written: {problem}\n", style="bold reverse")
    present = ", ".join(p["name"] for p in minutes.get("attendance", []))
    text.append(f"Present: {present or 'nobody'}\n")
    sections = [
        ("Decisions", [f"{d['proposal']}: {words(str(d['outcome']))}"
                       + (f", attempt {d['attempt']}" if d.get("attempt") else "")
                       for d in minutes.get("decisions", [])]),
        ("Actions", [f"{a['what']} ({a['owner']}" + (f", by {a['due']})" if a.get("due")
                                                     else ")")
                     for a in minutes.get("actions", [])]),
        ("Agreements", [a["text"] for a in minutes.get("agreements", [])]),
        ("Notes", [n["text"] for n in minutes.get("notes", [])]),
        ("Airtime", [f"{a['name']}: {span(a['seconds'])}, {a['turns']} "
                     + ("turn" if a["turns"] == 1 else "turns")
                     for a in minutes.get("airtime", [])]),
    ]
    for title, lines in sections:
        if lines:
            text.append(f"\n{title}\n", style="bold")
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
        yield Label("n opens the next meeting · q quits · ctrl+p commands and themes",
                    id="news")
