"""Every complete example of docs/protocol-language.md loads, validates and behaves as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library
from facilitator.script import load_script, run_script

SPEC = Path(__file__).parents[2] / "docs" / "protocol-language.md"


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)


def block(marker: str) -> str:
    found = [b for b in yaml_blocks() if marker in b]
    assert len(found) == 1, marker
    return found[0]


def test_quick_decision_example_loads_without_problems():
    """The spec's quick-decision protocol loads with no error and no warning."""
    library, problems = build_library([("spec.yaml", block("quick-decision:\n"))])
    assert [p for p in problems if p.file == "spec.yaml"] == []
    protocol = library.protocol("quick-decision")
    assert [s.id for s in protocol.steps] == ["discuss", "test", "write-up"]
    assert protocol.steps[1].attempts == 2
    assert protocol.steps[1].rule.max_stand_asides == 1
    assert protocol.steps[0].time == 600
    assert list(protocol.roles) == ["presenter"]


def test_consensus_scale_example_is_the_builtin_scale():
    """The spec's consensus block, loaded as a file's scales, equals the built-in scale."""
    text = "version: 1\n" + block("consensus:  ") + "protocols: {}\n"
    library, problems = build_library([("scales.yaml", text)], include_builtin=False)
    assert [p for p in problems if not p.warning] == []
    from facilitator.protocols.scales import CONSENSUS

    loaded = library.scale("consensus")
    assert [(o.key, o.support, o.veto, o.reason) for o in loaded.options] == [
        (o.key, o.support, o.veto, o.reason) for o in CONSENSUS.options]


def test_script_example_gives_the_minutes_the_spec_describes(tmp_path):
    """One decision passed at attempt 1 with the tally, Cy's reason, airtime 120/60, 3 present."""
    (tmp_path / "protocols.yaml").write_text(block("quick-decision:\n"))
    (tmp_path / "script.yaml").write_text(block("protocol: quick-decision\n"))
    library, _ = build_library([("p.yaml", block("quick-decision:\n"))])
    live = run_script(load_script(tmp_path / "script.yaml"), library, [])
    minutes = live.minutes()
    assert [d["outcome"] for d in minutes["decisions"]] == ["passed"]
    decision = minutes["decisions"][0]
    assert decision["attempt"] == 1
    assert decision["tally"] == {"agree": 2, "stand_aside": 1}
    assert decision["recorded"] is True
    assert decision["proposal"] == "Open the tool library on Saturdays"
    cy = next(s for s in decision["stances"] if s["name"] == "Cy")
    assert cy["reason"] == "I can't help on Saturdays"
    airtime = {a["name"]: a["seconds"] for a in minutes["airtime"]}
    assert airtime["Ben"] == 120 and airtime["Cy"] == 60 and airtime["Ana"] == 0
    assert [p["name"] for p in minutes["attendance"]] == ["Ana", "Ben", "Cy"]
    assert [p["pronouns"] for p in minutes["attendance"]] == ["she/her", "", "they/them"]
    assert minutes["roles"] == {"facilitator": "Ana", "presenter": "Ben"}


def test_simulate_prints_the_spec_minutes_json(tmp_path, capsys):
    """`facilitator simulate` prints minutes JSON with every key the spec lists."""
    (tmp_path / "p.yaml").write_text(block("quick-decision:\n"))
    (tmp_path / "s.yaml").write_text(block("protocol: quick-decision\n"))
    assert main(["simulate", str(tmp_path / "s.yaml"), "--protocols", str(tmp_path / "p.yaml"),
                 "--format", "json"]) == 0
    minutes = json.loads(capsys.readouterr().out)
    for key in ("meeting", "attendance", "roles", "steps", "decisions", "actions", "agreements",
                "notes", "airtime", "overrides"):
        assert key in minutes
    assert set(minutes["meeting"]) >= {"id", "title", "protocol", "started_at", "ended_at",
                                       "duration_s"}
    assert minutes["meeting"]["duration_s"] == 180
    assert set(minutes["steps"][0]) >= {"protocol", "step", "kind", "title", "started_s",
                                        "duration_s", "outcome", "overrun_s"}
    assert [s["outcome"] for s in minutes["steps"]] == ["done", "passed", "done"]


def test_refused_script_command_names_its_line(tmp_path, capsys):
    """A refused command stops simulate with exit 1 and `SCRIPT:LINE: why` on stderr."""
    script = block("protocol: quick-decision\n").replace("  - hand Cy\n", "  - hand Dee\n")
    (tmp_path / "s.yaml").write_text(script)
    assert main(["simulate", str(tmp_path / "s.yaml")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    line = script.splitlines().index("  - hand Dee") + 1
    assert err == [f"{tmp_path / 's.yaml'}:{line}: Dee is not here; add them with `join Dee`."]


def test_fake_clock_refuses_to_go_backwards():
    clock = FakeClock()
    try:
        clock.advance(-1)
    except ValueError:
        return
    raise AssertionError("the clock went backwards")
