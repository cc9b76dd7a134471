"""A template that asks for too much output, time or memory is refused with a sentence,
quickly, and the process goes on as it was (issue 12, "Hangs and resource exhaustion")."""

from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli import main
from facilitator.minutes import TemplateError, bounds, render

MINUTES: dict[str, Any] = {"meeting": {"id": "x", "title": "Saturdays", "protocol": "p",
                                       "started_at": "2026-01-01T19:00:00Z"},
                           "attendance": [{"name": "Ana", "pronouns": ""}]}


def refused(tmp_path: Path, text: str) -> str:
    path = tmp_path / "t.md.j2"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        render(MINUTES, "md", template=path)
    assert time.monotonic() - started < 10
    message = str(caught.value).replace(str(path), "t.md.j2")
    assert "\n" not in message and message.endswith(".")
    return message


@pytest.mark.parametrize(("text", "said"), [
    ("{{ 'x' * 10**9 }}", "t.md.j2:1: This repetition (`*`) would make more than 5,000,000 "
                          "characters, more than minutes may hold; make the template produce "
                          "less."),
    ("{{ [1] * 10**9 }}", "t.md.j2:1: This repetition (`*`) would make more"),
    ("{{ 'x' | center(10**9) }}", "t.md.j2:1: `center` asks for a width of 1000000000; give at "
                                  "most 1000."),
    ("{{ 'x' | indent(10**9) }}", "t.md.j2:1: `indent` asks for a width of 1000000000"),
    ("{{ '{:>999999999}'.format(1) }}", "t.md.j2:1: A format asks for a width of 999999999; "
                                        "give at most 1000."),
    ("{{ '{:{w}}'.format(1, w=10**9) }}", "t.md.j2:1: A format takes its width from another "
                                          "field"),
    ("{{ '%999999999s' % 1 }}", "t.md.j2:1: A %-format asks for a width of 999999999"),
    ("{{ '%999999999s' | format(1) }}", "t.md.j2:1: A %-format asks for a width of 999999999"),
    ("{{ range(100000) | join('x' * 100000) }}", "t.md.j2:1: This `join` would make more"),
    ("{{ ('x' * 100000) | replace('x', 'y' * 1000) }}", "t.md.j2:1: This `replace` would make"),
    ("{{ 10 ** 100000 }}", "t.md.j2:1: This power is a number of more than 4,096 bits"),
    ("{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}",
     "t.md.j2: This template would make more than 5,000,000 characters"),
    ("{{ '\\ud800' }}", "t.md.j2: the template makes a lone surrogate"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
     "t.md.j2:1: the template is nested or recurses too deeply; flatten it."),
])
def test_what_would_make_too_much_is_refused_before_it_is_made(tmp_path: Path, text: str,
                                                               said: str) -> None:
    assert refused(tmp_path, text).startswith(said)


def test_nested_loops_are_stopped_by_the_time_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bounds, "MAX_SECONDS", 0.5)
    message = refused(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}"
                                "{% endfor %}{% endfor %}")
    assert message == ("t.md.j2: the template took more than 0.5 s to render, more than "
                       "minutes may take; make it loop less.")


def test_growing_text_is_stopped_by_the_memory_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bounds, "MAX_MEMORY", 64 * 2**20)
    before = resource.getrlimit(resource.RLIMIT_AS)
    message = refused(tmp_path, "{% set ns = namespace(s='x' * 1000000) %}"
                                "{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
                                "{{ ns.s | length }}")
    assert message == ("t.md.j2:1: the template needs more than 64 MB of memory, more than "
                       "minutes may use; make it produce less.")
    assert resource.getrlimit(resource.RLIMIT_AS) == before  # the process goes on as it was
    assert len("y" * 10**8) == 10**8


def test_ordinary_templates_are_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "t.md.j2"
    path.write_text("{{ meeting.title | center(20) }}|{{ '{:>5}'.format(3) }}|"
                    "{{ '%-6s' | format('a') }}|{{ attendance | map(attribute='name') | "
                    "join(', ') }}|{{ 'ab' * 3 }}|{{ 2 ** 64 }}|{{ 'a-b' | replace('-', '+') }}")
    assert render(MINUTES, "md", template=path) == \
        "     Saturdays      |    3|a     |Ana|ababab|18446744073709551616|a+b"


def test_the_command_line_exits_1_with_the_sentence(tmp_path: Path, capsys) -> None:
    script = tmp_path / "s.yaml"
    script.write_text("protocol: check-in\nparticipants: [Ana]\ncommands: [start, end]\n")
    template = tmp_path / "t.md.j2"
    template.write_text("{{ 'x' * 10**9 }}")
    assert main(["simulate", str(script), "--format", "md", "--template", str(template)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "This repetition (`*`) would make more" in err
