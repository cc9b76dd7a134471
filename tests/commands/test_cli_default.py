"""`facilitator` with no command, or with options only, opens the meeting picker."""

from __future__ import annotations

import facilitator.ui.launch as launch
from facilitator.cli import main


def test_options_alone_open_the_picker_of_that_group(tmp_path, monkeypatch):
    seen = {}

    def fake_run(library, sources, group, **options):
        seen.update(group=group.path, **options)
        return 0

    monkeypatch.setattr(launch, "run", fake_run)
    assert main(["--group", str(tmp_path / "g")]) == 0
    assert seen["group"] == tmp_path / "g" and seen["protocol"] is None
    assert main([]) == 0  # the default group


def test_the_groups_own_protocols_are_offered(tmp_path, capsys, monkeypatch):
    (tmp_path / "protocols.yaml").write_text(
        "version: 1\nprotocols:\n  skill-share:\n    title: Skill share\n"
        "    steps: [{id: r, kind: round}]\n")
    monkeypatch.setenv("FACILITATOR_GROUP", str(tmp_path))
    assert main(["protocols"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["skill-share", "Skill", "share"] in rows


def test_version_prints_the_package_version(capsys) -> None:
    import pytest

    from facilitator import __version__

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"facilitator {__version__}\n"


def test_every_command_help_is_phrased_alike() -> None:
    """Each command's line in `facilitator -h` starts in lower case and has no full stop,
    like `run  run a meeting in the terminal`."""
    import argparse

    from facilitator.cli import build_parser

    [commands] = [a for a in build_parser()._actions
                  if isinstance(a, argparse._SubParsersAction)]
    helps = {a.dest: a.help for a in commands._choices_actions}
    assert len(helps) >= 18
    odd = {name: text for name, text in helps.items()
           if not text or text[0].isupper() or text.endswith(".")}
    assert odd == {}


def test_the_package_metadata_names_its_licence_and_bounds_textual() -> None:
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert (root / "LICENSE").read_text().startswith("MIT License\n")
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert project["authors"] and project["classifiers"]
    [textual] = [d for d in project["dependencies"] if d.startswith("textual")]
    floor, cap = textual.removeprefix("textual").split(",")
    assert floor.startswith(">=") and cap.startswith("<")
    from importlib.metadata import version

    major = int(version("textual").split(".")[0])
    assert int(floor[2:].split(".")[0]) <= major < int(cap[1:])
