"""What people typed cannot change the minutes' structure, add an email header, or drive
the reader's terminal (issue 12, "Confidentiality and injection")."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from facilitator.cli import main
from facilitator.minutes import render

ESCAPES = "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07\x1b[2J\x1b[1A\r\x9b31m\x9d0;x\x07"


def minutes(title: str = "Budget", names: tuple[str, ...] = ("Ana",)) -> dict[str, Any]:
    return {"meeting": {"id": "2026-01-01-1900-x", "title": title, "protocol": "p",
                        "started_at": "2026-01-01T19:00:00Z"},
            "attendance": [{"name": n, "pronouns": ""} for n in names]}


def headers(text: str) -> list[str]:
    return list(email.message_from_string(text, policy=policy.default).keys())


def test_an_encoded_word_in_a_title_adds_no_header() -> None:
    """CVE-2024-6923: on Python 3.11.7 this became a real `Bcc:` header."""
    title = "=?utf-8?q?Budget=0ABcc:_x@example.com?="
    text = render(minutes(title), "eml")
    assert headers(text) == ["Subject", "X-Unsent", "MIME-Version", "Content-Type"]
    assert "\nBcc:" not in text.split("\n\n")[0]
    subject = email.message_from_string(text, policy=policy.default)["Subject"]
    assert subject == f"Minutes: {title} (1 January 2026)"  # shown exactly as typed


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\v", "\f"])
def test_a_line_break_in_a_title_gives_one_subject_line(brk: str) -> None:
    text = render(minutes(f"Budget{brk}Bcc: x@example.com"), "eml")
    assert headers(text) == ["Subject", "X-Unsent", "MIME-Version", "Content-Type"]
    subject = email.message_from_string(text, policy=policy.default)["Subject"]
    assert subject == "Minutes: Budget Bcc: x@example.com (1 January 2026)"


def test_a_long_or_non_ascii_title_is_folded_into_encoded_words() -> None:
    title = "Café " * 40
    text = render(minutes(title), "eml")
    head = text.split("\n\n")[0]
    assert all(len(line) <= 78 for line in head.splitlines())
    subject = email.message_from_string(text, policy=policy.default)["Subject"]
    assert subject == f"Minutes: {title.strip()} (1 January 2026)"


def test_a_plain_title_stays_readable() -> None:
    assert render(minutes("Saturdays"), "eml").startswith(
        "Subject: Minutes: Saturdays (1 January 2026)\nX-Unsent: 1\n")


def present_section(md: str) -> list[str]:
    """The token types between the `Present` heading and the next heading."""
    tokens = MarkdownIt("commonmark").enable(["strikethrough", "table"]).parse(md)
    start = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "Present")
    out = []
    for t in tokens[start + 2:]:
        if t.type == "heading_open":
            break
        out.append(t.type)
    return out


@pytest.mark.parametrize("name", ["~~~", "```", "1. item", "1) item", "- x", "+ x", "===",
                                  "---", "# x", "> x", "    code"])
def test_a_name_cannot_change_the_structure_of_markdown(name: str) -> None:
    md = render(minutes(names=(name,)), "md")
    assert present_section(md) == ["paragraph_open", "inline", "paragraph_close"]
    tokens = MarkdownIt("commonmark").parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Budget", "Present", "Timeline"]


@pytest.mark.parametrize("name", ["~x~", "~~x~~", "&amp;", "&#38;", "&copy;"])
def test_tildes_and_entities_show_as_typed(name: str) -> None:
    md = render(minutes(names=(name,)), "md")
    html = MarkdownIt("commonmark").enable("strikethrough").render(md)
    assert "<s>" not in html and "<del>" not in html
    text = html.split("<h2>Present</h2>\n<p>")[1].split("</p>")[0]
    assert text == name.replace("&", "&amp;")


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "eml"])
def test_no_control_sequence_reaches_the_minutes(fmt: str) -> None:
    text = render(minutes(title="T" + ESCAPES, names=("Ana" + ESCAPES,)), fmt)
    assert not any(ch in text for ch in "\x1b\x07\r\x9b\x9d")
    if fmt in ("md", "txt"):
        assert "␛" in text


def test_json_keeps_what_was_typed_escaped() -> None:
    """JSON escapes C0 controls itself; DEL, the C1 controls (CSI U+009B) and the line
    separators are escaped too, and the data reads back the same."""
    name = "Ana\x1b[2J\x9b31m\x7f\u2028"
    text = render(minutes(names=(name,)), "json")
    assert not any(ch in text for ch in "\x1b\x9b\x7f\u2028")
    assert "Ana\\u001b[2J\\u009b31m\\u007f\\u2028" in text
    assert json.loads(text)["attendance"][0]["name"] == name


SCRIPT = """\
protocol: quick-decision
title: "T\\e]0;owned\\a\\e[2J"
participants: ["Ana\\e[31m", "Ben\\u009b1A"]
roles: {facilitator: "Ana\\e[31m", presenter: "Ben\\u009b1A"}
commands:
  - "propose \\"Budget\\e]8;;http://evil\\a\\""
  - start
  - advance
  - "stance \\"Ana\\e[31m\\" agree"
  - "stance \\"Ben\\u009b1A\\" agree"
  - "record note \\"Note\\u009b2J\\""
  - advance
  - advance
  - end
"""


@pytest.mark.parametrize("words", [["meetings"], ["meetings", "--format", "json"], ["roster"], ["decisions"], ["actions"],
                                   ["minutes", "--last", "--format", "txt"],
                                   ["minutes", "--last", "--format", "md"],
                                   ["roles", "suggest"], ["workload"], ["airtime"]])
def test_group_commands_print_no_control_sequence(words: list[str], tmp_path: Path,
                                                  capsys) -> None:
    script = tmp_path / "s.yaml"
    script.write_text(SCRIPT)
    group = str(tmp_path / "g")
    assert main(["simulate", str(script), "--group", group]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main([*words, "--group", group]) == 0
    out = capsys.readouterr().out
    assert out.strip()
    assert not any(ch in out for ch in "\x1b\x07\x9b"), repr(out)


def test_error_sentences_print_no_control_sequence(tmp_path: Path, capsys) -> None:
    script = tmp_path / "s.yaml"
    script.write_text('protocol: check-in\ncommands: ["leave \\"Zed\\\\e[2J\\""]\n')
    assert main(["simulate", str(script)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "Zed" in err


