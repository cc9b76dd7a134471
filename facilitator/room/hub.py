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
  its own person's airtime, stack place and choices: nothing else from a confidential step.
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
from facilitator.engine.steps.decide import own_device, scale_of, secret, stances_of
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.steps.round import round_of
from facilitator.errors import Refused
from facilitator.room.limits import Buckets, WrongCodes
from facilitator.session import LiveMeeting
from facilitator.ui import view

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
    said: str  # the phone's words, or its refusal
    accepted: bool


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
        self._shown: tuple[Meeting, dict[str, Any], float, str, str] | None = None

    def _give(self, command: str, source: str) -> list[Event]:
        live = self._meeting()
        return live.do(command, source=source)

    # --- joining ----------------------------------------------------------------------

    def _meeting(self) -> LiveMeeting:
        live = self.live()
        if live is None:
            raise RoomError(409, "No meeting is open yet; wait for the facilitator to open it.")
        if live.meeting.ended:
            raise RoomError(410, "The meeting has ended; thank you for taking part.")
        return live

    def join(self, name: str, code: str, client: str) -> dict[str, Any]:
        """A phone asks to take `name`: a token, usable now or once admitted."""
        now = self.clock()
        if not self.per_client.take(client, now):
            raise RoomError(429, "Too many requests from this phone; wait a moment.")
        wait = self.wrong.wait(client, now)
        if wait > 0:
            raise RoomError(429, f"Too many wrong room codes; wait {wait:.0f} seconds and "
                            "try again.")
        if not hmac.compare_digest(code.strip().encode(), self.code.encode()):
            self.wrong.failed(client, now)
            raise RoomError(403, "That is not the room code; read it again from the screen.")
        self.wrong.succeeded(client)
        name = " ".join(name.split())
        if not name or len(name) > 60:
            raise RoomError(400, "Give your name as the meeting knows it (at most 60 letters).")
        live = self._meeting()
        token = secrets.token_urlsafe(32)
        known = live.meeting.people.get(name)
        taken = any(s.name == name and s.admitted for s in self.seats.values())
        admitted = known is not None and known.present and not taken
        self.seats[token] = Seat(name, live.id, admitted)
        self._notice()
        if admitted:
            return {"token": token, "name": name}
        why = (f"{name} already has a phone in the room" if taken else
               f"{name} is not on this meeting's list yet")
        return {"token": token, "name": name,
                "waiting": f"{why}; the facilitator will admit you. Keep this page open."}

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
            raise RoomError(401, "This phone is not in the room; join with the room code.")
        live = self.live()
        if live is None or live.id != seat.meeting_id or live.meeting.ended:
            raise RoomError(410, "That meeting has ended; join the next one with its code.")
        if admitted and not seat.admitted:
            raise RoomError(403, "The facilitator has not admitted you yet; keep this page "
                            "open.")
        return seat

    # --- acting -----------------------------------------------------------------------

    def do(self, token: str, words: str) -> None:
        """A phone's words, given in its person's voice. RoomError says why not."""
        seat = self.seat(token)
        if not self.per_token.take(token, self.clock()):
            raise RoomError(429, "Slow down: too many taps at once. Try again in a moment.")
        command, source = self.command(seat.name, words)
        try:
            events = self.give(command, source)
        except Refused as refusal:
            # A refused stance may still be a secret one: its option is not shown.
            said = "a stance" if command.startswith("stance") else words
            self.arrivals.append(Arrival(source, f"{said} (refused)", False))
            self._notice()
            raise RoomError(409, str(refusal)) from None
        # The facilitator's screen, too, is told only what the journal keeps.
        if source == ANONYMOUS:
            words = "a suggestion"
        elif any(isinstance(e, BallotCast) for e in events):
            words = "a secret stance"
        self.arrivals.append(Arrival(source, words, True))
        self.changed()

    def command(self, name: str, words: str) -> tuple[str, str]:
        """The engine command a phone's words stand for, and its source."""
        try:
            parts = shlex.split(words)
        except ValueError:
            parts = words.split()
        if not parts or parts[0].lower() not in PHONE_COMMANDS:
            raise RoomError(400, "From a phone: hand, lower, pass, stance KEY [REASON], "
                            "collect VALUE or suggest TEXT.")
        verb, rest = parts[0].lower(), words.strip()[len(parts[0]):].strip()
        if self.input == "off" or (self.input == "no-stances" and verb == "stance"):
            what = "stances" if self.input == "no-stances" else "input"
            raise RoomError(409, f"The facilitator has switched the room's {what} off for "
                            "now; speak up in the room instead.")
        me = shlex.quote(name)
        if verb == "suggest":
            if not rest:
                raise RoomError(400, "Write your suggestion after `suggest`.")
            return f"suggest {shlex.quote(rest)}", ANONYMOUS
        if verb == "hand":
            if rest and rest not in INTERJECTIONS:
                raise RoomError(400, "A hand is plain, or one of: " + ", ".join(INTERJECTIONS)
                                + ".")
            return f"hand {me} {rest}".strip(), own_device(name)
        if verb in ("lower", "pass"):
            if rest:
                raise RoomError(400, f"`{verb}` from a phone takes nothing more.")
            if verb == "pass":
                self._may_pass(name)
            return f"{verb} {me}", own_device(name)
        if not rest:
            raise RoomError(400, f"Say which: {COMMANDS[verb].usage.replace(' NAME', '')}.")
        if verb == "stance":
            key, _, reason = rest.partition(" ")
            said = [key, reason.strip()] if reason.strip() else [key]
            return f"stance {me} {shlex.join(said)}", own_device(name)
        return f"collect {me} {shlex.quote(rest)}", own_device(name)

    def _may_pass(self, name: str) -> None:
        floor = self._meeting().meeting.floor
        if round_of(self._meeting().meeting.run) is not None and (
                floor is None or floor.name != name):
            raise RoomError(409, "The round has not reached you; pass when it does.")

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
        of the meeting, not once per phone: 200 phones follow it."""
        seat = self.seat(token, admitted=False)
        if not seat.admitted:
            return _dumps({"waiting": "The facilitator will admit you; keep this page open.",
                           "me": {"name": seat.name}})
        live = self._meeting()
        m, now = live.meeting, live.clock.now()
        if self._shown is None or self._shown[0] is not m or self._shown[4] != self.input:
            shown = projector(m)
            shared = _dumps({k: v for k, v in shown.items() if k != "floor"}
                            | {"input": self.input})
            self._shown = (m, shown, _spoken(m), shared, self.input)
        _, shown, spoken, shared, _ = self._shown
        floor = shown["floor"]
        if floor is not None and m.floor is not None:  # its time moves: made per request
            floor = {**floor, "held_s": round(m.active(now) - m.floor.since, 1)}
        me = _dumps(own(m, now, seat.name, spoken, shown["stack"]))
        return '{"me":' + me + ',"floor":' + _dumps(floor) + "," + shared[1:]


def _dumps(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"))


def projector(m: Meeting, now: float | None = None) -> dict[str, Any]:
    """What `facilitator display` shows, as data (`held_s` as of `now`, if given)."""
    floor = m.floor
    board = view.stance_board(m)
    state: dict[str, Any] = {
        "where": view.header(m), "prompt": view.prompt(m), "ended": m.ended,
        "paused": m.paused_since is not None,
        "floor": None if floor is None else {
            "name": floor.name,
            "held_s": round(m.active(now) - floor.since, 1) if now is not None else 0.0,
            "limit_s": floor.limit, "reason": floor.reason},
        "stack": [{"name": n, "why": why} for n, why in view.stack(m)],
        "round": view.round_queue(m),
        "stances": None,
    }
    if board is not None:
        state["stances"] = {
            "proposal": board.proposal, "given": board.given, "expected": board.expected,
            "hidden": board.hidden,
            "rows": [] if board.hidden else [
                {"key": k, "label": label, "count": c, "names": names}
                for k, label, c, names in board.rows]}
    return state


def _spoken(m: Meeting) -> float:
    """Everyone's airtime in finished turns (the floor's running turn is added per view)."""
    return sum(m.speech(n).airtime for n in m.seating)


def own(m: Meeting, now: float, name: str, spoken: float | None = None,
        stack: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """One person's own view: their airtime and place, and what they can do now (as
    `view.people` counts it, for one person)."""
    floor = m.floor
    running = m.active(now) - floor.since if floor is not None else 0.0
    mine = m.speech(name).airtime + (running if floor and floor.name == name else 0.0)
    total = (_spoken(m) if spoken is None else spoken) + running
    run = m.run
    me: dict[str, Any] = {
        "name": name, "airtime_s": round(mine), "turns": m.speech(name).turns,
        "share": round(mine / total, 3) if total else 0.0,
        "on_stack": None, "can_hand": stack_of(run) is not None,
        "can_pass": False, "collect": None, "ballot": None,
    }
    places = [h["name"] for h in (stack if stack is not None else projector(m)["stack"])]
    if name in places:
        me["on_stack"] = places.index(name) + 1
    state = round_of(run)
    if run is not None and state is not None:
        floor = m.floor
        me["can_pass"] = bool(run.step.allow_pass and floor and floor.name == name)
        field = run.step.collect
        if field is not None:
            me["collect"] = {"field": field.field, "choices": field.choices,
                             "given": state.collected.get(name), "private": run.step.private}
    stances = stances_of(run)
    if run is not None and stances is not None and m.proposal is not None:
        scale = scale_of(m, run)
        given = stances.stances.get(name)
        me["ballot"] = {
            "proposal": m.proposal, "secret": secret(run),
            "options": [{"key": o.key, "label": o.label, "reason": o.reason}
                        for o in scale.options],
            "given": given[0] if given else None}
    return me
