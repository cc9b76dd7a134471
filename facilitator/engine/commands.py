"""The facilitator's vocabulary: parsing a command line into a `Command`.

The screen's keys, its command line and scripts all send these same commands. Arguments
are shell-quoted (`join "Ana María" she/her`). A line that is not a command is refused
with a sentence that shows how the command is written.
"""

from __future__ import annotations

import shlex

import attrs

from facilitator.errors import Refused

# name -> (usage, least args, most args or None for any)
VOCABULARY: dict[str, tuple[str, int, int | None]] = {
    "join": ("join NAME [PRONOUNS]", 1, 2),
    "leave": ("leave NAME", 1, 1),
    "role": ("role ROLE NAME", 2, 2),
    "start": ("start", 0, 0),
    "hand": ("hand NAME [point-of-process|clarify|direct-response]", 1, 2),
    "lower": ("lower NAME", 1, 1),
    "next": ("next", 0, 0),
    "done": ("done", 0, 0),
    "pass": ("pass [NAME]", 0, 1),
    "invite": ("invite NAME", 1, 1),
    "propose": ("propose TEXT", 1, None),
    "stance": ("stance NAME KEY [REASON]", 2, None),
    "collect": ("collect NAME VALUE", 2, None),
    "record": (
        "record decision TEXT | record action TEXT OWNER [DUE] [--backup NAME] | "
        "record agreement TEXT [NAME]... | record shift NAME WHAT | record note TEXT",
        2,
        None,
    ),
    "choose": ("choose OPTION", 1, 1),
    "item": ("item TITLE [PROTOCOL]", 1, 2),
    "defer": ("defer", 0, 0),
    "move": ("move TITLE POSITION", 2, 2),
    "review": ("review ID done|keep|drop | review ID hand NAME", 2, 3),
    "extend": ("extend DURATION", 1, 1),
    "pause": ("pause", 0, 0),
    "resume": ("resume", 0, 0),
    "advance": ("advance", 0, 0),
    "skip": ("skip", 0, 0),
    "back": ("back", 0, 0),
    "goto": ("goto STEP", 1, 1),
    "note": ("note TEXT", 1, None),
    "undo": ("undo", 0, 0),
    "end": ("end", 0, 0),
}
# Commands that change the course of the meeting by the facilitator's say-so: the minutes
# list them, for transparency.
OVERRIDES = frozenset({"invite", "skip", "back", "goto", "undo"})
# Free text that may be given unquoted: from this argument on, the rest of the line is one
# argument (`note Tea is in`, `stance Cy block it breaks our rule`).
_REST_OF_LINE = {"propose": 0, "note": 0, "stance": 2, "collect": 1}


@attrs.frozen
class Command:
    name: str
    args: tuple[str, ...]
    text: str

    @property
    def usage(self) -> str:
        return VOCABULARY[self.name][0]


def parse(line: str) -> Command:
    """One command line -> a Command, or Refused saying how to write it."""
    text = line.strip()
    try:
        words = shlex.split(text)
    except ValueError:
        raise Refused(
            f"`{text}` has an unclosed quote; close it, as in: note \"Ben brings tea\"."
        ) from None
    if not words:
        raise Refused("Type a command, such as `next`, `hand Ben` or `advance`.")
    name, args = words[0].lower(), tuple(words[1:])
    if name == "wait":
        raise Refused("`wait` moves a script's clock; in a live meeting time moves by itself.")
    if name not in VOCABULARY:
        raise Refused(_unknown(name))
    usage, least, most = VOCABULARY[name]
    rest = _REST_OF_LINE.get(name)
    if rest is not None and len(args) > rest + 1:
        args = (*args[:rest], " ".join(args[rest:]))
    if len(args) < least or (most is not None and len(args) > most):
        raise Refused(f"`{name}` is written `{usage}`.")
    return Command(name, args, text)


def _unknown(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, VOCABULARY, n=1)
    hint = f" Did you mean `{close[0]}`?" if close else ""
    return f"`{name}` is not a command.{hint} Type `?` for the list of commands."
