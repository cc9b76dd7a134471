"""The errors a person may read. Every message is a sentence that says what to do."""

from __future__ import annotations

import re

import attrs

from facilitator.i18n import Said, Translator, current

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """Control characters from a file shown escaped, so a problem stays one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


class FacilitatorError(Exception):
    """Base of every error facilitator raises on purpose."""


class Refused(FacilitatorError):
    """A command that does not fit the moment. The meeting state is untouched."""


@attrs.frozen
class Problem:
    """One problem found in a protocol file, with its position (1-based).

    Its sentence is a `Said` (or plain text): kept in English with its parts, in the parse
    cache too, and said in the language of the moment it is shown."""

    file: str
    line: int
    col: int
    said: Said | str
    warning: bool = False

    @property
    def message(self) -> str:
        """The sentence in the current language."""
        return self.in_(current())

    def in_(self, tr: Translator) -> str:
        return one_line(self.said.in_(tr) if isinstance(self.said, Said) else self.said)

    def __str__(self) -> str:
        tr = current()
        place = f"{self.file}:{self.line}:{self.col}"
        if self.warning:
            return tr.gettext("{place}: warning: {message}").format(place=place,
                                                                     message=self.in_(tr))
        return f"{place}: {self.in_(tr)}"


class ProtocolError(FacilitatorError):
    """A protocol file (or set of files) that cannot be used; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__()

    def __str__(self) -> str:  # in the language of the moment it is shown
        return "\n".join(str(p) for p in self.problems)


class StoreError(FacilitatorError):
    """The group's folder or a meeting journal cannot be used as asked."""
