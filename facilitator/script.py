"""Scripts: a whole meeting run headless, with a clock that moves only on `wait`.

A refused command stops the script with `ScriptError("SCRIPT:LINE: why")`, LINE being the
command's line in the script file.

Memory stays flat however long the script: `load_script` reads the whole file once, with
libyaml's events, to say every problem of its shape before anything runs, and keeps the
script's few keys but not its commands; running it reads the file again and hands the
commands over one at a time (`Commands`), each with its line.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from facilitator.clock import FAKE_EPOCH, FakeClock
from facilitator.errors import FacilitatorError, Refused
from facilitator.i18n import N_, _
from facilitator.protocols.loader import lone_surrogate
from facilitator.protocols.model import Library
from facilitator.protocols.values import parse_duration
from facilitator.session import LiveMeeting, Sources
from facilitator.store.group import Group
from facilitator.store.memory import when
from facilitator.yaml12 import Streamed, Walk, YAMLError

KEYS = {"protocol", "title", "participants", "roles", "commands"}
TOO_DEEP = N_("the YAML is nested too deeply to read; a script is a mapping of a few keys and "
              "a list of command lines.")
# Marked for the catalogs, said with `_()` where they are raised (they are also compared).
NOT_ONE_STRING = N_("a command is one string; quote the whole line when it holds `: `.")
SURROGATE = N_("this text holds a lone surrogate (an escape like `\\ud800`), which is no "
               "character; write the character itself.")


class ScriptError(FacilitatorError):
    """A script that cannot be read or whose command was refused."""


class Commands:
    """A script's command lines with their lines in the file, `(text, line)`, read from the
    file again each time they are gone through (a list an alias names is kept whole)."""

    def __init__(self, count: int, read: Callable[[], Iterator[tuple[str, int]]]) -> None:
        self._count = count
        self._read = read

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return self._read()

    def __repr__(self) -> str:
        return f"Commands({self._count} lines)"


@attrs.frozen
class Script:
    file: str
    protocol: str
    title: str
    participants: tuple[tuple[str, str, int], ...]  # name, pronouns, line
    roles: tuple[tuple[str, str, int], ...]  # role, name, line
    commands: Commands  # text, line


def _check_text(name: str, opened: Callable[[], IO[bytes]]) -> None:
    """The script's text is UTF-8 (a byte-order mark is allowed), checked a line at a time:
    UTF-8 never puts a newline byte inside a character."""
    with opened() as raw:
        first = raw.read(2)
        if first in (b"\xff\xfe", b"\xfe\xff"):
            raise ScriptError(f"{name}:1: " + _("the script is UTF-16 text; save it as UTF-8."))
        raw.seek(0)
        for number, line in enumerate(raw, start=1):
            try:
                line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise ScriptError(f"{name}:{number}: " + _("the script is not UTF-8 text; save "
                                                           "it as UTF-8.")) from None


def _opener(path: Path) -> Callable[[], IO[bytes]]:
    """How to open the script's bytes, as often as it is read. A file that can be read
    only once (a pipe) is read whole, once."""
    name = str(path)
    try:
        if path.is_file():
            with path.open("rb"):
                pass
            return lambda: path.open("rb")
        raw = path.read_bytes()
    except OSError as error:
        raise ScriptError(f"{name}: " + _("cannot be read ({why}); check the path.").format(
            why=error.strerror)) from None
    return lambda: io.BytesIO(raw)


@contextlib.contextmanager
def _yaml_errors(name: str) -> Iterator[None]:
    """What libyaml and the scalar resolver refuse, as ScriptError with the line."""
    try:
        yield
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = str(getattr(error, "problem", ""))
        if "nesting depth" in problem:  # libyaml's own limit
            raise ScriptError(f"{name}:1: " + _(TOO_DEEP)) from None
        if "Unicode character escape" in problem:  # libyaml refuses `\ud800` itself
            raise ScriptError(f"{name}:{line}: {_(SURROGATE)}") from None
        raise ScriptError(f"{name}:{line}: " + _("this is not valid YAML ({problem}).").format(
            problem=getattr(error, "problem", "syntax error"))) from None
    except RecursionError:
        raise ScriptError(f"{name}:1: " + _(TOO_DEEP)) from None
    except UnicodeDecodeError:  # the file changed since `load_script` checked it
        raise ScriptError(f"{name}: " + _("the script changed while it ran and is no longer "
                                          "UTF-8 text; save it as UTF-8 and run it again.")
                          ) from None
    except ValueError as error:  # what the scalar resolver lets through
        why = (_("a number has thousands of digits; write a short one") if "digits" in
               str(error) else _("a value cannot be read: {error}").format(error=str(error)[:80]))
        raise ScriptError(f"{name}:1: " + _("this is not a script YAML can read ({why}).")
                          .format(why=why)) from None


def _text(opened: Callable[[], IO[bytes]]) -> IO[str]:
    # newline="": libyaml sees the line breaks as written, as when it read the whole text.
    return io.TextIOWrapper(opened(), encoding="utf-8-sig", newline="")


def load_script(path: Path) -> Script:
    """Read a script (libyaml's events, YAML 1.2 scalars: `yes` stays a string). Every
    problem of its shape is found here, before anything runs; the commands are counted
    and checked, and read again, one at a time, when the script runs."""
    name = str(path)
    opened = _opener(path)
    _check_text(name, opened)
    counts: dict[int, int] = {}
    first_bad: dict[int, tuple[int, str]] = {}  # occurrence -> line, what is wrong there
    with _text(opened) as text, _yaml_errors(name):
        walker = Walk(text, "commands")
        for occurrence, value, line in walker:
            counts[occurrence] = counts.get(occurrence, 0) + 1
            if occurrence in first_bad:
                continue
            if not isinstance(value, str):
                first_bad[occurrence] = (line, NOT_ONE_STRING)
            elif lone_surrogate(value) is not None:
                first_bad[occurrence] = (line, SURROGATE)
    data, places = walker.result
    _line = places.of
    streamed = data.get("commands") if isinstance(data, dict) else None
    where = lone_surrogate(data)
    if where is not None:
        raise ScriptError(f"{name}:{where[0]}: {_(SURROGATE)}")
    if isinstance(streamed, Streamed) and first_bad.get(streamed.occurrence, (0, ""))[1] \
            == SURROGATE:
        raise ScriptError(f"{name}:{first_bad[streamed.occurrence][0]}: {_(SURROGATE)}")
    if not isinstance(data, dict):
        raise ScriptError(f"{name}:1: " + _("a script is a mapping with `protocol` and "
                                            "`commands`."))
    unknown = set(map(str, data)) - KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ScriptError(f"{name}:{_line(data, key)}: " + _("`{key}` is not a script key; "
                                                             "use {keys}.").format(
            key=key, keys=", ".join(sorted(KEYS))))
    for key in ("protocol", "commands"):
        if key not in data:
            raise ScriptError(f"{name}:1: " + _("a script needs `{key}`.").format(key=key))
    commands = data["commands"]
    if not isinstance(commands, list | Streamed):
        raise ScriptError(f"{name}:{_line(data, 'commands')}: "
                          + _("`commands` is a list of lines."))
    participants = data.get("participants") or []
    if not isinstance(participants, list):
        raise ScriptError(f"{name}:{_line(data, 'participants')}: "
                          + _("`participants` is a list of names or {{name, pronouns}}, like "
                              "`[Ana, Ben]`.").format())

    def as_text(value: Any, line: int) -> str:
        # str() of an integer of thousands of digits is refused by Python itself.
        if isinstance(value, int) and value.bit_length() > 128:
            raise ScriptError(f"{name}:{line}: " + _("a number this long cannot be a name, a "
                                                     "role or a title; write text."))
        return str(value)

    people = []
    for i, p in enumerate(participants):
        line = _line(data["participants"], i)
        if isinstance(p, dict) and "name" in p:
            people.append((as_text(p["name"], line), as_text(p.get("pronouns") or "", line), line))
        elif isinstance(p, str):
            people.append((p, "", line))
        else:
            raise ScriptError(f"{name}:{line}: " + _("a participant is a name or {{name: NAME, "
                                                     "pronouns: PRONOUNS}}.").format())
    roles_node = data.get("roles") or {}
    if not isinstance(roles_node, dict):
        raise ScriptError(f"{name}:{_line(data, 'roles')}: "
                          + _("`roles` maps a role to a name."))
    roles = [(as_text(r, _line(roles_node, r)), as_text(n, _line(roles_node, r)),
              _line(roles_node, r)) for r, n in roles_node.items()]
    if isinstance(commands, Streamed):
        bad = first_bad.get(commands.occurrence)
        if bad is not None:
            raise ScriptError(f"{name}:{bad[0]}: {_(bad[1])}")
        lines = Commands(counts.get(commands.occurrence, 0),
                         lambda: _stream(name, opened, commands.occurrence))
    else:  # a list an alias names: read whole, as it may be named again
        for i, c in enumerate(commands):
            if not isinstance(c, str):
                raise ScriptError(f"{name}:{_line(commands, i)}: {_(NOT_ONE_STRING)}")
        kept = [(c, _line(commands, i)) for i, c in enumerate(commands)]
        lines = Commands(len(kept), lambda: iter(kept))
    return Script(name, as_text(data["protocol"], _line(data, "protocol")),
                  as_text(data.get("title") or "", _line(data, "title")), tuple(people),
                  tuple(roles), lines)


def _stream(name: str, opened: Callable[[], IO[bytes]],
            occurrence: int) -> Iterator[tuple[str, int]]:
    """The commands of a script `load_script` checked, read from its file again."""
    try:
        stream = _text(opened)
    except OSError as error:  # moved or removed since it was checked
        raise ScriptError(f"{name}: " + _("cannot be read any more ({why}); check the path "
                                          "and run the script again.").format(
            why=error.strerror)) from None
    with stream as text, _yaml_errors(name):
        for seen, value, line in Walk(text, "commands"):
            if seen == occurrence:
                if not isinstance(value, str):  # the file changed since it was checked
                    raise ScriptError(f"{name}:{line}: {_(NOT_ONE_STRING)}")
                yield value, line


def run_script(script: Script, library: Library, sources: Sources,
               group: Group | None = None, *, keep_entries: bool = True) -> LiveMeeting:
    """Run the script to its last command; the meeting (ended or not) is returned.
    `keep_entries=False`: the meeting keeps only what its minutes say (`simulate`), so a
    script of any length runs in the same memory."""
    if library.protocol(script.protocol) is None:
        raise ScriptError(f"{script.file}:1: " + _("there is no protocol `{protocol}`; "
                                                   "`facilitator protocols` lists them.").format(
            protocol=script.protocol))
    # In a group, a simulated meeting comes after the ones it already holds (as in life),
    # so the group's history has one order on every laptop.
    start = max([FAKE_EPOCH, *(when(m.ended_at) + 60 for m in group.meetings())]
                if group is not None else [FAKE_EPOCH])
    clock = FakeClock(start)
    live = LiveMeeting.open(library, sources, script.protocol, clock, title=script.title,
                            group=group, keep_entries=keep_entries)
    try:
        steps = [(f"join {shlex.quote(n)} {shlex.quote(p)}" if p else
                  f"join {shlex.quote(n)}", line) for n, p, line in script.participants]
        steps += [(f"role {shlex.quote(r)} {shlex.quote(n)}", line)
                  for r, n, line in script.roles]
        for text, line in itertools.chain(steps, script.commands):
            try:
                words = text.split()
                if words and words[0] == "wait":
                    if len(words) != 2:
                        raise Refused(_("`wait` is written `wait DURATION`, as in `wait 2m`."))
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
