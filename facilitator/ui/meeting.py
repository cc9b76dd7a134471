"""The meeting screen: everything the room needs at a glance, and every command two ways.

Rules:
- The screen is the only place that calls the engine (through `LiveMeeting.do`, which
  journals the command before it returns); panels are handed the new state afterwards.
- A refused command is told in one sentence (a notification); nothing changes.
- `end`, however it is given, asks first; then the minutes are written into the group and
  the summary is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label

from facilitator.clock import Clock
from facilitator.engine.commands import parse
from facilitator.engine.events import Event, Reminder, from_json
from facilitator.engine.state import Meeting
from facilitator.errors import FacilitatorError, Refused
from facilitator.i18n import N_, _
from facilitator.session import LiveMeeting
from facilitator.ui import view
from facilitator.ui.announce import sentences, undoable
from facilitator.ui.counsel import Counsel
from facilitator.ui.keys import KEY_BINDINGS, KeyActions
from facilitator.ui.kinds import engine_words, leave_question, view_of
from facilitator.ui.widgets.commandline import CommandLine, CommandSuggester
from facilitator.ui.widgets.confirm import Confirm
from facilitator.ui.widgets.floor import FloorPanel
from facilitator.ui.widgets.keybar import KeyBar
from facilitator.ui.widgets.outline import StepOutline
from facilitator.ui.widgets.panel import MeetingPanel, TimedPanel, say
from facilitator.ui.widgets.people import PeoplePanel
from facilitator.ui.widgets.prompt import PromptPanel
from facilitator.ui.widgets.records import RecordsPanel
from facilitator.ui.widgets.stack import StackPanel
from facilitator.ui.widgets.stances import StanceBoardPanel
from facilitator.ui.widgets.work import WorkPanel

TICK_SECONDS = 0.5
# The command that leaves a step, as the question before it names it.
LEAVING = {"advance": N_("Advance"), "goto": N_("Goto"), "back": N_("Back"),
           "skip": N_("Skip")}



class _Parts(NamedTuple):
    panels: list[MeetingPanel]  # every panel handed the meeting alone
    records: RecordsPanel
    outline: StepOutline
    work: WorkPanel
    floor: FloorPanel
    where: Label
    news: Label
    keys: KeyBar


# Seconds the facilitator's own news keeps its place on the news line while phones act.
NEWS_HOLDS = 5.0


class MeetingScreen(KeyActions, Screen[None]):
    """One live meeting. See `facilitator.ui.keys.KEYS` for its keys."""

    BINDINGS = KEY_BINDINGS
    AUTO_FOCUS = ""  # the keys belong to the screen until the command line is opened

    def __init__(self, live: LiveMeeting, clock: Clock, roster: Iterable[str] = (),
                 tick_seconds: float | None = TICK_SECONDS, resumed: bool = False,
                 pronouns: dict[str, str] | None = None) -> None:
        super().__init__()
        self.pronouns = pronouns or {}  # from the group's roster: recalled on `join`
        self.live = live
        self.clock = clock
        self.roster = list(roster)
        self.counsel = Counsel(live.group, clock.now())
        self.quiet = ""  # the facilitator's quiet note last shown (facilitator.care)
        self.tick_seconds = tick_seconds
        self.news = ""
        self.review_at = 0  # the highlighted item of a review
        self.review_began = None  # when the review it belongs to began
        self._parts: _Parts | None = None
        if resumed:
            self.news = _("Taken up from its journal: the {n} commands given before are in "
                          "place.").format(n=live.entries.commands())
            if live.entries and live.entries[-1]["command"] == "interrupted":
                away = [from_json(e) for e in live.entries[-1]["events"]]
                self.news += " " + " ".join(sentences(away))
        # The facilitator's own news and when it came: phones do not take its place at once.
        self.own_news(self.news)

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Label("", id="where", markup=False)
        with Grid(id="body"):
            with Vertical(id="left"):
                yield StepOutline(id="outline")
                yield PeoplePanel(id="people")
            with Vertical(id="center"):
                yield PromptPanel(id="prompt")
                yield WorkPanel(id="work")
                yield FloorPanel(id="floor")
                yield StackPanel(id="stack")
                yield StanceBoardPanel(id="stances")
            right = VerticalScroll(id="right")
            right.can_focus = False  # ↑↓ move through a review's items, not the records
            with right:
                room = getattr(self.app, "room_panel", lambda: None)()
                if room is not None:  # phones take part: facilitator.ui.room
                    yield room
                yield RecordsPanel(id="records")
        yield Label("", id="news", markup=False)
        yield CommandLine(self.suggester(), id="commandline")
        yield KeyBar()

    def on_mount(self) -> None:
        titles = {"outline": N_("Steps"), "people": N_("People"), "prompt": N_("Prompt"),
                  "work": N_("Now"), "floor": N_("Floor"), "stack": N_("Next to speak"),
                  "stances": N_("Stances"), "right": N_("Records")}
        for widget_id, title in titles.items():
            self.query_one(f"#{widget_id}").border_title = _(title)
        if self.live.warning:
            self.notify(self.live.warning, title=_("Journal"), severity="warning", timeout=15)
        self.show()
        if self.tick_seconds:
            self.set_interval(self.tick_seconds, self.tick)

    def suggester(self, prefix: str = "") -> CommandSuggester:
        return CommandSuggester(lambda: self.live.meeting, self.roster, prefix)

    # --- state down --------------------------------------------------------------------

    def show(self, since: Meeting | None = None) -> None:
        """Hand the meeting as it stands to every panel; each draws again only what changed
        (`facilitator.ui.widgets.panel`), so a key costs the same at entry 100 and 30,000,
        with twelve people or three hundred.

        `since`: the meeting before the facilitator's own command. While what phones did
        is on its way to the screen (it is shown at most `ui.room.SHOW_EVERY` after it
        came), a panel that the command itself left as it was waits for that show: a key
        draws its own change at once, and the phones' come at their own pace."""
        meeting, now = self.live.meeting, self.clock.now()
        parts = self.parts()
        self.first_to_review(meeting)
        phones_due = self.app.room_pending()  # what phones did is yet to be shown
        for panel in parts.panels:
            if (phones_due and since is not None and panel.meeting is not None
                    and panel.unchanged(since, meeting)):
                continue
            panel.meeting = meeting
        for follower in (parts.records, parts.outline):  # read from where they left off
            follower.entries = self.live.entries
            follower.meeting = meeting
        parts.work.follow(meeting, self.live.entries, self.review_at)
        self.timers(meeting, now)
        beside = view_of(meeting.run).panel if meeting.run else ""
        self.set_class(beside == "stances", "-decide")
        self.set_class(beside == "stack", "-stack")
        say(parts.where, view.header(meeting))
        say(parts.news, self.news)
        parts.keys.refresh_keys(self.bar_basis())
        quiet = self.counsel.quiet(meeting)
        if quiet and quiet != self.quiet:
            self.notify(quiet, title=_("Quietly, for you"), timeout=30)
        self.quiet = quiet

    def parts(self) -> _Parts:
        """The screen's widgets, found once."""
        if self._parts is None:
            panels = [p for p in self.query(MeetingPanel)
                      if not isinstance(p, RecordsPanel | StepOutline | WorkPanel)]
            self._parts = _Parts(panels, self.query_one(RecordsPanel),
                                 self.query_one(StepOutline), self.query_one(WorkPanel),
                                 self.query_one(FloorPanel), self.query_one("#where", Label),
                                 self.query_one("#news", Label), self.query_one(KeyBar))
        return self._parts

    def tick(self) -> None:
        """Let hard timeboxes fire, then move the timers."""
        try:
            events = self.live.tick()
        except FacilitatorError as error:
            self.notify(str(error), title=_("Not saved"), severity="error")
            return
        if events:
            self.tell(events)
            self.show()
            return
        self.timers(self.live.meeting, self.clock.now())

    def timers(self, meeting: Meeting, now: float) -> None:
        """Move what runs with the clock: airtime, the floor's timer and its flag."""
        parts = self.parts()
        for panel in parts.panels:
            if isinstance(panel, TimedPanel):
                panel.now = now
        parts.floor.show(meeting, now)
        parts.floor.flag(*Counsel.flags(meeting, now))

    def tell(self, events: list[Event], own: bool = True) -> None:
        """Say what happened on the news line. What the facilitator's own command (or the
        clock) brought keeps its place for `NEWS_HOLDS` seconds: phones' news that comes
        meanwhile (`own=False`) follows it, so a key's answer is not gone before it is
        read in a busy room."""
        said = sentences(events, self.live.meeting)
        if not said:
            return
        if own:
            self.own_news(" ".join(said[-3:]))
            return
        held, since = self._held
        if held and self.clock.now() - since < NEWS_HOLDS:
            self.news = f"{held} {said[-1]}"
        else:
            self.news = " ".join(said[-3:])

    def own_news(self, news: str) -> None:
        """What the facilitator's own command brought, on the news line and held there."""
        self.news = news
        self._held = (news, self.clock.now())

    # --- commands up -------------------------------------------------------------------

    def send(self, command: str, asked: bool = False) -> bool:
        """Give one command; True when the engine accepted it. Ending, and leaving a step
        with work left (hands up, items not reviewed, stances missing), asks first."""
        try:
            name = parse(command).name
            if name == "end":
                self.ask_to_end()
                return False
            question = "" if asked else leave_question(self.live.meeting, name)
            if question:
                verb = _(LEAVING.get(name, name.capitalize()))
                self.app.push_screen(
                    Confirm(_("{verb} now?").format(verb=verb), question, yes=verb,
                            no=_("Not yet")), lambda yes: yes and self.send(command, True))
                return False
            undone = undoable(self.live.entries) if name == "undo" else ""
            before = self.live.meeting
            events = self.live.do(command)
        except Refused as refusal:
            self.app.clear_notifications()  # the newest refusal only: they do not pile up
            self.notify(str(refusal), title=_("Not now"), severity="warning")
            return False
        except FacilitatorError as error:
            self.notify(str(error), title=_("Not saved"), severity="error", timeout=15)
            return False
        self.tell(events)
        if undone:
            self.own_news(_("Undone: {what}").format(what=undone))
        for warning in self.counsel.after(events):
            self.notify(warning, title=_("Workload"), timeout=12)
        for event in events:
            if isinstance(event, Reminder):
                self.notify(engine_words(event.text, self.live.meeting), title=_("Moratorium"),
                            timeout=12)
        self.show(since=before)
        return True

    def on_command_line_command(self, message: CommandLine.Command) -> None:
        self.send(message.text)

    def on_command_line_closed(self, message: CommandLine.Closed) -> None:
        self.set_focus(None)

    def on_descendant_focus(self) -> None:
        # Which keys work depends on what has focus (the command line takes letters):
        # the bar is redrawn once focus has moved.
        self.call_after_refresh(self.query_one(KeyBar).refresh_keys)

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self.query_one(KeyBar).refresh_keys)

    def ask_to_end(self) -> None:
        detail = _("The minutes are written into the group; the meeting cannot be taken up "
                   "again after this.")
        self.app.push_screen(Confirm(_("End the meeting?"), detail, yes=_("End it"),
                                     no=_("Keep going")), self._end)

    def _end(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            events = self.live.do("end")
        except FacilitatorError as error:
            self.notify(str(error), title=_("Not ended"), severity="error")
            return
        self.tell(events)
        self.finish()

    def finish(self) -> None:
        """Write the minutes into the group and show the summary."""
        from facilitator.opening import minutes_files
        from facilitator.ui.summary import SummaryScreen

        live = self.live
        path: Path | None = None
        problem = ""
        try:
            minutes = live.finish(minutes_files(live.minutes(), live.meeting.library))
            if live.group is not None:
                path = live.group.path / "minutes" / f"{live.id}.md"
        except FacilitatorError as error:
            minutes, problem = live.minutes(), str(error)
        self.app.switch_screen(SummaryScreen(minutes, path, problem))
