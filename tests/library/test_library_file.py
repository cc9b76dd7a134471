"""The built-in library: it validates cleanly, has what the issue asked for, and ships."""

from __future__ import annotations

import re

from library_helpers import REPO, SCRIPTS, builtin

from facilitator.protocols.loader import build_library, builtin_source

ASKED_FOR = {
    "check-in", "check-out", "appreciations", "capacity-check", "discussion",
    "quick-decision", "formal-consensus", "consent", "idm", "fist-to-five", "gradients",
    "mediation", "process-review", "feedback", "weekly-meeting", "general-assembly",
}


def test_protocols_yaml_validates_without_errors_or_warnings() -> None:
    """protocols.yaml loads with no problem at all, not even a warning."""
    file, text = builtin_source()
    _library, problems = build_library([(file, text)], include_builtin=False)
    assert [str(p) for p in problems] == []


def test_the_library_has_every_protocol_asked_for() -> None:
    """Every protocol the issue names is there, each with a title and a summary."""
    library, _ = builtin()
    assert ASKED_FOR <= set(library.protocols)
    for protocol in library.protocols.values():
        assert protocol.title and protocol.summary, protocol.id


def test_every_built_in_protocol_has_a_script() -> None:
    """Each protocol of the library is run start to end by tests/library/scripts/ID.yaml."""
    library, _ = builtin()
    assert set(library.protocols) <= {p.stem for p in SCRIPTS.glob("*.yaml")}


def test_quick_decision_is_the_spec_example_exactly() -> None:
    """The built-in quick-decision equals the spec's example, step for step."""
    spec = (REPO / "docs" / "protocol-language.md").read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"```yaml\n(.*?)```", spec, re.DOTALL)
                   if "quick-decision:\n" in b)
    from_spec, problems = build_library([("spec.yaml", example)], include_builtin=False)
    assert problems == []
    library, _ = builtin()
    assert library.protocol("quick-decision") == from_spec.protocol("quick-decision")


def test_prompts_are_plain_sentences() -> None:
    """Prompts name people by role or placeholder, never by the engine's command syntax."""
    library, _ = builtin()
    for protocol in library.protocols.values():
        for step in protocol.steps:
            assert "`" not in step.prompt, (protocol.id, step.id)
            assert not re.search(r"\{(?!proposal\}|item\}|speaker\}|principles\}|suggestions\}|role\.)", step.prompt), (
                protocol.id, step.id)


def test_the_mediator_stands_outside_the_dispute() -> None:
    """mediation keeps the mediator apart from both parties with `not`."""
    library, _ = builtin()
    roles = library.protocol("mediation").roles
    assert set(roles["mediator"].not_) == {"party_a", "party_b"}
    assert library.protocol("mediation").confidential is True
