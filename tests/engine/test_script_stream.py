"""Scripts are read as a stream: every problem of their shape is said before anything runs,
the commands then come one at a time with their lines, the same as a whole reading gives,
and a long script holds no list of its commands."""

from __future__ import annotations

import os
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.cli import main
from facilitator.protocols.loader import build_library
from facilitator.script import ScriptError, load_script, run_script
from facilitator.yaml12 import load

LIBRARY, _ = build_library([])


def write(folder: Path, text: str, name: str = "s.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def whole(path: Path) -> list[tuple[Any, int]]:
    """The commands and their lines as the whole file read at once gives them."""
    data, lines = load(path.read_text("utf-8"))
    return [(c, lines.of(data["commands"], i)) for i, c in enumerate(data["commands"])]


def long_script(count: int, last: str = "note done", *, after: str = "") -> str:
    body = "".join(f"  - note {i}\n" for i in range(count))
    return ("protocol: discussion\nparticipants: [Ana, Ben]\ncommands:\n  - start\n"
            f"{body}  - {last}\n{after}")


def test_a_refused_command_deep_in_a_long_script_names_its_line(tmp_path: Path) -> None:
    """The 5,002nd command, refused, is on line 5,005 of the file."""
    path = write(tmp_path, long_script(5000, "stance Nobody yes"))
    script = load_script(path)
    assert len(script.commands) == 5002
    assert list(script.commands)[-1] == whole(path)[-1] == ("stance Nobody yes", 5005)
    with pytest.raises(ScriptError) as error:
        run_script(script, LIBRARY, [])
    assert str(error.value).startswith(f"{path}:5005: ")


def test_a_bad_command_deep_in_a_long_script_is_found_before_anything_runs(
        tmp_path: Path) -> None:
    """A number where a command should be, at the end: said at loading, with its line."""
    path = write(tmp_path, long_script(3000, "42"))
    with pytest.raises(ScriptError) as error:
        load_script(path)
    assert str(error.value) == (f"{path}:3005: a command is one string; quote the whole line "
                                "when it holds `: `.")


def test_broken_yaml_after_the_commands_stops_the_script_before_it_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A syntax error after 3,000 good commands is the error: no command ran first."""
    path = write(tmp_path, long_script(3000, "end", after="title: [unclosed\n"))
    code = main(["simulate", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"{path}:") and "this is not valid YAML" in err
    assert int(err.split(":")[1]) >= 3005


def test_commands_before_the_protocol_and_a_key_given_twice(tmp_path: Path) -> None:
    """The keys come in any order; a key given twice is its last value, as a whole reading
    has it."""
    path = write(tmp_path, "commands: [start, 'hand Ana']\nparticipants: [Ana]\n"
                           "commands:\n  - start\n  - stance Ana yes\nprotocol: quick-decision\n")
    script = load_script(path)
    assert list(script.commands) == whole(path) == [("start", 4), ("stance Ana yes", 5)]
    assert list(script.commands) == list(script.commands)  # read again, the same


def test_commands_an_alias_names_are_read_whole(tmp_path: Path) -> None:
    """`commands: *x` repeats a list given elsewhere (with its anchor): its lines are where
    it was written."""
    path = write(tmp_path, "protocol: check-in\nparticipants: &p [start]\ncommands: *p\n")
    assert list(load_script(path).commands) == whole(path) == [("start", 2)]


def test_plain_words_stay_words_in_streamed_commands(tmp_path: Path) -> None:
    """YAML 1.2 scalars: `yes`, `no`, `on` and `off` are command lines; `true` is not."""
    path = write(tmp_path, "protocol: check-in\ncommands:\n  - yes\n  - no\n  - on\n  - off\n")
    assert list(load_script(path).commands) == [("yes", 3), ("no", 4), ("on", 5), ("off", 6)]
    with pytest.raises(ScriptError, match=r":4: a command is one string"):
        load_script(write(tmp_path, "protocol: check-in\ncommands:\n  - start\n  - true\n"))


def test_a_script_removed_before_it_runs_is_said_in_a_sentence(tmp_path: Path) -> None:
    """The commands are read when the script runs: a file gone by then is named."""
    path = write(tmp_path, "protocol: check-in\nparticipants: [Ana]\ncommands: [start]\n")
    script = load_script(path)
    path.unlink()
    with pytest.raises(ScriptError, match=r"s\.yaml: cannot be read any more"):
        run_script(script, LIBRARY, [])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_script_from_a_pipe_is_read_once(tmp_path: Path) -> None:
    """A pipe cannot be read twice: its text is kept, and the script runs from it."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    text = "protocol: check-in\nparticipants: [Ana]\ncommands:\n  - start\n  - end\n"
    writer = threading.Thread(target=pipe.write_text, args=(text,), kwargs={"encoding": "utf-8"})
    writer.start()
    script = load_script(pipe)
    writer.join()
    assert list(script.commands) == [("start", 4), ("end", 5)]
    assert run_script(script, LIBRARY, []).meeting.ended


def test_a_long_script_is_loaded_without_holding_its_commands(tmp_path: Path) -> None:
    """Loading 20,000 commands holds what it holds for 200 (within 100 KB): the commands
    are counted, not kept."""
    held = []
    for count in (200, 20_000):
        path = write(tmp_path, long_script(count), f"s{count}.yaml")
        tracemalloc.start()
        try:
            script = load_script(path)
            held.append(tracemalloc.get_traced_memory()[0])
        finally:
            tracemalloc.stop()
        assert len(script.commands) == count + 2
    assert held[1] - held[0] < 100_000


COMMAND = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                  min_size=1, max_size=20).filter(lambda s: s.strip() == s and s != "")


def styled(text: str, style: int) -> str:
    if style == 0:
        return "'" + text.replace("'", "''") + "'"
    if style == 1:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(COMMAND, st.integers(0, 2), st.booleans()), max_size=40),
       st.booleans())
def test_streamed_and_whole_readings_give_the_same_commands(
        tmp_path: Path, items: list[tuple[str, int, bool]], flow: bool) -> None:
    """Quoted, plain, with comments and blank lines, in block or flow style: the streamed
    commands are those of the whole file, line for line (or the same error)."""
    if flow:
        body = "commands: [" + ", ".join(styled(t, s or 0) for t, s, _ in items) + "]\n"
    else:
        body = "commands:\n" + "".join(
            ("\n  # a comment\n" if gap else "") + f"  - {styled(t, s)}\n"
            for t, s, gap in items)
    path = write(tmp_path, "protocol: check-in\n" + body + "title: T\n")
    try:
        expected: Any = whole(path)
    except Exception as error:  # noqa: BLE001 -- whatever the whole reading says
        expected = type(error)
    try:
        got: Any = list(load_script(path).commands)
    except ScriptError:
        got = None
    if got is None:
        # refused: the whole reading failed too, or held a command that is no string
        assert isinstance(expected, type) or any(not isinstance(c, str) for c, _ in expected)
    else:
        assert got == expected
