"""Reading typed values out of round-trip YAML, each mistake becoming a positioned Problem.

Rules:
- A getter returns the converted value, or None after recording a Problem; it never raises.
- Positions come from ruamel.yaml's line/column data (0-based there, 1-based here);
  when a node has none (merged keys, plain scalars), the nearest enclosing node's is used.
- Every message is a sentence that says what to write instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import Any

from facilitator.errors import Problem
from facilitator.protocols.model import Where
from facilitator.protocols.texts import LANG_PATTERN, Text
from facilitator.protocols.values import parse_duration, parse_fraction

MAX_INTEGER = 1_000_000  # counts (`every`, `attempts`, `max_visits`) beyond any meeting's
MAX_DIGITS = 40

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """Control characters from a file shown escaped, so a problem stays one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


def type_name(value: object) -> str:
    """How a person would call the YAML value they wrote."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (true/false)"
    if isinstance(value, int) and abs(value) >= 10**MAX_DIGITS:
        return "a number too long to quote"  # str() of it may even be refused by Python
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, date):
        return f"the date `{value}`"
    if isinstance(value, str):
        return f"the text `{value if len(value) <= 40 else value[:36] + '...'}`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "a value of another kind"


def show(key: object) -> str:
    """A key or value as written in YAML, in backticks."""
    if key is None:
        return "`null`"
    if isinstance(key, bool):
        return f"`{str(key).lower()}`"
    if isinstance(key, int) and abs(key) >= 10**MAX_DIGITS:
        return "a number too long to quote"
    return f"`{key}`" if not isinstance(key, str) or key else "an empty key"


def suggest(word: str, known: Iterable[str]) -> str:
    """` (did you mean `x`?)` when a known word is close, else ``."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


class Shaper:
    """Collects the problems of one file while its data is turned into the model."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.texts: list[tuple[Where, str, Text]] = []  # human texts read, for `translations`

    # --- positions -----------------------------------------------------------------------

    def at(self, node: Any, key: object = None, *, of_key: bool = False) -> Where:
        """Where `node[key]` (or the key itself, or `node` when key is None) was written."""
        lc = getattr(node, "lc", None)
        line, col = 0, 0
        try:
            if lc is not None:
                line, col = lc.line or 0, lc.col or 0
                if key is not None:
                    if isinstance(node, list):
                        line, col = lc.item(key)
                    elif of_key:
                        line, col = lc.key(key)
                    else:
                        line, col = lc.value(key)
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
        return Where(self.file, int(line) + 1, int(col) + 1)

    def report(self, where: Where, message: str, *, warning: bool = False) -> None:
        self.problems.append(Problem(where.file, where.line, where.col, one_line(message),
                                     warning))

    # --- structure -----------------------------------------------------------------------

    def check_keys(self, node: Mapping[Any, Any], known: Mapping[str, str], what: str,
                   elsewhere: Mapping[str, str] | None = None) -> None:
        """Report keys of `node` not in `known`; `elsewhere` maps keys to where they belong."""
        for key in node:
            if isinstance(key, str) and key in known:
                continue
            where = self.at(node, key, of_key=True)
            if isinstance(key, str) and elsewhere and key in elsewhere:
                self.report(where, f"`{key}` belongs to {elsewhere[key]}, not to {what}; "
                                   "remove it or change the kind.")
                continue
            hint = suggest(str(key), known) or (
                "; remove it (known keys: " + ", ".join(known) + ")." if known else
                "; remove it.")
            self.report(where, f"{show(key)} is not a key of {what}{hint}")

    def require(self, node: Mapping[Any, Any], keys: Iterable[str], what: str,
                where: Where) -> None:
        for key in keys:
            if key not in node:
                self.report(where, f"{what} has no `{key}`; add it.")

    def mapping(self, value: Any, where: Where, what: str) -> dict[Any, Any] | None:
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self.report(where, f"{what} must be a mapping (`key: value` lines), "
                           f"not {type_name(value)}.")
        return None

    def sequence(self, value: Any, where: Where, what: str) -> list[Any] | None:
        if isinstance(value, list):
            return value
        self.report(where, f"{what} must be a list (`- item` lines), not {type_name(value)}.")
        return None

    # --- scalars -------------------------------------------------------------------------

    def text(self, node: Any, key: Any) -> str | None:
        value = node[key]
        if isinstance(value, str):
            return value
        if isinstance(value, int) and abs(value) >= 10**MAX_DIGITS:
            pass  # reported below: str() of it may even be refused by Python
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        self.report(self.at(node, key), f"`{key}` must be text, not {type_name(value)}.")
        return None

    def human(self, node: Any, key: Any) -> Text | None:
        """Text for people: plain text, or a language map (`{en: ..., es: ...}`)."""
        value = node[key]
        where = self.at(node, key)
        if not isinstance(value, dict) or not any(
                isinstance(lang, str) and LANG_PATTERN.match(lang) for lang in value):
            # A mapping that names no language is a mistake of type, said as such.
            text = self.text(node, key)
            if text is None:
                return None
            found = Text(text)
        else:
            texts: dict[str, str] = {}
            for lang in value:
                if not isinstance(lang, str) or not LANG_PATTERN.match(lang):
                    self.report(self.at(value, lang, of_key=True),
                                f"{show(lang)} is not a language code in `{key}`; write "
                                "one like `en`, `es` or `pt-br` (lower case).")
                    continue
                text = self.text(value, lang)
                if text is not None:
                    texts[lang] = text
            if not texts:
                return None
            found = Text.of(texts)
        self.texts.append((where, str(key), found))
        return found

    def name(self, node: Any, key: Any, what: str, pattern: str = r"[a-z][a-z0-9_-]*",
             rule: str = "lower-case letters, digits, `-` and `_`, starting with a letter"
             ) -> str | None:
        """An id given as a value: the text even when it breaks the id rule (reported)."""
        value = node[key]
        if isinstance(value, int) and not isinstance(value, bool) and \
                abs(value) < 10**MAX_DIGITS:
            value = str(value)
        if not isinstance(value, str):
            self.report(self.at(node, key), f"{what} must be an id, not {type_name(value)}.")
            return None
        self.check_id(value, self.at(node, key), what, pattern, rule)
        return value

    def check_id(self, value: str, where: Where, what: str,
                 pattern: str = r"[a-z][a-z0-9_-]*",
                 rule: str = "lower-case letters, digits, `-` and `_`, starting with a letter"
                 ) -> bool:
        if re.fullmatch(pattern, value):
            return True
        self.report(where, f"`{value}` is not a valid {what}; use {rule}.")
        return False

    def boolean(self, node: Any, key: Any) -> bool | None:
        value = node[key]
        if isinstance(value, bool):
            return value
        self.report(self.at(node, key),
                    f"`{key}` must be `true` or `false`, not {type_name(value)}.")
        return None

    def integer(self, node: Any, key: Any, minimum: int = 1) -> int | None:
        value = node[key]
        if isinstance(value, int) and not isinstance(value, bool) and \
                minimum <= value <= MAX_INTEGER:
            return int(value)
        self.report(self.at(node, key), f"`{key}` must be a whole number from {minimum} to "
                                        f"{MAX_INTEGER:,}, not {type_name(value)}.")
        return None

    def duration(self, node: Any, key: Any, *, days: bool = False) -> int | None:
        value = node[key]
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            try:
                return parse_duration(value, days=days)
            except ValueError as error:
                self.report(self.at(node, key), f"`{key}`: {error}")
                return None
        self.report(self.at(node, key), f"`{key}` must be a duration like `2m` or `1m30s`, "
                                        f"not {type_name(value)}.")
        return None

    def fraction(self, node: Any, key: Any) -> Fraction | None:
        value = node[key]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            try:
                return parse_fraction(value)
            except ValueError as error:
                self.report(self.at(node, key), f"`{key}`: {error}")
                return None
        self.report(self.at(node, key), f"`{key}` must be a fraction like `2/3`, `0.75` or "
                                        f"`75%`, not {type_name(value)}.")
        return None

    def choice(self, node: Any, key: Any, choices: Iterable[str]) -> str | None:
        value = node[key]
        options = list(choices)
        if isinstance(value, str) and value in options:
            return value
        shown = f"`{value}`" if isinstance(value, str) else type_name(value)
        hint = suggest(value, options) if isinstance(value, str) else ""
        self.report(self.at(node, key), f"{shown} is not a valid `{key}`; use one of "
                                        f"{', '.join(options)}{hint or '.'}")
        return None


def listing(names: Iterable[str], limit: int = 12) -> str:
    """Names for a sentence: the first `limit` of them, then `...`."""
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown + (", ..." if len(names) > limit else "")
