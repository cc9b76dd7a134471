"""The tool's own words in the group's language: gettext catalogs, and Babel for dates and
numbers.

English is the source: every text the tool says is written in English in the code,
marked `_("...")` (or `ngettext(singular, plural, n)`), and looked up in
`facilitator/locale/<lang>/LC_MESSAGES/facilitator.mo` (compiled from the `.po` beside
it; `scripts/catalogs.py` extracts and compiles them). A `Translator` is bound to one
language; the command line sets the current one with `use(lang)`, and `_`/`ngettext`
here ask it. A part that serves several languages at once (a phone page per person, a
projector showing two) asks `translator(lang)` for its own and calls its methods.

Rules:
- Only the tool's words are translated. What people typed (names, pronouns, proposals,
  reasons, titles) is never looked up: it is put into a translated sentence with
  `.format()`, after the lookup.
- Texts authors wrote in protocols are `protocols.texts.Text`; `Translator.text` picks
  their language.
- `xx-pseudo` is a pseudo-locale for tests, made here, not written in a catalog: every
  message wrapped in `⟦…⟧`, its letters accented and lengthened by a third, so a test can
  see any text that did not go through a catalog, and room for longer languages.
- Language codes are lower case with `-` (`es`, `pt-br`); `es_MX.UTF-8` is read as `es-mx`
  and, with no catalog of its own, served by `es`.
- Babel is imported only for a language other than English: English output is the
  code's own text, unchanged.
- A sentence made long before it is shown, and perhaps kept on disk (a protocol file's
  problems, in the parse cache), is a `Said`: `L_("... {key} ...", key=...)` (or
  `LN_(singular, plural, n, ...)`) keeps the English template and its parts, and is said
  in a language only when shown (`str()` in the current one, `.in_(translator)`). Its
  parts are what the author typed, kept as they are, or other `Said`s, said in the same
  language. A template is always `.format()`ed: a literal brace is written `{{`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext as _gettext

DOMAIN = "facilitator"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE = "en"
PSEUDO = "xx-pseudo"
OPEN, CLOSE = "⟦", "⟧"

# Placeholders a message keeps as they are (`{name}`, `{0}`, `%(name)s`, `%s`).
_HOLES = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[sdrf]")
_ACCENTS = str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ")


def available() -> tuple[str, ...]:
    """The languages the tool speaks: English, each catalog shipped, and the pseudo-locale."""
    shipped = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE, *(lang for lang in shipped if lang != SOURCE), PSEUDO)


def normalise(code: str) -> str:
    """`es_MX.UTF-8` -> `es-mx`; `C` and `POSIX` -> `en`."""
    code = code.strip().split(".", 1)[0].split("@", 1)[0].replace("_", "-").lower()
    return SOURCE if code in ("c", "posix") else code


def supported(code: str) -> str | None:
    """The language of ours that serves `code` (`es-mx` -> `es`), or None."""
    code = normalise(code)
    if not code:
        return None
    langs = available()
    if code in langs:
        return code
    primary = code.split("-", 1)[0]
    return primary if primary in langs and primary != "xx" else None


def resolve(option: str | None, group: str | None,
            environ: Mapping[str, str]) -> tuple[str, str | None]:
    """The language to speak, and a sentence to say when one asked for is not available.

    `--lang` first, then the group's setting, then `LANGUAGE` (a `:` list) and `LANG`
    from the environment, then English. A language asked for by name (`--lang`, the
    group's setting) that we do not have falls back to English, saying so once; one
    from the environment falls back quietly (most systems name a language we lack)."""
    for asked in (option, group):
        if asked:
            found = supported(asked)
            if found:
                return found, None
            return SOURCE, (f"There is no translation into `{asked}` yet, so facilitator "
                            f"speaks English; available: {', '.join(available()[:-1])}.")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for code in environ.get(variable, "").split(":"):
            found = supported(code) if code else None
            if found:
                return found, None
        if environ.get(variable) and variable != "LANGUAGE":
            break  # LC_ALL beats LC_MESSAGES beats LANG: the first set one decides
    return SOURCE, None


def pseudo(message: str) -> str:
    """`Agreed by {name}` -> `⟦Ágréééd bý {name}·····⟧`: accented, a third longer, wrapped;
    placeholders kept as they are."""
    parts, last = [], 0
    for hole in _HOLES.finditer(message):
        parts.append(message[last:hole.start()].translate(_ACCENTS))
        parts.append(hole.group())
        last = hole.end()
    parts.append(message[last:].translate(_ACCENTS))
    body = "".join(parts)
    return f"{OPEN}{body}{'·' * max(1, -(-len(message) // 3))}{CLOSE}"


class Translator:
    """The tool's words in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        # English is the code's own text: no catalog, and gettext not even imported.
        self._catalog: _gettext.GNUTranslations | None = None
        compiled = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if lang not in (SOURCE, PSEUDO) and compiled.is_file():
            import gettext

            with compiled.open("rb") as mo:  # the folder is named as we name the language
                self._catalog = gettext.GNUTranslations(mo)

    @property
    def english(self) -> bool:
        return self.lang == SOURCE

    def gettext(self, message: str) -> str:
        if self.lang == PSEUDO:
            return pseudo(message)
        return message if self._catalog is None else self._catalog.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        """`message` as said in `context` ("blocked" of a stance, of a step's outcome)."""
        if self.lang == PSEUDO:
            return pseudo(message)
        return message if self._catalog is None else self._catalog.pgettext(context, message)

    def word(self, marked: tuple[str, str]) -> str:
        """A message marked with `C_` where it was written."""
        return self.pgettext(*marked)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.lang == PSEUDO or self._catalog is None:
            chosen = singular if n == 1 else plural
            return pseudo(chosen) if self.lang == PSEUDO else chosen
        return self._catalog.ngettext(singular, plural, n)

    def text(self, value: str) -> str:
        """A protocol author's text in this language (see `protocols.texts`); anything
        people typed, unchanged."""
        from facilitator.protocols.texts import Text, pick

        if self.lang == PSEUDO:
            return pseudo(str(value)) if isinstance(value, Text) else str(value)
        return pick(value, self.lang)

    # --- Babel: dates and numbers in the language's own way -------------------------------

    @property
    def locale(self) -> str:
        return "en" if self.lang == PSEUDO else self.lang.replace("-", "_")

    def date(self, moment: dt.date, form: str = "long") -> str:
        """`1 de enero de 2026` (`long`), `jueves, 1 de enero de 2026` (`full`)."""
        from babel.dates import format_date

        text = format_date(moment, form, locale=self.locale)
        return pseudo(text) if self.lang == PSEUDO else text

    def day_month(self, day: dt.date) -> str:
        """`3 de noviembre`: a day of the year as the language says it."""
        from babel.dates import format_skeleton

        text = format_skeleton("MMMMd", day, locale=self.locale)
        return pseudo(text) if self.lang == PSEUDO else text

    def time(self, moment: dt.datetime) -> str:
        """`19:00`, written as the language does."""
        from babel.dates import format_time

        text = format_time(moment, "short", locale=self.locale)
        return pseudo(text) if self.lang == PSEUDO else text

    def integer(self, number: int) -> str:
        """`1,000,000` -> `1.000.000` in Spanish: grouped as the language does."""
        if self.english:
            return f"{number:,}"
        from babel.numbers import format_decimal

        return format_decimal(number, "#,##0", locale=self.locale)

    def decimal(self, number: float, digits: int = 2) -> str:
        """`0.87` -> `0,87` in Spanish."""
        from babel.numbers import format_decimal

        pattern = "0." + "0" * digits if digits else "0"
        return format_decimal(number, pattern, locale=self.locale)

    def percent(self, share: float) -> str:
        """`0.42` -> `42 %` in Spanish."""
        from babel.numbers import format_percent

        return format_percent(share, locale=self.locale)


class Number(int):
    """An integer part of a `Said`, written with the language's grouping when it is said
    (1,000,000 in English, 1.000.000 in Spanish)."""

    __slots__ = ()


class Said:
    """A sentence in English with its parts, said in a language only when it is shown."""

    __slots__ = ("args", "n", "plural", "template")

    def __init__(self, template: str, args: tuple[tuple[str, object], ...] = (),
                 plural: str | None = None, n: int = 0) -> None:
        self.template = template
        self.args = args
        self.plural = plural
        self.n = n

    def _key(self) -> tuple[object, ...]:
        return self.template, self.args, self.plural, self.n

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Said) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[object, ...]:
        return Said, self._key()

    def __repr__(self) -> str:
        return f"Said({self.template!r}, {self.args!r})"

    def in_(self, tr: Translator) -> str:
        """The sentence in `tr`'s language, its parts put in after the lookup."""
        parts = {name: value.in_(tr) if isinstance(value, Said) else
                 tr.integer(value) if isinstance(value, Number) else value
                 for name, value in self.args}
        english = self.template if self.plural is None or self.n == 1 else self.plural
        said = tr.gettext(self.template) if self.plural is None else \
            tr.ngettext(self.template, self.plural, self.n)
        try:
            return said.format(**parts)
        except (KeyError, IndexError, ValueError):  # a catalog's mistake: say it in English
            return english.format(**parts)

    def __str__(self) -> str:
        return self.in_(_current)


def L_(template: str, /, **parts: object) -> Said:
    """A sentence said later, in the language of the moment it is shown (see `Said`)."""
    return Said(template, tuple(parts.items()))


def LN_(singular: str, plural: str, n: int, /, **parts: object) -> Said:
    """The same with a singular and a plural form, chosen by `n` when it is shown."""
    return Said(singular, tuple(parts.items()), plural, n)


def say(text: str | Said, tr: Translator | None = None) -> str:
    """A plain text as it is, a `Said` in `tr`'s language (the current one)."""
    return text.in_(tr or _current) if isinstance(text, Said) else text


@functools.lru_cache(maxsize=16)
def translator(lang: str) -> Translator:
    """The translator for `lang` (one of `available()`), made once."""
    return Translator(lang)


_current = translator(SOURCE)


def use(lang: str) -> Translator:
    """Speak `lang` from now on, in this process (the command line does this once)."""
    global _current
    _current = translator(lang)
    return _current


def current() -> Translator:
    return _current


def _(message: str) -> str:
    """`message` in the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language."""
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is written; translated where it is used."""
    return message


def C_(context: str, message: str) -> tuple[str, str]:
    """Marks a message with its context (`C_("stance", "blocked")`); `Translator.word`
    translates it where it is used."""
    return context, message
