"""`facilitator validate | protocols | show | schema` as a person runs them."""

from __future__ import annotations

import json
import pathlib

import pytest

from facilitator.cli import main

GOOD = "version: 1\nprotocols:\n  check-in: {title: Check-in, steps: [{id: r, kind: round}]}\n"
WARNS = ("version: 1\nprotocols:\n  w: {title: W, steps: [{id: a, kind: pause, next: end}, "
         "{id: b, kind: pause}]}\n")
BAD = "version: 1\nprotocols:\n  x: {title: X, steps: [{id: a, kind: nap, time: soon}]}\n"


def _at(path: pathlib.Path, text: str, token: str) -> str:
    """`PATH:LINE:COL:` where `token` first appears in `text`."""
    start = text.index(token)
    line = text.count("\n", 0, start) + 1
    return f"{path}:{line}:{start - text.rfind(chr(10), 0, start)}:"


def _listing(out: str) -> dict[str, str]:
    """`protocols` output as id -> title."""
    return {line.split()[0]: line.split(None, 1)[1] for line in out.splitlines()}


def _file(tmp_path: pathlib.Path, name: str, text: str) -> pathlib.Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_group(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACILITATOR_GROUP", raising=False)


def test_validate_says_ok_per_good_file(tmp_path: pathlib.Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    good = _file(tmp_path, "good.yaml", GOOD)
    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: ok\n"


def test_validate_prints_every_problem_and_exits_1(tmp_path: pathlib.Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    good = _file(tmp_path, "good.yaml", GOOD)
    bad = _file(tmp_path, "bad.yaml", BAD)
    assert main(["validate", str(bad), str(good)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{_at(bad, BAD, 'nap')} `nap` is not a step kind")
    assert out[1].startswith(f"{_at(bad, BAD, 'soon')} `time`: `soon` is not a duration")
    assert out[2:] == [f"{good}: ok"]


def test_validate_with_warnings_alone_exits_0(tmp_path: pathlib.Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, "w.yaml", WARNS)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{_at(path, WARNS, '{id: b')} warning: Step `b` of protocol `w` "
                             "cannot be reached")
    assert out[1] == f"{path}: ok"


def test_validate_reports_a_missing_file(tmp_path: pathlib.Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.yaml"
    assert main(["validate", str(missing)]) == 1
    assert capsys.readouterr().out.startswith(f"{missing}:1:1: This file cannot be read")


def test_protocols_lists_builtin_group_and_given_files(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The group's protocols.yaml comes before --protocols files; FACILITATOR_GROUP is the default."""
    group = tmp_path / "group"
    group.mkdir()
    _file(group, "protocols.yaml", GOOD.replace("Check-in", "Group check-in"))
    extra = _file(tmp_path, "extra.yaml", GOOD)
    assert main(["protocols", "--group", str(group)]) == 0
    listing = _listing(capsys.readouterr().out)
    assert listing["check-in"] == "Group check-in"
    assert listing["quick-decision"] == "Quick decision"
    assert list(listing) == sorted(listing)
    monkeypatch.setenv("FACILITATOR_GROUP", str(group))
    assert main(["protocols", "--protocols", str(extra)]) == 0
    assert _listing(capsys.readouterr().out)["check-in"] == "Check-in"


def test_protocols_with_a_broken_file_fails_with_its_problems(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _file(tmp_path, "bad.yaml", BAD)
    assert main(["protocols", "--protocols", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{_at(bad, BAD, 'nap')} `nap` is not a step kind" in captured.err


def test_show_prints_an_outline_or_a_mermaid_chart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "quick-decision"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Quick decision (quick-decision)\n")
    assert "     exhausted -> end\n" in out
    assert main(["show", "quick-decision", "--mermaid"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("```mermaid\nflowchart TD\n")
    assert '    s1 -->|"exhausted"| finish\n' in out


def test_show_an_unknown_protocol_is_one_sentence_on_stderr(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "quick"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("facilitator: There is no protocol `quick`; choose one of ")
    assert captured.err.count("\n") == 1


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
