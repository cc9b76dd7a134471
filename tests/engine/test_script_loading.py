"""Scripts are read with libyaml's nodes: YAML 1.2 scalars and the line of every command."""

from pathlib import Path

import pytest

from facilitator.protocols.loader import build_library
from facilitator.script import ScriptError, load_script, run_script
from facilitator.yaml12 import load


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yes_no_on_and_off_stay_strings_as_in_yaml_1_2():
    """`yes`, `no`, `on`, `off`, `y` and `n` are strings; `true`, `null` and numbers are not."""
    data, _ = load("[yes, no, on, off, y, n, Yes, true, False, null, ~, 12, 0o17, 1.5, 'true']")
    assert data == ["yes", "no", "on", "off", "y", "n", "Yes", True, False, None, None, 12, 15,
                    1.5, "true"]


def test_a_stance_of_yes_reaches_the_engine_as_the_word_yes(tmp_path):
    """`stance Ana yes` is a command line, and `title: no` a title, not a boolean."""
    script = load_script(write(tmp_path, "protocol: quick-decision\ntitle: no\n"
                                         "participants: [Ana]\ncommands:\n  - start\n"))
    assert script.title == "no"
    assert script.participants == (("Ana", "", 3),)


def test_a_refused_command_names_its_line_in_the_script(tmp_path):
    """The error says SCRIPT:LINE, LINE being where the refused command is written."""
    path = write(tmp_path, "protocol: quick-decision\n"
                           "participants:\n  - Ana\n  - name: Ben\n    pronouns: he\n"
                           "roles:\n  presenter: Ana\n"
                           "commands:\n  - start\n\n  # a comment\n  - stance Nobody yes\n")
    script = load_script(path)
    assert tuple(script.commands) == (("start", 9), ("stance Nobody yes", 12))
    assert [line for *_, line in script.participants] == [3, 4]
    library, _ = build_library([])
    with pytest.raises(ScriptError) as error:
        run_script(script, library, [])
    assert str(error.value).startswith(f"{path}:12: ")


def test_an_unknown_key_and_a_syntax_error_name_their_lines(tmp_path):
    """Errors in the script's shape and its YAML point at the line to fix."""
    with pytest.raises(ScriptError) as error:
        load_script(write(tmp_path, "protocol: quick-decision\ncommands: []\nspeed: 2\n"))
    assert str(error.value).startswith(f"{tmp_path / 's.yaml'}:3: `speed` is not a script key")
    with pytest.raises(ScriptError) as error:
        load_script(write(tmp_path, "protocol: quick-decision\ncommands:\n  - [start\n"))
    assert ":4: this is not valid YAML" in str(error.value) or \
        ":3: this is not valid YAML" in str(error.value)
    with pytest.raises(ScriptError) as error:
        load_script(write(tmp_path, "protocol: x\ncommands:\n  - start\n  - 42\n"))
    assert str(error.value).startswith(f"{tmp_path / 's.yaml'}:4: a command is one string")


def test_anchors_nested_mappings_and_their_lines():
    """An alias repeats its anchor's value; a nested mapping keeps the lines of its keys."""
    data, lines = load("a: &x one\nb: *x\nc:\n  d: 2\n  e: [yes, *x]\n")
    assert data == {"a": "one", "b": "one", "c": {"d": 2, "e": ["yes", "one"]}}
    assert lines.of(data, "c") == 3 and lines.of(data["c"], "e") == 5
