"""The facilitator's commands in words (read from the engine's one table of commands), and
the one list of the meeting screen's keys.

Shared by the help screen, the key bindings, the command palette and the plain
conversation (no textual).
"""

from __future__ import annotations

from typing import NamedTuple

from facilitator.engine.commands import COMMANDS
from facilitator.i18n import N_


class Key(NamedTuple):
    key: str  # as textual names it
    shown: str  # as the help screen shows it
    name: str  # the key action's name (a command, or one of the screen's own); "" for app keys
    label: str  # in the key bar
    help: str  # in the help screen


KEYS: list[Key] = [
    Key("n", "n", "next", N_("Next"), N_("next: the floor goes to whoever is next")),
    Key("d", "d", "done", N_("Done"), N_("done: the speaker is done, nobody holds the floor")),
    Key("h", "h", "hand", N_("Hand"), N_("hand: put someone on the stack (pick a name)")),
    Key("x", "x", "interject", N_("Interject"),
        N_("interject: a point of process, clarifying question or direct response")),
    Key("p", "p", "pass", N_("Pass"),
        N_("pass: in a round, the speaker (or a named person) passes")),
    Key("a", "a", "advance", N_("Advance"), N_("advance: end the step with its outcome")),
    Key("s", "s", "stance", N_("Stance"),
        N_("stance: give someone's stance (pick a name, then the stance)")),
    Key("k", "k", "keep", N_("Keep"), N_("keep: in a review, the highlighted item keeps going")),
    Key("D", "D", "drop", N_("Drop"), N_("drop: in a review, the highlighted item is dropped")),
    Key("up", "↑", "item_up", "", N_("up: in a review, highlight the item above")),
    Key("down", "↑↓", "item_down", N_("Item"), N_("down: in a review, highlight the item below")),
    Key("c", "c", "choose", N_("Choose"),
        N_("choose: pick where the meeting goes (or press 1 to 9)")),
    *(Key(str(n), str(n), f"option{n}", "", N_("{n}: in a choice, choose option {n}"))

      for n in range(1, 10)),
    Key("w", "w", "record", N_("Record"),
        N_("record: the form for an action (owner, due date), an agreement or a note")),
    Key("plus", "+", "item", N_("Item"), N_("item: add an item to the agenda (title, protocol)")),
    Key("f", "f", "defer", N_("Defer"), N_("defer: keep the running agenda item for next meeting")),
    Key("m", "m", "move", N_("Move"),
        N_("move: put an agenda item still to come in another place")),
    Key("e", "e", "extend", N_("Extend"), N_("extend: more time for the speaker and step")),
    Key("space", "space", "pause", N_("Pause"), N_("pause, or resume after a pause")),
    Key("u", "u", "undo", N_("Undo"), N_("undo the last command")),
    Key("j", "j", "join", N_("Join"),
        N_("join: someone arrives (names you know complete as you type)")),
    Key("r", "r", "role", N_("Role"), N_("role: name someone to a role")),
    Key("o", "o", "propose", N_("Propose"), N_("propose: set the proposal")),
    Key("i", "i", "invite", N_("Invite"), N_("invite: move someone to the front of the stack")),
    Key("l", "l", "lower", N_("Lower"), N_("lower: take someone off the stack")),
    Key("enter", "enter", "start", N_("Start"), N_("start the meeting (before it has started)")),
    Key("colon", ":", "commandline", N_("Cmd"),
        N_("command line: any command, exactly as in scripts")),
    Key("E", "E", "end", N_("End"), N_("end the meeting (asks first) and write the minutes")),
    Key("question_mark", "?", "help", N_("Help"), N_("this help")),
    Key("ctrl+p", "ctrl+p", "", "", N_("command palette: every command, themes")),
    Key("ctrl+q", "ctrl+q", "", "", N_("quit without ending: the meeting can be resumed later")),
]


def usage(name: str) -> str:
    return COMMANDS[name].usage


def what(name: str) -> str:
    return COMMANDS[name].what


def command_lines() -> list[str]:
    """`usage: what it does`, one line per command, in the table's order."""
    return [f"{spec.usage}: {spec.what}" for spec in COMMANDS.values()]
