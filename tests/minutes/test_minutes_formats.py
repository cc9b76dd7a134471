"""Each format as people use it: a page, an email, plain text, JSON."""

from __future__ import annotations

import email
import json
import re
from email import policy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.minutes import FORMATS, MinutesError, render
from facilitator.minutes.fairness import evenness

TYPED = "<b>bold</b> & \"quotes\" <script>alert('x')</script>"


def _with_typed_text(m: dict[str, Any]) -> dict[str, Any]:
    return {**m, "notes": [{"text": TYPED, "at_s": 1.0}],
            "attendance": [*m["attendance"], {"name": "<img src=x>", "pronouns": "<i>",
                                              "joined_s": 3.0, "left_s": None}]}


def test_html_is_one_self_contained_page_with_print_styles(everything: dict[str, Any]) -> None:
    page = render(everything, "html")
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no outside resources"
    assert "<link" not in page and "<script" not in page


def test_html_escapes_everything_people_typed(everything: dict[str, Any]) -> None:
    page = render(_with_typed_text(everything), "html")
    assert "<script>alert" not in page and "<img src=x>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x&gt;" in page
    assert "&lt;and the keys stay with me&gt;" in page


def test_markdown_escapes_what_people_typed(everything: dict[str, Any]) -> None:
    text = render(_with_typed_text(everything), "md")
    assert "<script>" not in text and "\\<script\\>" in text


def test_txt_reads_as_an_email_body(everything: dict[str, Any]) -> None:
    """Every line fits in 72 characters; headings are underlined."""
    text = render(_with_typed_text(everything), "txt")
    assert max(len(line) for line in text.splitlines()) <= 72
    assert "Decisions\n---------" in text and "Action items\n------------" in text


def test_eml_is_a_ready_to_send_message(everything: dict[str, Any]) -> None:
    """A text part and an HTML part, the subject from title and date, no recipient yet."""
    message = email.message_from_string(render(everything, "eml"), policy=policy.default)
    assert message["Subject"] == "Minutes: Tool library, January (1 January 2026)"
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content() == render(everything, "txt")
    assert html.get_content() == render(everything, "html")


def test_eml_is_the_same_bytes_every_time(everything: dict[str, Any]) -> None:
    assert render(everything, "eml") == render(everything, "eml")


def test_json_is_the_specs_shape_with_a_version(everything: dict[str, Any]) -> None:
    data = json.loads(render(everything, "json"))
    assert data["version"] == 1 and data == json.loads(json.dumps(everything))


def _readable(text: str, fmt: str) -> str:
    if fmt != "eml":
        return text
    message = email.message_from_string(text, policy=policy.default)
    return "\n".join(part.get_content() for part in message.iter_parts())


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "eml"])
def test_airtime_can_be_left_out_of_every_format(everything: dict[str, Any], fmt: str) -> None:
    """airtime=False: no airtime table, no evenness figure."""
    with_it = _readable(render(everything, fmt), fmt)
    without = _readable(render(everything, fmt, airtime=False), fmt)
    assert "Airtime" in with_it and "Evenness" in with_it and "6m45s" in with_it
    assert "Airtime" not in without and "Evenness" not in without and "6m45s" not in without


def test_airtime_can_be_left_out_of_json(everything: dict[str, Any]) -> None:
    data = json.loads(render(everything, "json", airtime=False))
    assert data["airtime"] == [] and data["evenness"] is None
    assert data["decisions"] == everything["decisions"]


def test_the_minutes_say_which_evenness_measure_and_why(everything: dict[str, Any]) -> None:
    for fmt in ("md", "txt", "html"):
        assert "Gini" in render(everything, fmt)


def test_an_unknown_format_is_one_sentence(everything: dict[str, Any]) -> None:
    with pytest.raises(MinutesError, match="`pdf` is not a format of the minutes; use one of"):
        render(everything, "pdf")


def test_stored_minutes_missing_newer_keys_still_render() -> None:
    """Minutes stored before `items`, `evenness` or `version` existed render in every format."""
    old = {"meeting": {"id": "m1", "title": "Old", "protocol": "p", "started_at": None,
                       "ended_at": None, "duration_s": None},
           "attendance": [{"name": "Ana", "pronouns": None, "joined_s": 0, "left_s": None}],
           "roles": {}, "steps": [{"protocol": "p", "step": "s", "kind": "round"}],
           "decisions": [{"step": "t", "proposal": "P", "outcome": "passed", "attempt": 1,
                          "tally": {"agree": 1}, "stances": [], "recorded": True}],
           "actions": [], "agreements": [], "notes": [], "airtime": [], "overrides": []}
    for fmt in FORMATS:
        assert "Old" in render(old, fmt) or fmt == "eml"


def test_evenness_is_one_when_even_and_zero_when_one_person_holds_the_floor() -> None:
    assert evenness([60, 60, 60]) == 1.0
    assert evenness([0, 0, 90]) == 0.0
    assert evenness([90]) is None and evenness([0, 0]) is None


words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(name=words.filter(str.strip), note=words, reason=words)
def test_minutes_always_render(everything: dict[str, Any], name: str, note: str,
                               reason: str) -> None:
    """Whatever people typed, every format renders, and the text stays within 72 columns."""
    m = _with_typed_text(everything)
    m["attendance"] = [*m["attendance"], {"name": name, "pronouns": "", "joined_s": 0,
                                          "left_s": None}]
    m["notes"] = [{"text": note, "at_s": 0}]
    m["decisions"] = [{**m["decisions"][0], "stances": [{"name": name, "stance": "block",
                                                         "reason": reason}]}]
    for fmt in FORMATS:
        text = render(m, fmt)
        if fmt == "txt":
            assert max(len(line) for line in text.splitlines()) <= 72
        if fmt == "html":
            assert "<script>" not in text


def test_roles_are_named_by_their_titles_in_every_readable_format() -> None:
    """A role that declares a `title` ("Party A") is called so in the minutes, not by its
    id (`party_a`); the JSON keeps ids as keys and the titles beside them."""
    from pathlib import Path

    from facilitator.minutes import render
    from facilitator.protocols.loader import build_library
    from facilitator.script import load_script, run_script

    script = Path(__file__).parents[1] / "library" / "scripts" / "mediation.yaml"
    library, _ = build_library([])
    minutes = run_script(load_script(script), library, []).minutes()
    assert minutes["role_titles"] == {"party_a": "Party A", "party_b": "Party B"}
    for fmt in ("md", "txt", "html"):
        text = render(minutes, fmt)
        assert "Party A" in text and "Party B" in text, fmt
        assert "party_a" not in text and "Party a" not in text, fmt
