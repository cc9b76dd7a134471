"""The template example in docs/minutes.md renders as the page shows."""

from __future__ import annotations

import re
from pathlib import Path

from facilitator.minutes import render
from facilitator.protocols.loader import build_library
from facilitator.script import load_script, run_script

DOCS = Path(__file__).parents[2] / "docs" / "minutes.md"


def test_the_documented_template_renders(tmp_path):
    [template] = re.findall(r"```jinja\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    (tmp_path / "mine.md.j2").write_text(template)
    (tmp_path / "s.yaml").write_text("""
protocol: quick-decision
title: Tool library
participants: [Ana, Ben]
roles: {presenter: Ben}
commands: ['propose "Open on Saturdays"', start, advance, stance Ana agree, stance Ben agree,
           advance, advance, end]
""")
    library, _ = build_library([])
    minutes = run_script(load_script(tmp_path / "s.yaml"), library, []).minutes()
    text = render(minutes, "md", template=tmp_path / "mine.md.j2")
    assert text.splitlines() == ["# Tool library", "- Open on Saturdays: passed", "",
                                 "Present: Ana, Ben"]


def test_answers_collected_in_an_open_round_are_in_every_readable_format(tmp_path):
    protocols = tmp_path / "p.yaml"
    protocols.write_text("""
version: 1
protocols:
  skills:
    title: Skill share
    steps: [{id: offer, kind: round, collect: {skill: text}}]
""")
    (tmp_path / "s.yaml").write_text("""
protocol: skills
participants: [Ana, Ben]
commands: [start, 'collect Ana "Fixing <bike> brakes"', next, 'collect Ben "Sourdough"', end]
""")
    library, _ = build_library([(str(protocols), protocols.read_text())])
    minutes = run_script(load_script(tmp_path / "s.yaml"), library, []).minutes()
    assert "Fixing <bike> brakes" in render(minutes, "txt")
    assert "Fixing \\<bike\\> brakes" in render(minutes, "md")
    assert "Fixing &lt;bike&gt; brakes" in render(minutes, "html")


def test_an_agreement_that_names_nobody_binds_the_whole_group():
    from facilitator.minutes.view import view

    minutes = {"meeting": {}, "agreements": [{"text": "Agendas go out early", "parties": [],
                                              "review_on": None}]}
    assert view(minutes)["agreements"][0]["parties"] == "the whole group"
