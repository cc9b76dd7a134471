"""Scripts: a whole meeting run headless, with a clock that moves only on `wait`.

A refused command stops the script with `ScriptError("SCRIPT:LINE: why")`, LINE being the
command's line in the script file.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import attrs
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from facilitator.clock import FAKE_EPOCH, FakeClock
from facilitator.errors import FacilitatorError, Refused
from facilitator.protocols.loader import lone_surrogate
from facilitator.protocols.model import Library
from facilitator.protocols.values import parse_duration
from facilitator.session import LiveMeeting, Sources
from facilitator.store.group import Group
from facilitator.store.memory import when

KEYS = {"protocol", "title", "participants", "roles", "commands"}



class ScriptError(FacilitatorError):
    """A script that cannot be read or whose command was refused."""


@attrs.frozen
class Script:
    file: str
    protocol: str
    title: str
    participants: tuple[tuple[str, str, int], ...]  # name, pronouns, line
    roles: tuple[tuple[str, str, int], ...]  # role, name, line
    commands: tuple[tuple[str, int], ...]  # text, line


def _line(node: Any, key: Any) -> int:
    try:
        return int(node.lc.key(key)[0]) + 1 if isinstance(key, str) else \
            int(node.lc.item(key)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return 1


def _decode(name: str, raw: bytes) -> str:
    """The script's text: UTF-8 (a byte-order mark is allowed)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScriptError(f"{name}:1: the script is UTF-16 text; save it as UTF-8.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ScriptError(f"{name}:{line}: the script is not UTF-8 text; save it as "
                          "UTF-8.") from None
    return text


def load_script(path: Path) -> Script:
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ScriptError(f"{name}: cannot be read ({error.strerror}); check the path.") \
            from None
    text = _decode(name, raw)
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ScriptError(f"{name}:{line}: this is not valid YAML "
                          f"({getattr(error, 'problem', 'syntax error')}).") from None
    except RecursionError:
        raise ScriptError(f"{name}:1: the YAML is nested too deeply to read; a script is "
                          "a mapping of a few keys and a list of command lines.") from None
    except ValueError as error:  # what ruamel's constructors let through
        why = ("a number has thousands of digits; write a short one" if "digits" in str(error)
               else f"a value cannot be read: {str(error)[:80]}")
        raise ScriptError(f"{name}:1: this is not a script YAML can read ({why}).") from None
    where = lone_surrogate(data)
    if where is not None:
        raise ScriptError(f"{name}:{where[0]}: this text holds a lone surrogate (an escape "
                          "like `\\ud800`), which is no character; write the character "
                          "itself.")
    if not isinstance(data, dict):
        raise ScriptError(f"{name}:1: a script is a mapping with `protocol` and `commands`.")
    unknown = set(map(str, data)) - KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ScriptError(f"{name}:{_line(data, key)}: `{key}` is not a script key; "
                          f"use {', '.join(sorted(KEYS))}.")
    for key in ("protocol", "commands"):
        if key not in data:
            raise ScriptError(f"{name}:1: a script needs `{key}`.")
    commands = data["commands"]
    if not isinstance(commands, list):
        raise ScriptError(f"{name}:{_line(data, 'commands')}: `commands` is a list of lines.")
    participants = data.get("participants") or []
    if not isinstance(participants, list):
        raise ScriptError(f"{name}:{_line(data, 'participants')}: `participants` is a list "
                          "of names or {name, pronouns}, like `[Ana, Ben]`.")

    def as_text(value: Any, line: int) -> str:
        # str() of an integer of thousands of digits is refused by Python itself.
        if isinstance(value, int) and value.bit_length() > 128:
            raise ScriptError(f"{name}:{line}: a number this long cannot be a name, a role "
                              "or a title; write text.")
        return str(value)

    people = []
    for i, p in enumerate(participants):
        line = _line(data["participants"], i)
        if isinstance(p, dict) and "name" in p:
            people.append((as_text(p["name"], line), as_text(p.get("pronouns") or "", line), line))
        elif isinstance(p, str):
            people.append((p, "", line))
        else:
            raise ScriptError(f"{name}:{line}: a participant is a name or "
                              "{name: NAME, pronouns: PRONOUNS}.")
    roles_node = data.get("roles") or {}
    if not isinstance(roles_node, dict):
        raise ScriptError(f"{name}:{_line(data, 'roles')}: `roles` maps a role to a name.")
    roles = [(as_text(r, _line(roles_node, r)), as_text(n, _line(roles_node, r)),
              _line(roles_node, r)) for r, n in roles_node.items()]
    lines = []
    for i, c in enumerate(commands):
        if not isinstance(c, str):
            raise ScriptError(f"{name}:{_line(commands, i)}: a command is one string; quote "
                              "the whole line when it holds `: `.")
        lines.append((c, _line(commands, i)))
    return Script(name, as_text(data["protocol"], _line(data, "protocol")),
                  as_text(data.get("title") or "", _line(data, "title")), tuple(people),
                  tuple(roles), tuple(lines))


def run_script(script: Script, library: Library, sources: Sources,
               group: Group | None = None) -> LiveMeeting:
    """Run the script to its last command; the meeting (ended or not) is returned."""
    if library.protocol(script.protocol) is None:
        raise ScriptError(f"{script.file}:1: there is no protocol `{script.protocol}`; "
                          "`facilitator protocols` lists them.")
    # In a group, a simulated meeting comes after the ones it already holds (as in life),
    # so the group's history has one order on every laptop.
    start = max([FAKE_EPOCH, *(when(m.ended_at) + 60 for m in group.meetings())]
                if group is not None else [FAKE_EPOCH])
    clock = FakeClock(start)
    live = LiveMeeting.open(library, sources, script.protocol, clock, title=script.title,
                            group=group)
    try:
        steps = [(f"join {shlex.quote(n)} {shlex.quote(p)}" if p else
                  f"join {shlex.quote(n)}", line) for n, p, line in script.participants]
        steps += [(f"role {shlex.quote(r)} {shlex.quote(n)}", line)
                  for r, n, line in script.roles]
        for text, line in steps + list(script.commands):
            try:
                words = text.split()
                if words and words[0] == "wait":
                    if len(words) != 2:
                        raise Refused("`wait` is written `wait DURATION`, as in `wait 2m`.")
                    try:
                        clock.advance(parse_duration(words[1]))
                    except ValueError as error:
                        raise Refused(str(error)) from None
                    live.tick()
                else:
                    live.do(text)
            except Refused as why:
                raise ScriptError(f"{script.file}:{line}: {why}") from None
    except BaseException:
        live.close()
        raise
    return live
