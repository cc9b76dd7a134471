"""What authors named in protocols, in the current language: a step's title (see
`protocols.texts`); one place for the screens, with no other part of `ui` imported."""

from __future__ import annotations

from facilitator.i18n import current


def title_of(step: object) -> str:
    """A step's title for people, in the current language (its id in words when it has
    no title: said as it is written)."""
    title = getattr(step, "title", None)
    if title:
        return current().text(title)
    return str(getattr(step, "display_title", ""))
