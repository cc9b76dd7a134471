"""Texts an author wrote for people, with their translations.

A protocol's human texts (titles, prompts, summaries, option labels and meanings, role
titles, agenda items) may be written as plain text or as a language map,
`title: {en: Quick decision, es: Decisión rápida}`. Either becomes a `Text`: a `str`
whose value is the English text (or, with no `en`, the first one given), so everything
that reads the model as text keeps working unchanged, carrying every translation
beside it. `pick(text, lang)` chooses the one for a language.

Rules:
- Only what authors wrote is a `Text`. What people type in a meeting (names, proposals,
  reasons) is plain `str` and is never translated: `pick` returns it as it is.
- Equality and hashing are the text's own (`Text("Agree") == "Agree"`): translations
  never change what the engine decides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

SOURCE = "en"  # the language a plain string is taken to be in
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


class Text(str):
    """Text with its translations (language code -> text)."""

    translations: Mapping[str, str]

    def __new__(cls, value: str, translations: Mapping[str, str] | None = None) -> Text:
        self = super().__new__(cls, str(value))
        self.translations = MappingProxyType({str(k): str(v) for k, v in
                                              (translations or {}).items()})
        return self

    @classmethod
    def of(cls, texts: Mapping[str, str]) -> Text:
        """The Text of a language map: English, else the first given, as its value."""
        first = texts.get(SOURCE) or next(iter(texts.values()))
        return cls(first, texts)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled by the protocol cache
        return (Text, (str(self), dict(self.translations)))

    @property
    def languages(self) -> frozenset[str]:
        """The languages it is written in; a plain text counts as English."""
        return frozenset(self.translations) or frozenset({SOURCE})


def pick(text: str, lang: str) -> str:
    """`text` in `lang`: its translation, else English, else the first given; anything
    that is not a `Text` (what people typed) exactly as it is."""
    if not isinstance(text, Text) or not text.translations:
        return str(text)
    found = text.translations.get(lang)
    if found is None and "-" in lang:
        found = text.translations.get(lang.split("-", 1)[0])
    return found if found is not None else str(text)


def es(english: str, spanish: str) -> Text:
    """A built-in text and its Spanish (the built-in scales are written this way)."""
    return Text(english, {"en": english, "es": spanish})
