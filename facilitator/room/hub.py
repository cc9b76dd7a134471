"""The room's people: who holds which token, who waits to be admitted, and what a phone may do.

Rules:
- A token is 32 random bytes (`secrets`), bound to one person of one meeting. A phone
  speaks only in its own person's voice: the name comes from the token, never the request.
- Every phone action is an engine command given through `give` (the live meeting's `do`,
  through the facilitator's screen when there is one), with the source "NAME's phone"
  (the suggestion box's: "a phone", so it keeps no name). The hub never writes the
  journal; a refusal's sentence goes back to the phone as it is.
- A name the meeting does not have, or a second phone for a name that has one, waits for
  the facilitator to admit it. A wrong room code counts against the address; repeated
  ones wait longer and longer (`limits.WrongCodes`).
- What a phone is shown is what the projector shows (`ui.view`, the same functions), and
  its own person's airtime, stack place and choices: nothing else from a confidential step
  (`room.shown`).
- A phone is answered in its own language: the server speaks it (`ui.speaking`) while the
  room works for that phone, so its sentences, refusals and state come in it; what the
  facilitator's screen lists (`Arrival`) is said there, in the facilitator's.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import secrets
import shlex
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import attrs

from facilitator.engine.commands import COMMANDS
from facilitator.engine.events import BallotCast, Event
from facilitator.engine.state import Meeting
from facilitator.engine.steps.decide import own_device
from facilitator.engine.steps.round import round_of
from facilitator.errors import Refused
from facilitator.i18n import N_, _, current
from facilitator.room.limits import Buckets, WrongCodes
from facilitator.room.shown import dumps, own, projector
from facilitator.session import LiveMeeting
from facilitator.ui import view

__all__ = ["INPUT_STATES", "Arrival", "Room", "RoomError", "new_code", "own", "projector"]

ANONYMOUS = "a phone"  # the suggestion box's source: no name
INTERJECTIONS = ("point-of-process", "clarify", "direct-response")
# What a phone may say, in its own voice (docs/room.md).
PHONE_COMMANDS = ("hand", "lower", "pass", "stance", "collect", "suggest")
INPUT_STATES = ("on", "no-stances", "off")


class RoomError(Exception):
    """A request the room does not take: an HTTP status and a sentence for the phone."""

    def __init__(self, status: int, sentence: str) -> None:
        super().__init__(sentence)
        self.status = status
        self.sentence = sentence


@attrs.define
class Seat:
    name: str
    meeting_id: str
    admitted: bool = True


@attrs.frozen
class Arrival:
    """One phone action as the facilitator's screen lists it."""

    source: str
    said: str  # the phone's words, or one of `MARKED`, translated where shown
    accepted: bool


# What the facilitator's screen lists instead of a phone's words (said in the screen's
# language, whatever the phone's).
MARKED = (N_("a stance"), N_("a suggestion"), N_("a secret stance"))


def new_code() -> str:
    """A room code people can read off a projector and type: six digits."""
    return f"{secrets.randbelow(10**6):06d}"


class Room:
    """The room of one laptop: tokens, admissions, the input switch and change notices."""

    def __init__(self, code: str, live: Callable[[], LiveMeeting | None],
                 give: Callable[[str, str], list[Event]] | None = None, *,
                 clock: Callable[[], float] = time.monotonic,
                 rate: float = 5.0, burst: float = 10.0,
                 join_rate: float = 2.0, join_burst: float = 10.0) -> None:
        self.code = code
        self.live = live
        self.give = give or self._give
        self.clock = clock
        self.seats: dict[str, Seat] = {}  # token -> seat
        self.input = "on"
        self.arrivals: deque[Arrival] = deque(maxlen=50)
        self.on_change: Callable[[], None] = lambda: None  # the facilitator's screen
        self.wrong = WrongCodes()
        self.per_token = Buckets(rate, burst)
        self.per_client = Buckets(join_rate, join_burst)
        self.version = 0
        self.closed = False  # the server is stopping: streams end
        self._changed = asyncio.Event()
        self._seen: tuple[int, int] | None = None
        # The projector's part, per language, for the meeting as it stands.
        self._shown: dict[str, tuple[Meeting, dict[str, Any], float, str, str]] = {}

    def _give(self, command: str, source: str) -> list[Event]:
        live = self._meeting()
        return live.do(command, source=source)

    # --- joining ----------------------------------------------------------------------

    def _meeting(self) -> LiveMeeting:
        live = self.live()
        if live is None:
            raise RoomError(409, _("No meeting is open yet; wait for the facilitator to open "
                                   "it."))
        if live.meeting.ended:
            raise RoomError(410, _("The meeting has ended; thank you for taking part."))
        return live

    def join(self, name: str, code: str, client: str) -> dict[str, Any]:
        """A phone asks to take `name`: a token, usable now or once admitted."""
        now = self.clock()
        if not self.per_client.take(client, now):
            raise RoomError(429, _("Too many requests from this phone; wait a moment."))
        wait = self.wrong.wait(client, now)
        if wait > 0:
            raise RoomError(429, _("Too many wrong room codes; wait {seconds} seconds and try "
                                   "again.").format(seconds=f"{wait:.0f}"))
        if not hmac.compare_digest(code.strip().encode(), self.code.encode()):
            self.wrong.failed(client, now)
            raise RoomError(403, _("That is not the room code; read it again from the "
                                   "screen."))
        self.wrong.succeeded(client)
        name = " ".join(name.split())
        if not name or len(name) > 60:
            raise RoomError(400, _("Give your name as the meeting knows it (at most 60 "
                                   "letters)."))
        live = self._meeting()
        token = secrets.token_urlsafe(32)
        known = live.meeting.people.get(name)
        taken = any(s.name == name and s.admitted for s in self.seats.values())
        admitted = known is not None and known.present and not taken
        self.seats[token] = Seat(name, live.id, admitted)
        self._notice()
        if admitted:
            return {"token": token, "name": name}
        why = (_("{name} already has a phone in the room; the facilitator will admit you. "
                 "Keep this page open.") if taken else
               _("{name} is not on this meeting's list yet; the facilitator will admit you. "
                 "Keep this page open."))
        return {"token": token, "name": name, "waiting": why.format(name=name)}

    def waiting(self) -> list[str]:
        """Names waiting to be admitted, first come first."""
        return [s.name for s in self.seats.values() if not s.admitted]

    def admit(self, name: str) -> None:
        """The facilitator lets `name`'s waiting phone in (joining them to the meeting if
        the meeting does not have them); another phone that held the name is let go."""
        token = next((t for t, s in self.seats.items() if s.name == name and not s.admitted),
                     None)
        if token is None:
            return
        live = self._meeting()
        person = live.meeting.people.get(name)
        if person is None or not person.present:
            self.give(shlex.join(["join", name]), "the facilitator, admitting from the room")
        for other, seat in list(self.seats.items()):
            if seat.name == name and other != token:
                del self.seats[other]
        self.seats[token].admitted = True
        self._notice()

    def refuse(self, name: str) -> None:
        """The facilitator turns `name`'s waiting phone away."""
        for token, seat in list(self.seats.items()):
            if seat.name == name and not seat.admitted:
                del self.seats[token]
        self._notice()

    def seat(self, token: str, *, admitted: bool = True) -> Seat:
        """The seat a token holds, or RoomError for a token that is not (or no longer) one."""
        seat = self.seats.get(token) if token else None
        if seat is None:
            raise RoomError(401, _("This phone is not in the room; join with the room code."))
        live = self.live()
        if live is None or live.id != seat.meeting_id or live.meeting.ended:
            raise RoomError(410, _("That meeting has ended; join the next one with its "
                                   "code."))
        if admitted and not seat.admitted:
            raise RoomError(403, _("The facilitator has not admitted you yet; keep this page "
                                   "open."))
        return seat

    # --- acting -----------------------------------------------------------------------

    def do(self, token: str, words: str) -> None:
        """A phone's words, given in its person's voice. RoomError says why not."""
        seat = self.seat(token)
        if not self.per_token.take(token, self.clock()):
            raise RoomError(429, _("Slow down: too many taps at once. Try again in a moment."))
        command, source = self.command(seat.name, words)
        try:
            events = self.give(command, source)
        except Refused as refusal:
            # A refused stance may still be a secret one: its option is not shown.
            said = MARKED[0] if command.startswith("stance") else words
            self.arrivals.append(Arrival(source, said, False))
            self._notice()
            raise RoomError(409, str(refusal)) from None
        # The facilitator's screen, too, is told only what the journal keeps.
        if source == ANONYMOUS:
            words = MARKED[1]
        elif any(isinstance(e, BallotCast) for e in events):
            words = MARKED[2]
        self.arrivals.append(Arrival(source, words, True))
        self.changed()

    def command(self, name: str, words: str) -> tuple[str, str]:
        """The engine command a phone's words stand for, and its source."""
        try:
            parts = shlex.split(words)
        except ValueError:
            parts = words.split()
        if not parts or parts[0].lower() not in PHONE_COMMANDS:
            raise RoomError(400, _("From a phone: hand, lower, pass, stance KEY [REASON], "
                                   "collect VALUE or suggest TEXT."))
        verb, rest = parts[0].lower(), words.strip()[len(parts[0]):].strip()
        if self.input == "off":
            raise RoomError(409, _("The facilitator has switched the room's input off for "
                                   "now; speak up in the room instead."))
        if self.input == "no-stances" and verb == "stance":
            raise RoomError(409, _("The facilitator has switched the room's stances off for "
                                   "now; speak up in the room instead."))
        me = shlex.quote(name)
        if verb == "suggest":
            if not rest:
                raise RoomError(400, _("Write your suggestion after `suggest`."))
            return f"suggest {shlex.quote(rest)}", ANONYMOUS
        if verb == "hand":
            if rest and rest not in INTERJECTIONS:
                raise RoomError(400, _("A hand is plain, or one of: {kinds}.").format(
                    kinds=", ".join(INTERJECTIONS)))
            return f"hand {me} {rest}".strip(), own_device(name)
        if verb in ("lower", "pass"):
            if rest:
                raise RoomError(400, _("`{verb}` from a phone takes nothing more.").format(
                    verb=verb))
            if verb == "pass":
                self._may_pass(name)
            return f"{verb} {me}", own_device(name)
        if not rest:
            raise RoomError(400, _("Say which: {usage}.").format(
                usage=COMMANDS[verb].usage.replace(" NAME", "")))
        if verb == "stance":
            key, _sep, reason = rest.partition(" ")
            said = [key, reason.strip()] if reason.strip() else [key]
            return f"stance {me} {shlex.join(said)}", own_device(name)
        return f"collect {me} {shlex.quote(rest)}", own_device(name)

    def _may_pass(self, name: str) -> None:
        floor = self._meeting().meeting.floor
        if round_of(self._meeting().meeting.run) is not None and (
                floor is None or floor.name != name):
            raise RoomError(409, _("The round has not reached you; pass when it does."))

    def switch(self, state: str) -> None:
        """The facilitator switches the room's input: on, no-stances or off."""
        assert state in INPUT_STATES
        self.input = state
        self.changed()

    # --- change notices ---------------------------------------------------------------

    def _notice(self) -> None:
        try:
            self.on_change()
        except Exception:  # noqa: BLE001 - the screen's trouble must not fail a phone
            pass

    def changed(self) -> None:
        """Something phones show has changed: wake every stream."""
        self.version += 1
        event, self._changed = self._changed, asyncio.Event()
        event.set()
        self._notice()

    def watch(self) -> None:
        """Called often: notice changes made at the keyboard or by the clock."""
        live = self.live()
        seen = (id(live), len(live.entries)) if live is not None else None
        if seen != self._seen:
            self._seen = seen
            self.changed()

    async def wait(self, version: int, timeout: float) -> int:
        """Until the version moves past `version` (or `timeout` seconds); the version."""
        if self.version == version:
            try:
                await asyncio.wait_for(self._changed.wait(), timeout)
            except TimeoutError:
                pass
        return self.version

    # --- what a phone shows -----------------------------------------------------------

    def state(self, token: str) -> dict[str, Any]:
        """What the projector shows, and this person's own view."""
        state: dict[str, Any] = json.loads(self.state_json(token))
        return state

    def state_json(self, token: str) -> str:
        """`state` as JSON text. The projector's part is built and encoded once per change
        of the meeting and language, not once per phone: 200 phones follow it. In the
        language spoken now (the phone's: `ui.speaking`)."""
        seat = self.seat(token, admitted=False)
        if not seat.admitted:
            return dumps({"waiting": _("The facilitator will admit you; keep this page "
                                        "open."), "me": {"name": seat.name}})
        live = self._meeting()
        m, now = live.meeting, live.clock.now()
        lang = current().lang
        cached = self._shown.get(lang)
        if cached is None or cached[0] is not m or cached[4] != self.input:
            if cached is None or cached[0] is not m:
                self._shown = {k: v for k, v in self._shown.items() if v[0] is m}
            shown = projector(m)
            shared = dumps({k: v for k, v in shown.items() if k != "floor"}
                            | {"input": self.input})
            cached = self._shown[lang] = (m, shown, view.spoken(m), shared, self.input)
        _m, shown, spoken, shared, _input = cached

        floor = shown["floor"]
        if floor is not None and m.floor is not None:  # its time moves: made per request
            floor = {**floor, "held_s": round(m.active(now) - m.floor.since, 1)}
        me = dumps(own(m, now, seat.name, spoken, shown["stack"]))
        return '{"me":' + me + ',"floor":' + dumps(floor) + "," + shared[1:]


