"""Completion for the command line: commands, names, roles, stance keys, step ids.

`candidates(meeting, roster, line)` lists whole lines that complete `line`; the first one
is the suggestion. Matching ignores case; a completed word takes the case of the name it completes.
No textual here: the plain conversation completes with readline from the same list.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable

from facilitator.engine.commands import COMMANDS
from facilitator.engine.general import roles_in_play
from facilitator.engine.state import Meeting
from facilitator.engine.steps.decide import stances_of
from facilitator.protocols.model import INTERJECTIONS, RECORD_TYPES

PRONOUNS = ("she/her", "he/him", "they/them")


def _present(m: Meeting) -> list[str]:
    return list(m.present)


def _options(m: Meeting, roster: Iterable[str], name: str, index: int,
             done: list[str]) -> list[str]:
    """What may stand at argument `index` of command `name`."""
    run = m.run
    if name == "join":
        if index == 0:
            here = set(m.present)
            known = [n for n in m.seating if n not in here]
            return known + [n for n in roster if n not in here and n not in known]
        return list(PRONOUNS) if index == 1 else []
    if name in ("leave", "lower", "invite", "pass") and index == 0:
        return _present(m)
    if name == "hand":
        return _present(m) if index == 0 else list(INTERJECTIONS) if index == 1 else []
    if name == "role":
        return list(roles_in_play(m)) if index == 0 else _present(m) if index == 1 else []
    if name == "stance":
        if index == 0:
            return _present(m)
        if index == 1:
            scale = m.library.scale(run.step.scale if stances_of(run) is not None and run
                                    else "consensus")
            return list(scale.keys) if scale else []
        return []
    if name == "collect":
        if index == 0:
            return _present(m)
        field = run.step.collect if run else None
        return list(field.choices or ()) if field and index == 1 else []
    if name == "record":
        if index == 0:
            return list(RECORD_TYPES)
        if done and done[0] == "action" and index == 2:
            return _present(m)
        if done and done[0] == "agreement" and index >= 2:
            return _present(m)
        return []
    if name == "choose" and index == 0:
        return list(run.step.options) if run else []
    if name == "goto" and index == 0:
        return [s.id for s in m.frames[-1].protocol.steps] if m.frames else []
    if name == "review":
        if index == 0:
            return [r.id for r in m.setup.review]
        if index == 1:
            return ["done", "keep", "drop", "hand"]
        return _present(m) if index == 2 else []
    if name == "item" and index == 1:
        return list(m.library.protocols)
    if name == "extend" and index == 0:
        return ["1m", "2m", "5m"]
    return []


def _quote(word: str) -> str:
    return shlex.quote(word) if word and any(c in word for c in " '\"") else word


def candidates(meeting: Meeting, roster: Iterable[str], line: str) -> list[str]:
    """Whole command lines that complete `line`, best first."""
    if not line or line.isspace():
        return []
    try:
        words = shlex.split(line)
    except ValueError:
        return []  # an open quote: leave the typing alone
    ends_in_space = line[-1].isspace()
    if len(words) <= 1 and not ends_in_space:
        typed = words[0] if words else ""
        return [line[:len(line) - len(typed)] + n for n in COMMANDS
                if n.startswith(typed.lower()) and n != typed.lower()]
    name = words[0].lower()
    if name not in COMMANDS:
        return []
    done = words[1:] if ends_in_space else words[1:-1]
    typed = "" if ends_in_space else words[-1]
    options = _options(meeting, roster, name, len(done), done)
    out = []
    for option in options:
        if option.casefold().startswith(typed.casefold()) and option != typed:
            out.append(line[:len(line) - len(typed)] + _quote(option))
    return out


def known_as(names: Iterable[str], pronouns: dict[str, str]) -> list[str]:
    """People of the group as the join form offers them: 'Ana (she/her)'."""
    return [f"{n} ({pronouns[n]})" if pronouns.get(n) else n for n in names]


def join_line(text: str, pronouns: dict[str, str]) -> str:
    """`join ...` for what was typed in the join form: 'Ana (she/her)', 'Ana she/her' or
    'Ana' (whose pronouns the group's memory recalls)."""
    text = text.strip()
    if text.endswith(")") and " (" in text:
        name, said = text[:-1].rsplit(" (", 1)
    else:
        name, _, said = text.rpartition(" ") if "/" in text.rpartition(" ")[2] else (text, "", "")
    said = said.strip() or pronouns.get(name.strip(), "")
    return f"join {shlex.quote(name.strip())}" + (f" {shlex.quote(said)}" if said else "")
