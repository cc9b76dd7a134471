"""Outlines and Mermaid flowcharts show every step and every route."""

from __future__ import annotations

from protocol_helpers import QUICK_DECISION

from facilitator.protocols.describe import mermaid, outline
from facilitator.protocols.loader import build_library
from facilitator.protocols.model import Protocol


def _quick_decision() -> Protocol:
    library, _ = build_library([("spec.yaml", QUICK_DECISION)], include_builtin=False)
    protocol = library.protocol("quick-decision")
    assert protocol is not None
    return protocol


def test_outline_lists_steps_with_kind_time_and_routes() -> None:
    assert outline(_quick_decision()) == """\
Quick decision (quick-decision)
Discuss briefly, then test for agreement.
Roles: presenter

1. Discuss [discussion, 10m, policy progressive] (discuss)
     prompt: {proposal}
     done -> test
2. Test [decide, scale consensus, 2 attempts] (test)
     passed -> write-up
     blocked -> discuss
     failed -> discuss
     exhausted -> end
     otherwise -> write-up
3. Write up [record, decision] (write-up)
     done -> end
"""


def test_mermaid_is_a_flowchart_with_an_end_node_and_labelled_edges() -> None:
    assert mermaid(_quick_decision()) == """\
flowchart TD
    start(["Start"])
    s0["Discuss<br/>discussion"]
    s1["Test<br/>decide"]
    s2["Write up<br/>record"]
    finish(["End"])
    start --> s0
    s0 -->|"done"| s1
    s1 -->|"passed, otherwise"| s2
    s1 -->|"blocked, failed"| s0
    s1 -->|"exhausted"| finish
    s2 -->|"done"| finish
"""


def test_mermaid_escapes_quotes_in_labels() -> None:
    text = ('version: 1\nprotocols:\n  p:\n    title: P\n    steps:\n'
            '      - {id: a, kind: choose, title: \'Say "go" <now>\', options: {"a \\"b\\"": end}}\n')
    library, problems = build_library([("f.yaml", text)], include_builtin=False)
    assert problems == []
    chart = mermaid(library.protocols["p"])
    assert 's0["Say #quot;go#quot; #lt;now#gt;<br/>choose"]' in chart
    assert 's0 -->|"a #quot;b#quot;, otherwise"| finish' in chart
