"""The room: people's own phones take part in the meeting over the local network.

`hub.Room` holds who is in the room (tokens bound to one person), turns a phone's words
into an engine command in that person's voice, and hands it to the live meeting; `server`
is the Starlette app that speaks the JSON API (docs/room.md); `serve` runs it with uvicorn
in the Textual app's own asyncio loop. The meeting never depends on the room: the engine
stays the only writer, and a failing server leaves the facilitator's terminal running.
"""

import os

FPS = 240  # frames a second, at most, that the facilitator's screen composes with a room


def pace() -> None:
    """Let the facilitator's screen compose up to `FPS` frames a second (Textual's cap is
    60 unless TEXTUAL_FPS says otherwise; what a person set stands). With a room, the
    screen is drawn again for what phones did up to ten times a second, and Textual waits
    for its next frame slot after each: a key pressed just after such a frame waited up
    to 33 ms at 60 (benchmarks/bench_room.py). Said before textual is imported, which
    reads it once."""
    os.environ.setdefault("TEXTUAL_FPS", str(FPS))
