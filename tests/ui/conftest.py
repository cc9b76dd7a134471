"""UI test helpers: the app built by the same factory as the CLI, with a FakeClock and a
temporary group, and a pilot that waits for modals and workers to settle."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group
from facilitator.ui.app import FacilitatorApp, build_app


class Parts:
    """What `build_app` is given: a group, the library and its sources, a clock."""

    STARTED = ("join Ana", "role presenter Ana", "propose Tea", "start")
    """quick-decision, started, with Ana alone."""

    def __init__(self, group_path: Path, extra: str | None = None, builtin: bool = True) -> None:
        self.group = Group(group_path)
        self.sources = [builtin_source()] if builtin else []
        if extra is not None:
            self.sources.append(("test-protocols.yaml", extra))
        self.library, problems = build_library(self.sources, include_builtin=False)
        assert not [p for p in problems if not p.warning], problems
        self.clock = FakeClock()

    def app(self, live: LiveMeeting | None = None, **options: Any) -> FacilitatorApp:
        return build_app(live, self.group, self.library, self.sources, self.clock,
                         tick_seconds=None, **options)

    def open(self, protocol: str, *commands: str, title: str = "Test") -> LiveMeeting:
        """A new meeting of `protocol` in the group, with `commands` given at once."""
        live = LiveMeeting.open(self.library, self.sources, protocol, self.clock, title=title,
                                group=self.group)
        for line in commands:
            live.do(line)
        return live


@pytest.fixture
def parts(tmp_path: Path) -> Parts:
    return Parts(tmp_path / "group")


MakeParts = Callable[[str], Parts]


@pytest.fixture
def parts_with(tmp_path: Path) -> MakeParts:
    """Parts whose library also holds the protocols of a YAML text."""

    def make(extra: str) -> Parts:
        return Parts(tmp_path / "group", extra)

    return make


async def settle(pilot: Any, rounds: int = 3) -> None:
    """Let workers and pushed screens run."""
    for _ in range(rounds):
        await pilot.pause()


async def keys(pilot: Any, *pressed: str) -> None:
    """Press keys one at a time, letting modals open and close between them."""
    for key in pressed:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Any, text: str) -> None:
    """Type into the focused Input (as a paste: one keypress each would only be slower)."""
    pilot.app.focused.insert_text_at_cursor(text)
    await settle(pilot, 1)


def ui_test(body: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test body with asyncio (no async plugin needed); fixtures still apply."""

    @functools.wraps(body)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(body(*args, **kwargs))

    return run


async def command(pilot: Any, text: str) -> None:
    """Open the command line with `:`, type a command as in scripts, send it."""
    await keys(pilot, "colon")
    await type_text(pilot, text)
    await keys(pilot, "enter")


def notices(app: Any) -> list[str]:
    """The notifications shown so far, as text."""
    return [n.message for n in app._notifications]
