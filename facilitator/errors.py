"""The errors a person may read. Every message is a sentence that says what to do."""

from __future__ import annotations

import attrs


class FacilitatorError(Exception):
    """Base of every error facilitator raises on purpose."""


class Refused(FacilitatorError):
    """A command that does not fit the moment. The meeting state is untouched."""


@attrs.frozen
class Problem:
    """One problem found in a protocol file, with its position (1-based)."""

    file: str
    line: int
    col: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        from facilitator.i18n import _

        kind = _("warning: ") if self.warning else ""
        return f"{self.file}:{self.line}:{self.col}: {kind}{self.message}"


class ProtocolError(FacilitatorError):
    """A protocol file (or set of files) that cannot be used; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class StoreError(FacilitatorError):
    """The group's folder or a meeting journal cannot be used as asked."""
