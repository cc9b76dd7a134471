"""Minutes: built from a meeting's events (`build`), rendered in the formats groups use."""

from __future__ import annotations

import json
from typing import Any

from facilitator.errors import FacilitatorError


def render(minutes: dict[str, Any], fmt: str, **options: Any) -> str:
    """The minutes as text in `fmt` (json, md; more as they are added)."""
    if fmt == "json":
        return json.dumps(minutes, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        from facilitator.minutes.markdown import render_markdown

        return render_markdown(minutes, **options)
    raise FacilitatorError(f"The format `{fmt}` is not available yet; use json or md.")
