"""The facilitator's commands in words: one sentence each, and the keys that send them.

Shared by the help screen, the command palette and the plain conversation (no textual).
"""

from __future__ import annotations

from facilitator.engine.commands import VOCABULARY

WHAT: dict[str, str] = {
    "join": "Someone joins the meeting (pronouns optional).",
    "leave": "Someone leaves the meeting.",
    "role": "Name someone to a role.",
    "start": "Begin the meeting: enter the first step.",
    "hand": "Put someone on the stack, or an interjection before ordinary hands.",
    "lower": "Take someone off the stack.",
    "next": "The speaker is done; the floor goes to whoever is next.",
    "done": "The speaker is done; nobody holds the floor.",
    "pass": "In a round: the current (or named) person passes.",
    "invite": "Move someone to the front of the stack (an override).",
    "propose": "Set the proposal for the next test for agreement.",
    "stance": "Give or change someone's stance in a test for agreement.",
    "collect": "Keep a person's answer in a round that collects one.",
    "record": "Record a decision, an action, an agreement or a note.",
    "choose": "Choose a path in a choice step.",
    "item": "Add an agenda item.",
    "defer": "Defer the running agenda item to the next meeting.",
    "move": "Move an agenda item still to come to another place (1 is next).",
    "review": "Mark an open action or agreement done, kept, handed on or dropped.",
    "extend": "More time for the current speaker and step.",
    "pause": "Time out: every timer stops.",
    "resume": "Back from a pause.",
    "advance": "End the current step now, with its outcome.",
    "skip": "Leave the step without an outcome (an override).",
    "back": "Return to the step before (an override).",
    "goto": "Jump to a step (an override).",
    "note": "A line in the minutes.",
    "undo": "Take back the last command (an override).",
    "end": "End the meeting and write the minutes.",
}
assert set(WHAT) == set(VOCABULARY), "every command has its sentence"

# (key as textual names it, key as shown, what it does)
KEYS: list[tuple[str, str, str]] = [
    ("n", "n", "next: the floor goes to whoever is next"),
    ("d", "d", "done: the speaker is done, nobody holds the floor"),
    ("h", "h", "hand: put someone on the stack (pick a name)"),
    ("x", "x", "interject: a point of process, clarifying question or direct response"),
    ("p", "p", "pass: in a round, the speaker (or a named person) passes"),
    ("a", "a", "advance: end the step with its outcome"),
    ("s", "s", "stance: give someone's stance (pick a name, then the stance)"),
    ("e", "e", "extend: more time for the speaker and step"),
    ("space", "space", "pause, or resume after a pause"),
    ("u", "u", "undo the last command"),
    ("j", "j", "join: someone arrives (names you know complete as you type)"),
    ("r", "r", "role: name someone to a role"),
    ("o", "o", "propose: set the proposal"),
    ("i", "i", "invite: move someone to the front of the stack"),
    ("l", "l", "lower: take someone off the stack"),
    ("enter", "enter", "start the meeting (before it has started)"),
    ("colon", ":", "command line: any command, exactly as in scripts"),
    ("E", "E", "end the meeting (asks first) and write the minutes"),
    ("question_mark", "?", "this help"),
    ("ctrl+p", "ctrl+p", "command palette: every command, themes"),
    ("ctrl+q", "ctrl+q", "quit without ending: the meeting can be resumed later"),
]


def usage(name: str) -> str:
    return VOCABULARY[name][0]


def command_lines() -> list[str]:
    """`usage: what it does`, one line per command, in the vocabulary's order."""
    return [f"{usage(name)}: {WHAT[name]}" for name in VOCABULARY]
