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
