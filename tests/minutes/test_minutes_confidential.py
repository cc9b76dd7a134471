"""Confidential protocols and steps, and private rounds, never reach any format."""

from __future__ import annotations

import email
import json
from email.message import Message
from pathlib import Path

import pytest
from minutes_scripts import script_meeting, script_minutes, write_script

from facilitator.minutes import FORMATS, render

PROTOCOLS = """\
version: 1
protocols:
  secrets:
    title: Secrets
    steps:
      - id: check-in
        kind: round
        private: true
        collect: {answer: text}
      - id: open-talk
        kind: discussion
      - id: closed-talk
        kind: discussion
        confidential: true
      - id: closed-test
        kind: decide
        confidential: true
        on: {blocked: closed-record, passed: closed-record}
      - id: closed-record
        kind: record
        type: action
        confidential: true
      - id: inner
        kind: use
        protocol: hush
      - id: check-out
        kind: round
        private: true
        collect: {mood: [sunny, stormy-secret-mood]}
  hush:
    title: Hush
    confidential: true
    steps:
      - id: talk
        kind: discussion
"""

SCRIPT = """\
protocol: secrets
title: A meeting with secrets
participants: [Ana, Ben]
commands:
  - start
  - collect Ana "SECRET-ROUND-ANSWER"
  - next
  - pass
  - advance
  - note PUBLIC-NOTE-OK
  - advance
  - note SECRET-STEP-NOTE
  - record note SECRET-STEP-RECORD
  - propose SECRET-PROPOSAL
  - advance
  - stance Ana agree
  - stance Ben block "SECRET-BLOCK-REASON"
  - advance
  - record action SECRET-ACTION Ana
  - record agreement SECRET-AGREEMENT Ana Ben
  - advance
  - note SECRET-PROTOCOL-NOTE
  - record decision SECRET-PROTOCOL-DECISION
  - advance
  - collect Ana stormy-secret-mood
  - next
  - next
  - advance
  - end
"""

SECRETS = ["SECRET-ROUND-ANSWER", "SECRET-STEP-NOTE", "SECRET-STEP-RECORD", "SECRET-PROPOSAL",
           "SECRET-BLOCK-REASON", "SECRET-ACTION", "SECRET-AGREEMENT", "SECRET-PROTOCOL-NOTE",
           "SECRET-PROTOCOL-DECISION", "stormy-secret-mood", "SECRET"]


@pytest.fixture(scope="module")
def journal_and_minutes(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    tmp = tmp_path_factory.mktemp("secrets")
    protocols = tmp / "secrets.yaml"
    protocols.write_text(PROTOCOLS, encoding="utf-8")
    live = script_meeting(write_script(tmp, SCRIPT), protocols)
    return json.dumps(list(live.entries)), live.minutes()


@pytest.fixture(scope="module")
def minutes(journal_and_minutes: tuple[str, dict]) -> dict:
    return journal_and_minutes[1]


def test_the_journal_does_hold_every_secret(journal_and_minutes: tuple[str, dict]) -> None:
    """The secrets were said (so their absence from the minutes means something)."""
    journal = journal_and_minutes[0]
    for secret in SECRETS:
        assert secret in journal


def _decoded(text: str) -> str:
    """Every part of an email, transfer encoding undone."""
    message: Message = email.message_from_string(text)
    parts = [p.get_payload(decode=True).decode("utf-8") for p in message.walk()
             if not p.is_multipart()]
    return "\n".join([text, str(message["Subject"]), *parts])


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_confidential_or_private_content_in_any_format(minutes: dict, fmt: str) -> None:
    """Notes, stances, records and proposals said in confidence, and what a private round
    collected, appear in no format; what was said in the open does."""
    text = render(minutes, fmt)
    readable = _decoded(text) if fmt == "eml" else text
    assert "PUBLIC-NOTE-OK" in readable
    for secret in SECRETS:
        assert secret not in readable, f"{secret} leaked into the {fmt} minutes"


def test_confidential_steps_keep_their_timing_but_not_their_outcome(minutes: dict) -> None:
    """The closed steps are in the timeline, marked confidential, without an outcome."""
    closed = {s["step"]: s for s in minutes["steps"] if s["confidential"]}
    assert set(closed) == {"closed-talk", "closed-test", "closed-record", "inner", "talk"}
    assert all(s["outcome"] is None for s in closed.values())
    assert minutes["decisions"] == [] and minutes["actions"] == []


def test_airtime_still_counts_in_confidential_steps_and_private_rounds(minutes: dict) -> None:
    """Attendance and airtime are not content: both people are present, the round's turns count."""
    assert [p["name"] for p in minutes["attendance"]] == ["Ana", "Ben"]
    assert {a["name"] for a in minutes["airtime"]} == {"Ana", "Ben"}


def test_the_everything_meeting_keeps_its_secrets(everything: dict) -> None:
    """The golden meeting's closed session and private rounds stay out of every format."""
    for fmt in FORMATS:
        text = _decoded(render(everything, fmt)) if fmt == "eml" else render(everything, fmt)
        for secret in ("neighbour", "hedge", "apology", "Tuesday shift", "health",
                       "running-on-empty", "half-tank", "Still uneasy", "Tired but glad"):
            assert secret not in text, f"{secret!r} leaked into {fmt}"


def test_public_records_made_in_a_confidential_protocol_are_kept(tmp_path: Path) -> None:
    """A record step marked `public: true` lets its record out of a confidential protocol."""
    protocols = tmp_path / "p.yaml"
    protocols.write_text("""\
version: 1
protocols:
  closed:
    title: Closed
    confidential: true
    steps:
      - {id: talk, kind: discussion}
      - {id: out, kind: record, type: note, public: true}
""", encoding="utf-8")
    script = write_script(tmp_path, """\
protocol: closed
participants: [Ana]
commands: [start, note HIDDEN, advance, record note SHOWN, advance, end]
""")
    minutes = script_minutes(script, protocols)
    assert [n["text"] for n in minutes["notes"]] == ["SHOWN"]
    for fmt in FORMATS:
        assert "HIDDEN" not in render(minutes, fmt)
