"""Whatever the input, loading gives Problems, never a traceback (and never an internal error)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.engine.steps import KINDS
from facilitator.protocols import schema
from facilitator.protocols.describe import mermaid, outline
from facilitator.protocols.loader import build_library

KEYS = sorted({*schema.FILE_KEYS, *schema.PROTOCOL_KEYS, *schema.COMMON_STEP_KEYS,
               *(k for kind in KINDS.values() for k in kind.keys), *schema.RULE_KEYS,
               *schema.ITEM_KEYS, *schema.OPTION_KEYS, *schema.ROLE_KEYS, "not", "x", "a", "b",
               "done", "passed", "blocked"})
WORDS = [*KEYS, "end", "ask", "text", "consensus", "quick-decision", "2m", "1m30s", "2/3",
         "75%", "yes", "on", "{role.x}", "{proposal}", *KINDS, "round",
         "discussion", "turn", "decide", "record", "choose", "agenda", "use", "review", "pause"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 12), st.floats(allow_nan=False),
                    st.sampled_from(WORDS), st.text(max_size=8))
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=6))
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)
steps = st.lists(st.dictionaries(keys, values, max_size=6).map(
    lambda d: {"id": "a", "kind": "decide", **d}), max_size=4)
files = st.one_of(
    values,
    st.builds(lambda ps, sc: {"version": 1, "scales": sc, "protocols": ps},
              st.dictionaries(st.sampled_from(["a", "b", "quick-decision", "X"]),
                              st.builds(lambda s, t: {"title": t, "steps": s}, steps, values),
                              max_size=3),
              st.dictionaries(st.sampled_from(["consensus", "s"]), values, max_size=2)),
)


def _check(text: str) -> None:
    library, problems = build_library([("f.yaml", text)])
    for problem in problems:
        assert problem.file == "f.yaml" or problem.file.endswith("protocols.yaml")
        assert problem.line >= 1 and problem.col >= 1
        assert "\n" not in problem.message
        assert "internal error" not in problem.message, problem
    if not any(not p.warning for p in problems):
        for protocol in library.protocols.values():
            outline(protocol)
            mermaid(protocol)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text_gives_only_problems(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files)
def test_random_yaml_structures_give_only_problems(data: Any) -> None:
    _check(json.dumps(data))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["version: 1\n", "protocols:\n", "  p:\n", "    title: T\n",
                                 "    steps:\n", "      - id: a\n", "        kind: turn\n",
                                 "        on: {yes: end}\n", "  - [\n", "    roles: {a: 1}\n",
                                 "        speaker: x\n", "      - kind: use\n", "\t", "&a ",
                                 "*a\n", "? \n", "scales: {s: [{key: 0}]}\n", "!!int x\n"]),
                max_size=12))
def test_broken_line_mixtures_give_only_problems(parts: list[str]) -> None:
    _check("".join(parts))
