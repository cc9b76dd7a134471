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

from facilitator.errors import Problem, one_line
from facilitator.i18n import L_, Number, Said
from facilitator.protocols.model import Where
from facilitator.protocols.texts import LANG_PATTERN, Text
from facilitator.protocols.values import parse_duration, parse_fraction

MAX_INTEGER = 1_000_000  # counts (`every`, `attempts`, `max_visits`) beyond any meeting's
MAX_DIGITS = 40

__all__ = ["Shaper", "listing", "one_line", "show", "suggest", "type_name"]


def type_name(value: object) -> Said:
    """How a person would call the YAML value they wrote."""
    if value is None:
        return L_("empty (null)")
    if isinstance(value, bool):
        return L_("`{value}` (true/false)", value=str(value).lower())
    if isinstance(value, int) and abs(value) >= 10**MAX_DIGITS:
        return L_("a number too long to quote")  # str() of it may even be refused by Python
    if isinstance(value, (int, float)):
        return L_("the number `{value}`", value=str(value))
    if isinstance(value, date):
        return L_("the date `{value}`", value=str(value))
    if isinstance(value, str):
        return L_("the text `{value}`", value=value if len(value) <= 40 else value[:36] + "...")
    if isinstance(value, dict):
        return L_("a mapping")
    if isinstance(value, list):
        return L_("a list")
    return L_("a value of another kind")


def show(key: object) -> str | Said:
    """A key or value as written in YAML, in backticks."""
    if key is None:
        return "`null`"
    if isinstance(key, bool):
        return f"`{str(key).lower()}`"
    if isinstance(key, int) and abs(key) >= 10**MAX_DIGITS:
        return L_("a number too long to quote")
    return f"`{key}`" if not isinstance(key, str) or key else L_("an empty key")


def suggest(word: str, known: Iterable[str]) -> str | Said:
    """`; did you mean `x`?` when a known word is close, else ``."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return L_("; did you mean `{word}`?", word=close[0]) if close else ""


_MAXIMUM = Number(MAX_INTEGER)
ID_RULE = L_("lower-case letters, digits, `-` and `_`, starting with a letter")


def _reason(error: ValueError) -> str | Said:
    """What a value parser said (`protocols.values` raises with a `Said`)."""
    said = error.args[0] if error.args else ""
    return said if isinstance(said, (str, Said)) else str(said)


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

    def report(self, where: Where, message: Said, *, warning: bool = False) -> None:
        self.problems.append(Problem(where.file, where.line, where.col, message, warning))

    # --- structure -----------------------------------------------------------------------

    def check_keys(self, node: Mapping[Any, Any], known: Mapping[str, str], what: Said,
                   elsewhere: Mapping[str, Said] | None = None) -> None:
        """Report keys of `node` not in `known`; `elsewhere` maps keys to where they belong."""
        for key in node:
            if isinstance(key, str) and key in known:
                continue
            where = self.at(node, key, of_key=True)
            if isinstance(key, str) and elsewhere and key in elsewhere:
                self.report(where, L_("`{key}` belongs to {owner}, not to {what}; remove it "
                                      "or change the kind.", key=key, owner=elsewhere[key],
                                      what=what))
                continue
            hint = suggest(str(key), known) or (
                L_("; remove it (known keys: {keys}).", keys=", ".join(known)) if known else
                L_("; remove it."))
            self.report(where, L_("{key} is not a key of {what}{hint}", key=show(key),
                                  what=what, hint=hint))

    def require(self, node: Mapping[Any, Any], keys: Iterable[str], what: str | Said,
                where: Where) -> None:
        for key in keys:
            if key not in node:
                self.report(where, L_("{what} has no `{key}`; add it.", what=what, key=key))

    def mapping(self, value: Any, where: Where, what: str | Said) -> dict[Any, Any] | None:
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self.report(where, L_("{what} must be a mapping (`key: value` lines), not {value}.",
                              what=what, value=type_name(value)))
        return None

    def sequence(self, value: Any, where: Where, what: str | Said) -> list[Any] | None:
        if isinstance(value, list):
            return value
        self.report(where, L_("{what} must be a list (`- item` lines), not {value}.",
                              what=what, value=type_name(value)))
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
        self.report(self.at(node, key), L_("`{key}` must be text, not {value}.", key=key,
                                           value=type_name(value)))
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
                                L_("{lang} is not a language code in `{key}`; write one like "
                                   "`en`, `es` or `pt-br` (lower case).", lang=show(lang),
                                   key=key))
                    continue
                text = self.text(value, lang)
                if text is not None:
                    texts[lang] = text
            if not texts:
                return None
            found = Text.of(texts)
        self.texts.append((where, str(key), found))
        return found

    def name(self, node: Any, key: Any, what: Said, pattern: str = r"[a-z][a-z0-9_-]*",
             rule: Said = ID_RULE) -> str | None:
        """An id given as a value: the text even when it breaks the id rule (reported)."""
        value = node[key]
        if isinstance(value, int) and not isinstance(value, bool) and \
                abs(value) < 10**MAX_DIGITS:
            value = str(value)
        if not isinstance(value, str):
            self.report(self.at(node, key), L_("{what} must be an id, not {value}.",
                                               what=what, value=type_name(value)))
            return None
        self.check_id(value, self.at(node, key), what, pattern, rule)
        return value

    def check_id(self, value: str, where: Where, what: Said,
                 pattern: str = r"[a-z][a-z0-9_-]*", rule: Said = ID_RULE) -> bool:
        if re.fullmatch(pattern, value):
            return True
        self.report(where, L_("`{value}` is not a valid {what}; use {rule}.", value=value,
                              what=what, rule=rule))
        return False

    def boolean(self, node: Any, key: Any) -> bool | None:
        value = node[key]
        if isinstance(value, bool):
            return value
        self.report(self.at(node, key), L_("`{key}` must be `true` or `false`, not {value}.",
                                           key=key, value=type_name(value)))
        return None

    def integer(self, node: Any, key: Any, minimum: int = 1) -> int | None:
        value = node[key]
        if isinstance(value, int) and not isinstance(value, bool) and \
                minimum <= value <= MAX_INTEGER:
            return int(value)
        self.report(self.at(node, key), L_("`{key}` must be a whole number from {minimum} to "
                                           "{maximum}, not {value}.", key=key,
                                           minimum=minimum, maximum=_MAXIMUM,
                                           value=type_name(value)))
        return None

    def duration(self, node: Any, key: Any, *, days: bool = False) -> int | None:
        value = node[key]
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            try:
                return parse_duration(value, days=days)
            except ValueError as error:
                self.report(self.at(node, key), L_("`{key}`: {error}", key=key,
                                                   error=_reason(error)))
                return None
        self.report(self.at(node, key), L_("`{key}` must be a duration like `2m` or `1m30s`, "
                                           "not {value}.", key=key, value=type_name(value)))
        return None

    def fraction(self, node: Any, key: Any) -> Fraction | None:
        value = node[key]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            try:
                return parse_fraction(value)
            except ValueError as error:
                self.report(self.at(node, key), L_("`{key}`: {error}", key=key,
                                                   error=_reason(error)))
                return None
        self.report(self.at(node, key), L_("`{key}` must be a fraction like `2/3`, `0.75` or "
                                           "`75%`, not {value}.", key=key,
                                           value=type_name(value)))
        return None

    def choice(self, node: Any, key: Any, choices: Iterable[str]) -> str | None:
        value = node[key]
        options = list(choices)
        if isinstance(value, str) and value in options:
            return value
        shown = f"`{value}`" if isinstance(value, str) else type_name(value)
        hint = suggest(value, options) if isinstance(value, str) else ""
        self.report(self.at(node, key), L_("{value} is not a valid `{key}`; use one of "
                                           "{options}{hint}", value=shown, key=key,
                                           options=", ".join(options), hint=hint or "."))
        return None


def listing(names: Iterable[str], limit: int = 12) -> str:
    """Names for a sentence: the first `limit` of them, then `...`."""
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown + (", ..." if len(names) > limit else "")
