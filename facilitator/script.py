"""Scripts: a whole meeting run headless, with a clock that moves only on `wait`.

A refused command stops the script with `ScriptError("SCRIPT:LINE: why")`, LINE being the
command's line in the script file.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import attrs

from facilitator.clock import FAKE_EPOCH, FakeClock
from facilitator.errors import FacilitatorError, Refused
from facilitator.protocols.model import Library
from facilitator.protocols.values import parse_duration
from facilitator.session import LiveMeeting, Sources
from facilitator.store.group import Group
from facilitator.store.memory import when
from facilitator.yaml12 import YAMLError, load

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


def load_script(path: Path) -> Script:
    """Read a script (libyaml's nodes, YAML 1.2 scalars: `yes` stays a string)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ScriptError(f"{name}: cannot be read ({error.strerror}).") from None
    try:
        data, places = load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ScriptError(f"{name}:{line}: this is not valid YAML "
                          f"({getattr(error, 'problem', 'syntax error')}).") from None
    _line = places.of
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
    people = []
    for i, p in enumerate(data.get("participants") or []):
        line = _line(data["participants"], i)
        if isinstance(p, dict) and "name" in p:
            people.append((str(p["name"]), str(p.get("pronouns") or ""), line))
        elif isinstance(p, str):
            people.append((p, "", line))
        else:
            raise ScriptError(f"{name}:{line}: a participant is a name or "
                              "{name: NAME, pronouns: PRONOUNS}.")
    roles_node = data.get("roles") or {}
    if not isinstance(roles_node, dict):
        raise ScriptError(f"{name}:{_line(data, 'roles')}: `roles` maps a role to a name.")
    roles = [(str(r), str(n), _line(roles_node, r)) for r, n in roles_node.items()]
    lines = []
    for i, c in enumerate(commands):
        if not isinstance(c, str):
            raise ScriptError(f"{name}:{_line(commands, i)}: a command is one string; quote "
                              "the whole line when it holds `: `.")
        lines.append((c, _line(commands, i)))
    return Script(name, str(data["protocol"]), str(data.get("title") or ""), tuple(people),
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
