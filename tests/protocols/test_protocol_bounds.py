"""Values that `validate` once accepted and that crashed or hung later are refused at load,
each with a sentence at its place (issue 12, "Tracebacks" and "Hangs")."""

from __future__ import annotations

import subprocess
import sys

import pytest
from protocol_helpers import at, one

from facilitator.clock import FakeClock
from facilitator.errors import Refused
from facilitator.protocols.loader import build_library
from facilitator.protocols.values import parse_duration, parse_fraction
from facilitator.session import LiveMeeting


def protocol(steps: str) -> str:
    return f"version: 1\nprotocols:\n  p:\n    title: P\n    steps:\n{steps}"


def test_a_quorum_with_a_huge_exponent_is_refused_at_once() -> None:
    """`1e-99999999` would make Fraction build a number of 100 million digits: a hang."""
    text = protocol('      - {id: a, kind: decide, rule: {quorum: "1e-99999999"}, '
                    "on: {blocked: end}}\n")
    # In a child with a time limit: without the bound this never returns.
    code = ("import sys; sys.path.insert(0, 'tests/protocols');"
            "from protocol_helpers import one; print(one(sys.stdin.read()))")
    done = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                          text=True, timeout=20)
    where = at(text, '"1e-99999999')
    assert done.stdout.strip() == (f"{where} `quorum`: `1e-99999999` is not "
                                   "a fraction; write it like `2/3`, `0.75` or `75%`.")


@pytest.mark.parametrize("written", ["2/3", "0.75", ".5", "75%", "1", "1e-2", "1.0"])
def test_fractions_as_written_still_read(written: str) -> None:
    assert 0 <= parse_fraction(written) <= 1


def test_a_review_period_beyond_any_calendar_is_refused() -> None:
    text = protocol("      - {id: a, kind: record, type: agreement, "
                    "review_after: 99999999999999w}\n")
    assert one(text) == (f"{at(text, '99999999999999w')} `review_after`: `99999999999999w` is "
                         "too long a review period; give at most 100 years, like `5200w`.")


def test_a_timebox_of_4000_digits_is_refused_without_pythons_advice() -> None:
    digits = "9" * 4000
    text = protocol(f"      - {{id: a, kind: pause, time: {digits}s}}\n")
    message = one(text)
    assert message.startswith(f"{at(text, digits)} `time`: `99999999999999999999...` is too "
                              "long; give at most a week")
    assert "int_max_str_digits" not in message and len(message) < 200


def test_a_bare_number_of_5000_digits_as_a_timebox_is_refused() -> None:
    digits = "9" * 5000
    text = protocol(f"      - {{id: a, kind: pause, time: {digits}}}\n")
    assert one(text) == (f"{at(text, digits)} This number has thousands of digits, more than "
                         "any value here takes; write a short one.")


def test_every_with_ten_thousand_hex_digits_is_refused() -> None:
    text = protocol(f"      - {{id: a, kind: pause, every: 0x{'9' * 10000}}}\n")
    message = one(text)
    assert message == (f"{at(text, '0x')} `every` must be a whole number from 1 to "
                       "1,000,000, not a number too long to quote.")


@pytest.mark.parametrize("command", ["extend 99999999999999999h", "extend 200h"])
def test_extend_beyond_a_week_is_refused(command: str) -> None:
    library, _ = build_library([("p.yaml", protocol("      - {id: a, kind: discussion}\n"))])
    live = LiveMeeting.open(library, [], "p", FakeClock())
    for given in ("join Ana", "start", "hand Ana", "next"):
        live.do(given)
    with pytest.raises(Refused, match="is too long; give at most a week"):
        live.do(command)


def test_durations_up_to_the_bounds_still_read() -> None:
    assert parse_duration("168h") == 7 * 86400
    assert parse_duration("5200w", days=True) == 5200 * 7 * 86400


def test_a_lone_surrogate_in_yaml_is_refused_where_it_is() -> None:
    text = protocol('      - {id: a, kind: pause, title: "Break \\ud800"}\n')
    where = at(text, '"Break')
    assert one(text) == (f"{where} This text holds a lone surrogate (an escape "
                         "like `\\ud800`), which is no character; write the character itself.")


def test_a_lone_surrogate_in_a_key_is_refused() -> None:
    text = 'version: 1\nprotocols:\n  "\\udc80": {title: P, steps: [{id: a, kind: pause}]}\n'
    assert "lone surrogate" in one(text)


def test_data_that_refers_to_itself_is_not_walked_forever() -> None:
    text = "version: 1\nprotocols: &a\n  x: [*a]\n"
    assert "must be a mapping" in one(text)


@pytest.mark.parametrize(("field", "what"), [("title", "`title` must be text"),
                                             ("prompt", "`prompt` must be text"),
                                             ("id", "step id must be an id")])
def test_a_hex_number_of_ten_thousand_digits_as_text_or_id(field: str, what: str) -> None:
    """Python refuses str() of such a number: it was an internal error."""
    digits = "0x" + "9" * 10_000
    step = f"{{id: a, kind: pause, {field}: {digits}}}" if field != "id" else \
        f"{{id: {digits}, kind: pause}}"
    text = protocol(f"      - {step}\n")
    assert one(text) == f"{at(text, digits)} {what}, not a number too long to quote."
