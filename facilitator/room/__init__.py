"""The room: people's own phones take part in the meeting over the local network.

`hub.Room` holds who is in the room (tokens bound to one person), turns a phone's words
into an engine command in that person's voice, and hands it to the live meeting; `server`
is the Starlette app that speaks the JSON API (docs/room.md); `serve` runs it with uvicorn
in the Textual app's own asyncio loop. The meeting never depends on the room: the engine
stays the only writer, and a failing server leaves the facilitator's terminal running.
"""
