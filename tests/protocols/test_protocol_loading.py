"""Loading protocol files: the spec's examples, YAML 1.2 strings, merging, reading files."""

from __future__ import annotations

import pathlib
from fractions import Fraction

import pytest
from protocol_helpers import CONSENSUS_BLOCK, FILE, QUICK_DECISION, at

from facilitator.errors import ProtocolError
from facilitator.protocols.loader import (
    build_library,
    builtin_source,
    load_library,
    parse_source,
)
from facilitator.protocols.model import Collect, Role, Rule
from facilitator.protocols.scales import BUILTIN_SCALES


def test_the_quick_decision_example_loads_exactly_as_written() -> None:
    """The spec's quick-decision protocol loads with no problem and means what it says."""
    library, problems = build_library([("spec.yaml", QUICK_DECISION)], include_builtin=False)
    assert problems == []
    protocol = library.protocol("quick-decision")
    assert protocol is not None
    assert protocol.title == "Quick decision"
    assert protocol.summary == "Discuss briefly, then test for agreement."
    assert dict(protocol.roles) == {"presenter": Role("presenter")}
    assert protocol.confidential is False
    discuss, test, write_up = protocol.steps
    assert (discuss.id, discuss.kind, discuss.prompt, discuss.time) == (
        "discuss", "discussion", "{proposal}", 600)
    assert (test.kind, test.scale, test.rule, test.attempts) == (
        "decide", "consensus", Rule(max_stand_asides=1), 2)
    assert dict(test.on) == {"passed": "write-up", "blocked": "discuss", "failed": "discuss",
                             "exhausted": "end"}
    assert (write_up.kind, write_up.type) == ("record", "decision")
    assert protocol.route(1, "no_quorum") == "write-up"
    assert protocol.route(2, "done") == "end"


def test_the_builtin_library_holds_the_quick_decision_example() -> None:
    """The shipped protocols.yaml loads cleanly and its quick-decision is the spec's."""
    library, problems = build_library([])
    assert [p for p in problems if not p.warning] == []
    spec, _ = build_library([("spec.yaml", QUICK_DECISION)], include_builtin=False)
    assert library.protocol("quick-decision") == spec.protocol("quick-decision")


def test_the_consensus_scale_block_loads_as_the_builtin_scale() -> None:
    """The spec's consensus block gives the same options as the built-in scale."""
    text = "version: 1\nprotocols: {}\n" + CONSENSUS_BLOCK
    _protocols, scales, problems = parse_source(text, "scales.yaml")
    assert problems == []
    loaded, builtin = scales["consensus"], BUILTIN_SCALES["consensus"]
    fields = [(o.key, o.label, o.support, o.veto, o.reason) for o in loaded.options]
    assert fields == [(o.key, o.label, o.support, o.veto, o.reason) for o in builtin.options]


def test_yes_no_on_off_stay_strings() -> None:
    """YAML 1.1 booleans are text here: as values, as keys, as scale keys and labels."""
    text = """\
version: 1
scales:
  yesno:
    - {key: yes, label: no}
    - {key: off, label: on}
protocols:
  p:
    title: yes
    steps:
      - id: pick
        kind: choose
        options: {yes: end, no: end, on: end, off: end}
        on: {yes: end}
      - id: check
        kind: round
        collect: {ready: [yes, no, on, off]}
"""
    library, problems = build_library([("f.yaml", text)], include_builtin=False)
    assert [p for p in problems if not p.warning] == []
    protocol = library.protocol("p")
    assert protocol is not None and protocol.title == "yes"
    assert list(protocol.steps[0].options) == ["yes", "no", "on", "off"]
    assert dict(protocol.steps[0].on) == {"yes": "end"}
    assert protocol.steps[1].collect == Collect("ready", ("yes", "no", "on", "off"))
    assert [(o.key, o.label) for o in library.scales["yesno"].options] == [
        ("yes", "no"), ("off", "on")]


def test_a_yaml_1_1_directive_does_not_bring_booleans_back() -> None:
    """`%YAML 1.1` in a file still reads `yes` as text."""
    text = "%YAML 1.1\n---\nversion: 1\nprotocols:\n  p: {title: yes, steps: [{id: a, kind: pause}]}\n"
    library, problems = build_library([("f.yaml", text)], include_builtin=False)
    assert problems == []
    assert library.protocols["p"].title == "yes"


def test_values_of_every_kind_are_read() -> None:
    """Durations, fractions, enums, collect, items and roles become model values."""
    text = """\
version: 1
protocols:
  p:
    title: P
    roles: {party_a: {}, mediator: {count: 2, not: [party_a]}}
    steps:
      - {id: r, kind: round, order: reverse, time_per_speaker: 1m30s, think: 2m,
         collect: {answer: text}, private: true, allow_pass: false, every: 3}
      - {id: d, kind: discussion, policy: fifo, interjections: [clarify], hard: true,
         time: 1h15m, on: {timeout: t}}
      - {id: t, kind: turn, speaker: mediator, prompt: "{role.party_a} first"}
      - {id: v, kind: decide, rule: {quorum: 2/3, threshold: 75%}, reveal: open, scale: vote}
      - {id: a, kind: agenda, items: [{title: Budget, protocol: p, time: 15m, owner: Ana},
                                      Garden], default_protocol: p}
"""
    library, problems = build_library([(FILE, text)], include_builtin=False)
    errors = [str(p) for p in problems if not p.warning]
    cycle = at(text, "p, time: 15m")
    assert errors == [(f"{cycle} Protocol `p` runs itself through p -> p; a protocol "
                      "cannot use itself, directly or through others. Break the cycle.")]
    r, d, t, v, a = library.protocols["p"].steps
    assert (r.order, r.time_per_speaker, r.think, r.collect, r.private, r.allow_pass,
            r.every) == ("reverse", 90, 120, Collect("answer"), True, False, 3)
    assert (d.policy, d.interjections, d.hard, d.time) == ("fifo", ("clarify",), True, 4500)
    assert (t.speaker, t.prompt) == ("mediator", "{role.party_a} first")
    assert v.rule == Rule(quorum=Fraction(2, 3), threshold=Fraction(3, 4))
    assert [(i.title, i.protocol, i.time, i.owner) for i in a.items or ()] == [
        ("Budget", "p", 900, "Ana"), ("Garden", None, None, None)]
    assert library.protocols["p"].roles["mediator"] == Role("mediator", 2, ("party_a",))


def test_later_sources_override_earlier_ones_by_id() -> None:
    """Built-in first, then each source in order; scales override by id too."""
    first = "version: 1\nprotocols:\n  quick-decision: {title: Mine, steps: [{id: a, kind: pause}]}\n"
    second = ("version: 1\nscales:\n  vote: [{key: aye}]\nprotocols:\n"
              "  quick-decision: {title: Theirs, steps: [{id: a, kind: pause}]}\n"
              "  extra: {title: Extra, steps: [{id: a, kind: pause}]}\n")
    library, problems = build_library([("a.yaml", first), ("b.yaml", second)])
    assert problems == []
    assert library.protocols["quick-decision"].title == "Theirs"
    assert library.protocols["extra"].where.file == "b.yaml"
    assert library.scales["vote"].keys == ("aye",)
    assert library.scales["consent"] == BUILTIN_SCALES["consent"]
    library, _ = build_library([("b.yaml", second), ("a.yaml", first)])
    assert library.protocols["quick-decision"].title == "Mine"


def test_a_protocol_may_use_one_from_another_file() -> None:
    """Validation runs on the merged library."""
    used = "version: 1\nprotocols:\n  inner: {title: I, steps: [{id: a, kind: pause}]}\n"
    user = "version: 1\nprotocols:\n  outer: {title: O, steps: [{id: a, kind: use, protocol: inner}]}\n"
    _library, problems = build_library([("u.yaml", used), ("o.yaml", user)])
    assert problems == []


def test_builtin_scales_are_present_without_the_builtin_library() -> None:
    library, _ = build_library([], include_builtin=False)
    assert set(library.scales) == set(BUILTIN_SCALES)
    assert dict(library.protocols) == {}


def test_builtin_source_is_the_shipped_protocols_yaml() -> None:
    name, text = builtin_source()
    assert name.endswith("protocols.yaml")
    assert "quick-decision" in text


def test_load_library_reads_files_and_returns_warnings(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "p.yaml"
    text = ("version: 1\nprotocols:\n  x: {title: X, steps: [{id: a, kind: pause, "
            "next: end}, {id: b, kind: pause}]}\n")
    path.write_text(text, encoding="utf-8")
    library, warnings = load_library([path])
    assert "x" in library.protocols and "quick-decision" in library.protocols
    assert [w.warning for w in warnings] == [True]
    place = at(text, "{id: b").replace(FILE, str(path))
    assert str(warnings[0]).startswith(f"{place} warning: Step `b`")


def test_load_library_raises_with_every_problem(tmp_path: pathlib.Path) -> None:
    """An unreadable file is a Problem too, reported with the others, never a traceback."""
    bad = tmp_path / "bad.yaml"
    bad_text = "version: 1\nprotocols:\n  x: {title: X, steps: [{id: a, kind: nap}]}\n"
    bad.write_text(bad_text, encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ProtocolError) as caught:
        load_library([bad, missing, binary, tmp_path])
    text = [str(p) for p in caught.value.problems]
    assert text[0].startswith(f"{missing}:1:1: This file cannot be read")
    assert text[1] == f"{binary}:1:1: This file is not UTF-8 text; save it as UTF-8."
    assert text[2].startswith(f"{tmp_path}:1:1: This file cannot be read")
    place = at(bad_text, "nap").replace(FILE, str(bad))
    assert text[3].startswith(f"{place} `nap` is not a step kind")
    assert len(text) == 4
