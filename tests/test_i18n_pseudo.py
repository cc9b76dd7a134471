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


# A protocol file with a problem of nearly every kind the readers and checks find.
WRONG = """\
version: 1
scales:
  colours:
    - {key: red, label: Red}
    - {key: red, label: {en: Red again, es: Rojo otra vez}}
protocols:
  mine:
    title: {en: Mine, es: Mío}
    roles: {chair: {not: [nobody]}}
    steps:
      - id: talk
        kind: roudn
        time: 5x
      - id: vote
        kind: decide
        next: nowhere
        scale: colourz
        quorum: 3/2
        attempts: many
        summary: hi
      - id: vote
        kind: round
        prompt: "Hello {role.host}"
        on: {timeout: end, finished: end}
        scale: consent
      - id: pick
        kind: choose
        quorum: 1/2
        options: {yes: end}
      - id: more
        kind: use
        protocol: mine
"""
# What the file says that is not a word to translate: its ids, keys and values.
WRONG_IDS = ["colours", "colourz", "red", "Red again", "Rojo otra vez", "Red", "Mine", "Mío",
             "chair", "nobody", "talk", "roudn", "round", "vote", "nowhere", "decide", "quorum",
             "attempts", "many", "summary", "role.host", "host", "timeout", "finished",
             "consent", "pick", "choose", "options", "met", "not-met", "more", "mine", "use",
             "time", "next", "scale", "prompt", "on", "end", "title", "en", "es", "blocked",
             "protocol", "roles", "not", "steps", "hard: true", "hard", "true", "key", "label",
             "scales", "protocols", "version"]


def test_every_problem_of_a_wrong_protocol_file_is_wrapped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`validate` under the pseudo-locale: nothing but the file's own words is unwrapped."""
    from facilitator.engine.steps import KINDS
    from facilitator.protocols import schema

    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(WRONG, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(wrong), "--lang", PSEUDO)
    assert code == 1 and err == ""
    assert len(out.splitlines()) >= 12
    names = [*KINDS, *schema.COMMON_STEP_KEYS, *(k for kind in KINDS.values() for k in kind.keys),
             *schema.COMMON_OUTCOMES, *(o for kind in KINDS.values() for o in kind.outcomes or ())]
    kept = [str(wrong), *sorted({*WRONG_IDS, *names}, key=len, reverse=True)]
    assert leftover(out, kept) == []


def _converse(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
              group: str, protocol: str, commands: list[str]) -> str:
    """`facilitator run PROTOCOL --plain` under the pseudo-locale, typed line by line."""
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{c}\n" for c in commands)))
    code, out, err = run(capsys, "run", protocol, "--plain", "--group", group, "--lang", PSEUDO)
    assert code == 0, err
    return out + err


def test_what_the_engine_says_in_a_general_assembly_is_all_wrapped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The engine's own sentences on the way: a quorum counted against the roster (a
    choice), the group's moratorium (an agenda item), a nested protocol waiting for its
    roles, in the news and in the prompt."""
    group = str(tmp_path / "group")
    _converse(monkeypatch, capsys, group, "check-in",  # a roster of four
              ["join Ana", "join Ben", "join Cy", "join Dee", "start", "end", "yes"])
    assert main(["moratorium", "set", "We are tired", "--group", group]) == 0
    said = _converse(monkeypatch, capsys, group, "general-assembly", [
        "join Ana", "join Ben", "join Cy", "role facilitator Ana", "start", "advance",
        'item "Rent strike" quick-decision', "status", "role presenter Ben", "status",
        "end", "yes"])
    assert "Qúórúm: 3 óf thé 4" in said  # the reminder, wrapped
    assert "We are tired" in said and "ñééds" in said
    kept = ["Ana", "Ben", "Cy", "Dee", "We are tired", "Rent strike", "quick-decision",
            "general-assembly", "presenter", "facilitator", group, "1/2", "met", "not-met",
            'item "Rent strike" quick-decision']
    assert leftover(said, sorted(kept, key=len, reverse=True)) == []


NOTES_SCRIPT = """\
protocol: discussion
title: Tenants' committee
participants: [{name: Ana}, {name: Ben}, {name: Cy}]
commands:
  - start
  - hand Ana
  - next
  - wait 1m
  - hand Cy point-of-process
  - wait 30s
  - done
  - wait 30s
  - done
  - suggest "Shorter meetings"
  - advance
  - end
"""


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_the_notes_the_minutes_write_themselves_are_wrapped(
        tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A point of process and the suggestion box: the minutes' own notes (kept in English
    in their JSON) are said in the language."""
    script = tmp_path / "notes.yaml"
    script.write_text(NOTES_SCRIPT, encoding="utf-8")
    code, out, err = run(capsys, "simulate", str(script), "--format", fmt, "--lang", PSEUDO)
    assert (code, err) == (0, "")
    assert "Shorter meetings" in out and "Póíñt" in out
    assert leftover(out, typed(NOTES_SCRIPT) + ["|---|---|---|---|", "|---|---|---|---:|"]) == []
