"""Scripts that once gave a traceback or were misread: each is refused with
`SCRIPT:LINE: sentence` and exit code 1 (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.cli import main


def simulate(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> tuple[int, str]:
    script = tmp_path / "s.yaml"
    script.write_bytes(data)
    code = main(["simulate", str(script), "--format", "txt"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.err.strip().replace(str(script), "s.yaml")


def test_participants_given_as_one_name_is_not_split_into_letters(tmp_path, capsys) -> None:
    code, err = simulate(tmp_path, capsys,
                         b"protocol: check-in\nparticipants: Ana\ncommands: [start]\n")
    assert code == 1
    assert err == ("s.yaml:2: `participants` is a list of names or {name, pronouns}, like "
                   "`[Ana, Ben]`.")


def test_participants_given_as_a_number_is_refused(tmp_path, capsys) -> None:
    code, err = simulate(tmp_path, capsys,
                         b"protocol: check-in\nparticipants: 5\ncommands: [start]\n")
    assert code == 1 and err.startswith("s.yaml:2: `participants` is a list")


def test_a_script_in_latin_1_names_the_line(tmp_path, capsys) -> None:
    code, err = simulate(tmp_path, capsys,
                         b"protocol: check-in\ncommands: [start]\ntitle: caf\xe9\n")
    assert (code, err) == (1, "s.yaml:3: the script is not UTF-8 text; save it as UTF-8.")


def test_a_script_in_utf_16_is_named_as_such(tmp_path, capsys) -> None:
    code, err = simulate(tmp_path, capsys,
                         "protocol: check-in\ncommands: [start]\n".encode("utf-16"))
    assert (code, err) == (1, "s.yaml:1: the script is UTF-16 text; save it as UTF-8.")


def test_a_utf_8_byte_order_mark_is_fine(tmp_path, capsys) -> None:
    code, _ = simulate(tmp_path, capsys, "\ufeffprotocol: check-in\n"
                       "participants: [Ana]\ncommands: [start, end]\n".encode())
    assert code == 0


def test_3000_deep_nesting_is_refused(tmp_path, capsys) -> None:
    text = "protocol: check-in\ncommands: " + "[" * 3000 + "]" * 3000 + "\n"
    code, err = simulate(tmp_path, capsys, text.encode())
    assert code == 1
    assert err == ("s.yaml:1: the YAML is nested too deeply to read; a script is a mapping "
                   "of a few keys and a list of command lines.")


def test_a_wait_beyond_any_clock_is_refused_at_its_line(tmp_path, capsys) -> None:
    code, err = simulate(tmp_path, capsys, b"protocol: check-in\nparticipants: [Ana, Ben]\n"
                         b"commands:\n  - start\n  - wait 99999999999999999h\n  - end\n")
    assert code == 1
    assert err == "s.yaml:5: `99999999999999999h` is too long; give at most a week, like `168h`."


def test_a_lone_surrogate_is_refused_at_its_line(tmp_path, capsys) -> None:
    code, err = simulate(tmp_path, capsys, b'protocol: check-in\nparticipants: [Ana]\n'
                         b'commands:\n  - start\n  - "note \\ud800"\n')
    assert code == 1 and err.startswith("s.yaml:5: this text holds a lone surrogate")


def test_a_number_of_thousands_of_digits_is_refused(tmp_path, capsys) -> None:
    code, err = simulate(tmp_path, capsys,
                         b"protocol: check-in\ntitle: " + b"9" * 5000 + b"\ncommands: []\n")
    assert code == 1 and "thousands of digits" in err and "int_max_str_digits" not in err


@pytest.mark.parametrize(("position", "said"), [
    ("9" * 5000, None),  # past the end is the end, not Python's int limit
    ("²", "s.yaml:7: `²` is not a position; 1 is the next item, as in `move 'Tea' 1`."),
], ids=["5000 digits", "superscript two"])
def test_move_to_an_odd_position(tmp_path, capsys, position: str, said: str | None) -> None:
    code, err = simulate(tmp_path, capsys, (
        "protocol: weekly-meeting\nparticipants: [Ana]\nroles: {facilitator: Ana}\n"
        f'commands:\n  - "item Tea"\n  - "item Cake"\n  - "move Tea {position}"\n').encode())
    assert (code, err or None) == ((1, said) if said else (0, None))


@pytest.mark.parametrize("key", ["title", "protocol"])
def test_a_hex_number_of_ten_thousand_digits_is_refused(tmp_path, capsys, key: str) -> None:
    other = "protocol: check-in" if key == "title" else "title: T"
    code, err = simulate(tmp_path, capsys, (
        f"{other}\n{key}: 0x{'9' * 10_000}\ncommands: []\n").encode())
    assert (code, err) == (1, "s.yaml:2: a number this long cannot be a name, a role or a "
                              "title; write text.")


@pytest.mark.parametrize("position", ["abcdefghijk", "0", "00000000000"])
def test_move_to_no_position_is_refused(tmp_path, capsys, position: str) -> None:
    code, err = simulate(tmp_path, capsys, (
        "protocol: weekly-meeting\nparticipants: [Ana]\nroles: {facilitator: Ana}\n"
        f'commands:\n  - "item Tea"\n  - "item Cake"\n  - "move Tea {position}"\n').encode())
    assert (code, err) == (1, f"s.yaml:7: `{position}` is not a position; 1 is the next item, "
                              "as in `move 'Tea' 1`.")
