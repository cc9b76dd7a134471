"""`facilitator protocols init`: a starter protocols.yaml that validates, never overwriting."""

from __future__ import annotations

import argparse

from facilitator.commands.library_init import add_init_parser, init, starter_text
from facilitator.protocols.loader import build_library


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="facilitator protocols")
    add_init_parser(parser.add_subparsers())
    return parser.parse_args(list(argv))


def test_the_starter_validates_without_errors_or_warnings() -> None:
    """The starter text loads on top of the built-in library with no problem."""
    library, problems = build_library([("starter.yaml", starter_text())])
    assert [str(p) for p in problems] == []
    assert library.protocol("our-meeting") is not None


def test_the_starter_points_editors_at_the_schema() -> None:
    """Its first line is a yaml-language-server modeline, and it says how to make the file."""
    text = starter_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=protocols.schema.json"
    assert "facilitator schema > protocols.schema.json" in text


def test_init_writes_the_starter_into_the_group(tmp_path, capsys) -> None:
    """`init --group DIR` creates the folder and writes protocols.yaml there."""
    args = _parse("init", "--group", str(tmp_path / "co-op"))
    assert args.func is init
    assert init(args) == 0
    written = tmp_path / "co-op" / "protocols.yaml"
    assert written.read_text(encoding="utf-8") == starter_text()
    assert str(written) in capsys.readouterr().out


def test_init_uses_the_group_from_the_environment(tmp_path, monkeypatch) -> None:
    """Without --group, FACILITATOR_GROUP names the folder."""
    monkeypatch.setenv("FACILITATOR_GROUP", str(tmp_path / "env-group"))
    assert init(_parse("init")) == 0
    assert (tmp_path / "env-group" / "protocols.yaml").is_file()


def test_init_refuses_to_overwrite_with_a_sentence(tmp_path, capsys) -> None:
    """An existing protocols.yaml is left alone; exit 1 and one sentence on stderr."""
    (tmp_path / "protocols.yaml").write_text("version: 1\nprotocols: {}\n", encoding="utf-8")
    assert init(_parse("init", "--group", str(tmp_path))) == 1
    assert (tmp_path / "protocols.yaml").read_text(encoding="utf-8") == (
        "version: 1\nprotocols: {}\n")
    err = capsys.readouterr().err.strip()
    assert "already exists" in err and err.endswith(".") and "\n" not in err
