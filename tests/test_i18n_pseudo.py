"""Under the pseudo-locale every text the tool says is wrapped in ⟦…⟧: a whole meeting's
minutes from `simulate`, its messages, and what the command line says. What is left once
the wrapped text is taken away is what people typed, ids, numbers and times: any other
word is a text that did not go through a catalog."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from facilitator.cli import main

PSEUDO = "xx-pseudo"
SCRIPT = """\
protocol: weekly-meeting
title: Tenants' committee
participants: [{name: Ana, pronouns: she/her}, {name: Ben}, {name: Cy, pronouns: they/them}]
roles: {facilitator: Ana, notetaker: Ben}
commands:
  - start
  - wait 1m
  - next
  - pass
  - wait 30s
  - done
  - advance
  - collect Ana green
  - next
  - collect Ben yellow
  - next
  - collect Cy red
  - done
  - advance
  - hand Cy
  - next
  - wait 1m
  - done
  - advance
  - record action "Call the landlord" Ben 2026-02-01
  - advance
  - advance
  - item "Rent strike" quick-decision
  - role presenter Ben
  - propose "Start a rent strike in March"
  - hand Ben
  - next
  - wait 2m
  - done
  - advance
  - stance Ana agree
  - stance Ben reservations "Only with legal help"
  - stance Cy block "Too soon"
  - advance
  - invite Cy
  - next
  - wait 1m
  - done
  - advance
  - stance Ana agree
  - stance Ben agree
  - stance Cy stand_aside "I will not picket"
  - advance
  - advance
  - note "Legal aid meets on Tuesday"
  - record agreement "We support each other in court" Ana Ben Cy
  - advance
  - end
"""
# Not words: durations (2m30s), clock readings, dates, percentages, the time zone.
NOT_WORDS = re.compile(r"\b\d+[hms](\d+[ms])?(\d+s)?\b|\bUTC\b|\b(AM|PM)\b")
WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")


def typed(script: str) -> list[str]:
    """Everything the script's people typed (and the command words they typed it with)."""
    data = yaml.safe_load(script)
    words = [data["title"], data["protocol"]]
    for p in data["participants"]:
        words += [p["name"], p.get("pronouns", "")]
    for line in data["commands"]:
        parts = shlex.split(line)
        words += [line, *parts]
    return sorted((w for w in words if w), key=len, reverse=True)


def leftover(text: str, kept: list[str]) -> list[str]:
    """The words in `text` that are neither wrapped nor typed."""
    while WRAPPED.search(text):
        text = WRAPPED.sub(" ", text)
    for word in kept:
        text = text.replace(word, " ")
    text = NOT_WORDS.sub(" ", text)
    return re.findall(r"[^\W\d_][\w'-]*", text)


def run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(words))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_a_whole_meeting_s_minutes_are_all_wrapped(tmp_path: Path, fmt: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "weekly.yaml"
    script.write_text(SCRIPT, encoding="utf-8")
    code, out, err = run(capsys, "simulate", str(script), "--format", fmt, "--lang", PSEUDO)
    assert (code, err) == (0, "")
    assert "⟦" in out
    markup = ["|---|---|---|---|", "|---|---|---|---:|", "- [ ]"]
    assert leftover(out, typed(SCRIPT) + markup) == []


def test_the_pseudo_locale_catches_an_unwrapped_word(tmp_path: Path) -> None:
    """The check has teeth: an English word left in the text is found."""
    assert leftover("⟦Présént··⟧ Ana agreed", ["Ana"]) == ["agreed"]
    assert leftover("⟦Évéññéss {⟦dóñé⟧}⟧ 2m30s 0:50 UTC", []) == []


def test_refusals_and_messages_are_all_wrapped(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    group = str(tmp_path / "group")
    script = tmp_path / "refused.yaml"
    refused = SCRIPT.replace("  - role presenter Ben\n", "")
    script.write_text(refused, encoding="utf-8")
    odd = tmp_path / "odd.yaml"
    odd.write_text("protocol: quick-decision\ncommands: [start]\nbogus: 1\n", encoding="utf-8")
    said = []
    for words in (
        ["simulate", str(script)],                      # an engine refusal, SCRIPT:LINE: why
        ["simulate", str(odd)],                         # a script that cannot be read
        ["minutes", "nosuch", "--group", group],         # a store refusal
        ["minutes", "--last", "--group", group],
        ["meetings", "--group", group],
        ["decisions", "--group", group],
        ["actions", "--group", group],
        ["rest", "--group", group],
        ["principles", "add", "Nothing about us without us", "--group", group],
        ["show", "nosuch"],
        ["group", "set", "language", "tlh", "--group", group],
        ["moratorium", "--group", group],
    ):
        code, out, err = run(capsys, *words, "--lang", PSEUDO)
        said.append(out + err)
    text = "\n".join(said)
    assert "⟦" in text
    # What is left: the program's name, files, ids and what was typed.
    kept = typed(refused) + [str(script), str(odd), group, "facilitator:", "nosuch", "tlh",
                             "P1", "Nothing about us without us", "weekly-meeting", "bogus",
                             "commands, participants, protocol, roles, title"]
    assert leftover(text, kept) == []
