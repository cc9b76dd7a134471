"""Speaking another language for a moment: a phone's own, one column of the projector.

The tool's words are looked up in the current language (`facilitator.i18n.current`); a
part that serves several languages at once speaks each for as long as it makes one text,
then goes back. Only around synchronous code: the room's server and the screens share one
asyncio loop and one thread, and nothing else runs until the block ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from facilitator.i18n import current, use


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Speak `lang` (one of `i18n.available()`) inside the block; None: as before."""
    before = current().lang
    if lang is None or lang == before:
        yield
        return
    use(lang)
    try:
        yield
    finally:
        use(before)
