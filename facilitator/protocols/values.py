"""Parsing of the small value languages: durations and fractions.

Each parser returns the value or raises ValueError with a sentence a person can act on: a
`Said` (`str()` of the error says it in the current language).
"""

from __future__ import annotations

import re
from fractions import Fraction

from facilitator.i18n import L_, Said

_DURATION = re.compile(r"^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
_UNITS = (7 * 86400, 86400, 3600, 60, 1)
# Bounds that keep every later sum, date and clock reading in range: a timebox, an
# `extend` or a script's `wait` of at most a week; a review period of at most 100 years.
MAX_SECONDS = 7 * 86400
MAX_REVIEW_SECONDS = 5200 * 7 * 86400
_DIGITS = 12  # more digits than any duration within the bounds needs
# Fractions as the language writes them: `2/3`, `0.75`, `75%`, `1` (and YAML's `1e-2`
# spelling of a number, with a short exponent; a long one would take forever to expand).
_FRACTION = re.compile(r"^(?:\d{1,12}/\d{1,12}|(?:\d{1,12}(?:\.\d{0,12})?|\.\d{1,12})"
                       r"(?:[eE][-+]?\d{1,3})?%?)$")


def parse_duration(text: object, *, days: bool = False) -> int:
    """`45s`, `2m`, `1m30s`, `1h`, `1h15m` -> seconds; `30d`, `6w` only with `days=True`."""
    if isinstance(text, int) and abs(text) >= 10**_DIGITS:
        raise ValueError(_too_long(L_("a number that long"), days))
    raw = str(text).strip()
    match = _DURATION.match(raw)
    if not raw or not match or not any(match.groups()):
        if days:
            raise ValueError(L_("`{value}` is not a duration; write it like `30d` or `6w`.",
                                value=_short(raw)))
        raise ValueError(L_("`{value}` is not a duration; write it like `45s`, `2m`, `1m30s` "
                            "or `1h15m`.", value=_short(raw)))
    if any(len(g) > _DIGITS for g in match.groups() if g):
        raise ValueError(_too_long(raw, days))
    weeks, ds = match.group(1), match.group(2)
    if (weeks or ds) and not days:
        raise ValueError(L_("`{value}` uses days or weeks, which only review periods take; "
                            "write it in hours, minutes and seconds, like `1h15m`.", value=raw))
    seconds = sum(int(g) * unit for g, unit in zip(match.groups(), _UNITS, strict=True) if g)
    if seconds <= 0:
        raise ValueError(L_("`{value}` is no time at all; give a duration longer than zero.",
                            value=raw))
    if seconds > (MAX_REVIEW_SECONDS if days else MAX_SECONDS):
        raise ValueError(_too_long(raw, days))
    return seconds


def _short(raw: str) -> str:
    """What a person wrote, cut short enough to quote in a sentence."""
    return raw if len(raw) <= 24 else raw[:20] + "..."


def _too_long(raw: str | Said, days: bool) -> Said:
    value = _short(raw) if isinstance(raw, str) else raw
    if days:
        return L_("`{value}` is too long a review period; give at most 100 years, like "
                  "`5200w`.", value=value)
    return L_("`{value}` is too long; give at most a week, like `168h`.", value=value)


def format_duration(seconds: float) -> str:
    """Seconds -> `1h15m`, `2m`, `1m30s`, `45s` (whole seconds)."""
    total = int(round(seconds))
    if total <= 0:
        return "0s"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "".join(f"{v}{u}" for v, u in ((hours, "h"), (minutes, "m"), (secs, "s")) if v)


def parse_fraction(text: object) -> Fraction:
    """`2/3`, `0.75`, `75%`, `1` -> a Fraction between 0 and 1."""
    if isinstance(text, bool):
        raise ValueError(_not_fraction(str(text)))
    raw = str(text).strip() if not isinstance(text, int) or abs(text) < 10**12 else "?"
    if not _FRACTION.match(raw):
        raise ValueError(_not_fraction(_short(raw)))
    try:
        value = Fraction(raw[:-1]) / 100 if raw.endswith("%") else Fraction(raw)
    except (ValueError, ZeroDivisionError):
        raise ValueError(_not_fraction(raw)) from None
    if not 0 <= value <= 1:
        raise ValueError(L_("`{value}` is not between 0 and 1; a fraction of the group is.",
                            value=raw))
    return value


def _not_fraction(value: str) -> Said:
    return L_("`{value}` is not a fraction; write it like `2/3`, `0.75` or `75%`.",
              value=value)
