"""Errors a person may read when asking for minutes: one sentence that says what to do."""

from __future__ import annotations

from facilitator.errors import FacilitatorError


class MinutesError(FacilitatorError):
    """Minutes asked for in a way that cannot be given (an unknown format, say)."""


class TemplateError(MinutesError):
    """A `--template` that cannot be used: `FILE:LINE: why`."""
