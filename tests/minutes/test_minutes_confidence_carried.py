"""What is given in confidence stays there when it is used later in the open: a proposal
tested after its confidential step, an agenda item added in a confidential item, an
`invite` in a confidential step (issue 12). In every format, in the group's memory and
`decisions`, and in the next meeting."""

from __future__ import annotations

import email
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli import main
from facilitator.minutes import FORMATS, render
from facilitator.minutes.build import HIDDEN_ITEM, HIDDEN_PROPOSAL
from facilitator.store.group import Group

PROTOCOLS = """\
version: 1
protocols:
  carry:
    title: Carry
    steps:
      - {id: closed-talk, kind: discussion, confidential: true}
      - {id: open-test, kind: decide, on: {blocked: end}}
      - {id: write-up, kind: record, type: decision}
      - id: agenda
        kind: agenda
        items: [{title: Closed item, protocol: hush}, {title: Open item}]
  hush:
    title: Hush
    confidential: true
    steps:
      - {id: talk, kind: discussion}
"""

SCRIPT = """\
protocol: carry
title: Carrying secrets
participants: [Ana, Ben, Cy]
commands:
  - start
  - hand Ana
  - invite SECRET-INVITEE-Cy
  - propose SECRET-PROPOSAL
  - advance
  - stance Ana agree
  - stance Ben agree
  - stance SECRET-INVITEE-Cy agree
  - advance
  - advance
  - item SECRET-ITEM
  - advance
  - item "Open addition"
  - end
"""
SECRETS = ("SECRET-PROPOSAL", "SECRET-ITEM", "SECRET-INVITEE")


def readable(text: str, fmt: str) -> str:
    if fmt != "eml":
        return text
    message = email.message_from_string(text)
    parts = [p.get_payload(decode=True).decode() for p in message.walk()
             if not p.is_multipart()]
    return "\n".join([str(message["Subject"]), *parts])


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> tuple[Group, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("carry")
    (tmp / "p.yaml").write_text(PROTOCOLS.replace("SECRET-INVITEE-Cy", "Cy"))
    (tmp / "s.yaml").write_text(SCRIPT.replace("SECRET-INVITEE-Cy", "Cy"))
    assert main(["simulate", str(tmp / "s.yaml"), "--protocols", str(tmp / "p.yaml"),
                 "--group", str(tmp / "g")]) == 0
    g = Group(tmp / "g")
    [meeting] = g.meetings()
    minutes = g.minutes(meeting.id)
    assert minutes is not None
    return g, minutes


def test_the_secrets_were_said_and_what_was_open_is_kept(group) -> None:
    g, minutes = group
    journal = next(g.journals_path.glob("*.jsonl")).read_text()
    assert "SECRET-PROPOSAL" in journal and "SECRET-ITEM" in journal
    assert [i["title"] for i in minutes["deferred"]] == [HIDDEN_ITEM, "Open addition"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_proposal_and_an_item_given_in_confidence_reach_no_format(group, fmt: str) -> None:
    text = readable(render(group[1], fmt), fmt)
    assert "SECRET-PROPOSAL" not in text and "SECRET-ITEM" not in text
    assert "Open addition" in text


def test_the_test_and_the_record_keep_their_result_under_a_hidden_proposal(group) -> None:
    decisions = group[1]["decisions"]
    assert [(d["proposal"], d["outcome"], d["recorded"]) for d in decisions] == \
        [(HIDDEN_PROPOSAL, "passed", True)]


def test_the_groups_memory_and_the_next_meeting_keep_the_secrets(group, capsys) -> None:
    g, _ = group
    assert [d.proposal for d in g.decisions()] == [HIDDEN_PROPOSAL]
    assert [d.title for d in g.deferred_items()] == [HIDDEN_ITEM, "Open addition"]
    assert main(["decisions", "--group", str(g.path)]) == 0
    assert "SECRET" not in capsys.readouterr().out
    assert "SECRET" not in g.memory_path.read_text()


def test_an_invite_in_a_confidential_step_keeps_only_its_command_word(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(PROTOCOLS)
    script = SCRIPT.replace("participants: [Ana, Ben, Cy]",
                            "participants: [Ana, Ben, SECRET-INVITEE-Cy]")
    (tmp_path / "s.yaml").write_text(script)
    assert main(["simulate", str(tmp_path / "s.yaml"), "--protocols", str(tmp_path / "p.yaml"),
                 "--group", str(tmp_path / "g")]) == 0
    g = Group(tmp_path / "g")
    minutes = g.minutes(g.meetings()[0].id)
    assert minutes is not None
    assert [o["command"] for o in minutes["overrides"]] == ["invite (in confidence)"]
    for fmt in ("md", "txt", "html"):
        overrides = render(minutes, fmt).split("overrides")[-1]
        assert "SECRET-INVITEE" not in overrides.split("Airtime")[0]


def test_what_is_said_again_in_the_open_is_shown(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(PROTOCOLS)
    script = SCRIPT.replace("SECRET-INVITEE-Cy", "Cy").replace(
        "  - advance\n  - stance Ana agree",
                            "  - advance\n  - propose SECRET-PROPOSAL\n  - stance Ana agree", 1)
    (tmp_path / "s.yaml").write_text(script)
    assert main(["simulate", str(tmp_path / "s.yaml"), "--protocols", str(tmp_path / "p.yaml"),
                 "--group", str(tmp_path / "g")]) == 0
    g = Group(tmp_path / "g")
    assert [d.proposal for d in g.decisions()] == ["SECRET-PROPOSAL"]


def test_an_item_added_in_confidence_runs_under_a_hidden_title(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(PROTOCOLS)
    script = SCRIPT.replace("SECRET-INVITEE-Cy", "Cy").replace(
        '  - item "Open addition"\n  - end', "  - advance\n  - advance\n  - end")
    (tmp_path / "s.yaml").write_text(script)
    assert main(["simulate", str(tmp_path / "s.yaml"), "--protocols", str(tmp_path / "p.yaml"),
                 "--group", str(tmp_path / "g")]) == 0
    g = Group(tmp_path / "g")
    minutes = g.minutes(g.meetings()[0].id)
    assert minutes is not None
    assert [i["title"] for i in minutes["items"]] == ["Closed item", "Open item", HIDDEN_ITEM]
    for fmt in FORMATS:
        assert "SECRET-ITEM" not in readable(render(minutes, fmt), fmt)
