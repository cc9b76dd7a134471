"""Shared helpers for protocol tests: load text, and find where a token was written."""

from __future__ import annotations

from facilitator.errors import Problem
from facilitator.protocols.loader import build_library

FILE = "p.yaml"

# Exactly as written in the spec, "A protocol".
QUICK_DECISION = """\
version: 1
protocols:
  quick-decision:
    title: {en: Quick decision, es: Decisión rápida}   # required; see "Languages"
    summary:
      en: Discuss briefly, then test for agreement.
      es: Un debate breve, y después vemos si hay acuerdo.
    roles:                                   # who must be named before start
      presenter: {}
    confidential: false    # true: nothing said inside reaches the minutes except
                           # records marked `public: true`
    steps:                 # required, at least one
      - id: discuss
        kind: discussion
        title: {en: Discuss, es: Debate}
        prompt: "{proposal}"
        time: 10m
      - id: test
        kind: decide
        title: {en: Test, es: Prueba de acuerdo}
        scale: consensus
        rule: {max_stand_asides: 1}
        attempts: 2
        on: {passed: write-up, blocked: discuss, failed: discuss, exhausted: end}
      - id: write-up
        kind: record
        title: {en: Write up, es: Registrar la decisión}
        type: decision
"""

# Exactly as written in the spec, "Scales" (a file needs `version` and `protocols` too).
CONSENSUS_BLOCK = """\
scales:
  consensus:                                   # built-in
    - {key: agree, label: Agree, support: true}
    - {key: reservations, label: Agree with reservations, support: true, reason: optional}
    - {key: stand_aside, label: Stand aside, support: null, reason: required}
    - {key: block, label: Block, support: false, veto: true, reason: required}
"""


def at(text: str, token: str, nth: int = 0) -> str:
    """`p.yaml:LINE:COL:` of the `nth` occurrence of `token` in `text` (1-based)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(token, start + 1)
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return f"{FILE}:{line}:{col}:"


def problems(text: str, *, include_builtin: bool = True) -> list[Problem]:
    return build_library([(FILE, text)], include_builtin=include_builtin)[1]


def lines(text: str, **kwargs: bool) -> list[str]:
    return [str(p) for p in problems(text, **kwargs)]


def one(text: str, **kwargs: bool) -> str:
    """The only problem of `text`, as `FILE:LINE:COL: message`."""
    found = lines(text, **kwargs)
    assert len(found) == 1, found
    return found[0]
