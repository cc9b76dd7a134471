"""The facilitator's commands in words (read from the engine's one table of commands), and
the one list of the meeting screen's keys.

Shared by the help screen, the key bindings, the command palette and the plain
conversation (no textual).
"""

from __future__ import annotations

from typing import NamedTuple

from facilitator.engine.commands import COMMANDS


class Key(NamedTuple):
    key: str  # as textual names it
    shown: str  # as the help screen shows it
    name: str  # the key action's name (a command, or one of the screen's own); "" for app keys
    label: str  # in the key bar
    help: str  # in the help screen


KEYS: list[Key] = [
    Key("n", "n", "next", "Next", "next: the floor goes to whoever is next"),
    Key("d", "d", "done", "Done", "done: the speaker is done, nobody holds the floor"),
    Key("h", "h", "hand", "Hand", "hand: put someone on the stack (pick a name)"),
    Key("x", "x", "interject", "Interject",
        "interject: a point of process, clarifying question or direct response"),
    Key("p", "p", "pass", "Pass", "pass: in a round, the speaker (or a named person) passes"),
    Key("a", "a", "advance", "Advance", "advance: end the step with its outcome"),
    Key("s", "s", "stance", "Stance",
        "stance: give someone's stance (pick a name, then the stance)"),
    Key("k", "k", "keep", "Keep", "keep: in a review, the highlighted item keeps going"),
    Key("D", "D", "drop", "Drop", "drop: in a review, the highlighted item is dropped"),
    Key("up", "↑", "item_up", "", "up: in a review, highlight the item above"),
    Key("down", "↑↓", "item_down", "Item", "down: in a review, highlight the item below"),
    Key("c", "c", "choose", "Choose", "choose: pick where the meeting goes (or press 1 to 9)"),
    *(Key(str(n), str(n), f"option{n}", "", f"{n}: in a choice, choose option {n}")
      for n in range(1, 10)),
    Key("w", "w", "record", "Record",
        "record: the form for an action (owner, due date), an agreement or a note"),
    Key("plus", "+", "item", "Item", "item: add an item to the agenda (title, protocol)"),
    Key("f", "f", "defer", "Defer", "defer: keep the running agenda item for next meeting"),
    Key("m", "m", "move", "Move", "move: put an agenda item still to come in another place"),
    Key("e", "e", "extend", "Extend", "extend: more time for the speaker and step"),
    Key("space", "space", "pause", "Pause", "pause, or resume after a pause"),
    Key("u", "u", "undo", "Undo", "undo the last command"),
    Key("j", "j", "join", "Join",
        "join: someone arrives (names you know complete as you type)"),
    Key("r", "r", "role", "Role", "role: name someone to a role"),
    Key("o", "o", "propose", "Propose", "propose: set the proposal"),
    Key("i", "i", "invite", "Invite", "invite: move someone to the front of the stack"),
    Key("l", "l", "lower", "Lower", "lower: take someone off the stack"),
    Key("enter", "enter", "start", "Start", "start the meeting (before it has started)"),
    Key("colon", ":", "commandline", "Cmd", "command line: any command, exactly as in scripts"),
    Key("E", "E", "end", "End", "end the meeting (asks first) and write the minutes"),
    Key("question_mark", "?", "help", "Help", "this help"),
    Key("ctrl+p", "ctrl+p", "", "", "command palette: every command, themes"),
    Key("ctrl+q", "ctrl+q", "", "", "quit without ending: the meeting can be resumed later"),
]


def usage(name: str) -> str:
    return COMMANDS[name].usage


def what(name: str) -> str:
    return COMMANDS[name].what


def command_lines() -> list[str]:
    """`usage: what it does`, one line per command, in the table's order."""
    return [f"{spec.usage}: {spec.what}" for spec in COMMANDS.values()]
