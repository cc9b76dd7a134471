"""docs/protocols.md stays true: its diagrams are what `show --mermaid` draws, and its
worked example validates and runs as the page says."""

from __future__ import annotations

import re

import pytest
from library_helpers import REPO, airtime, builtin

from facilitator.protocols.describe import mermaid
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.script import load_script, run_script

GUIDE = REPO / "docs" / "protocols.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def example(marker: str) -> str:
    found = [b for b in blocks("yaml") if marker in b]
    assert len(found) == 1, marker
    return found[0]


@pytest.mark.parametrize("protocol_id", sorted(builtin()[0].protocols))
def test_every_built_in_protocol_has_its_diagram_in_the_guide(protocol_id: str) -> None:
    """The guide holds exactly the Mermaid chart `facilitator show ID --mermaid` prints."""
    library, _ = builtin()
    assert mermaid(library.protocol(protocol_id)) in blocks("mermaid")
    assert f"\n### {protocol_id}\n" in GUIDE.read_text(encoding="utf-8")


def test_the_worked_example_validates_without_problems() -> None:
    """The skill-share protocol from the guide loads with no error and no warning."""
    _library, problems = build_library([("skill-share.yaml", example("skill-share:\n"))])
    assert [str(p) for p in problems] == []


def test_the_worked_example_runs_as_the_guide_says(tmp_path) -> None:
    """Five steps, Dee's action, and the airtime the guide quotes."""
    text = example("skill-share:\n")
    script = tmp_path / "skill-share.script.yaml"
    script.write_text(example("protocol: skill-share\n"), encoding="utf-8")
    sources = [builtin_source(), ("protocols.yaml", text)]
    library, _ = build_library(sources, include_builtin=False)
    live = run_script(load_script(script), library, sources)
    minutes = live.minutes()
    live.close()
    assert [(s["step"], s["duration_s"]) for s in minutes["steps"]] == [
        ("teach", 720), ("questions", 150), ("practice", 1200), ("takeaways", 120),
        ("next-time", 0)]
    assert minutes["actions"] == [{"what": "Teach how to adjust brake pads", "owner": "Dee",
                                   "due": "2026-02-14"}]
    assert airtime(minutes) == {"Ana": (40, 1), "Ben": (90, 2), "Cy": (720, 1),
                                "Dee": (140, 2)}
    assert mermaid(library.protocol("skill-share")) in blocks("mermaid")
