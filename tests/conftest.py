"""Shared test helpers: protocols from YAML text, and a meeting driven with a fake clock."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from facilitator import session
from facilitator.clock import FakeClock
from facilitator.engine.events import to_json
from facilitator.errors import Refused
from facilitator.protocols.loader import build_library
from facilitator.protocols.model import Library
from facilitator.session import LiveMeeting

# Property tests draw the same examples on every run (no test passes or fails by the luck of
# the draw, on a loaded machine neither: no deadline). To explore new examples while
# developing: HYPOTHESIS_EXPLORE=1 pytest.
settings.register_profile("facilitator", derandomize=not os.environ.get("HYPOTHESIS_EXPLORE"),
                          deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("facilitator")

# Every test runs in UTC, whatever zone the machine is set to: dates the tests expect (an
# agreement's review date, a meeting's day) are the same on every laptop. Tests of time
# zones set their own (tests/engine/test_meeting_day.py).
os.environ["TZ"] = "UTC"
time.tzset()


@pytest.fixture(autouse=True, scope="session")
def protocol_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Parsed protocol files are cached in a folder of the test run's own, never in the
    user's cache (subprocesses inherit it)."""
    import os

    os.environ["FACILITATOR_CACHE"] = str(tmp_path_factory.mktemp("protocol-cache"))


@pytest.fixture(autouse=True, scope="session")
def english_unless_asked() -> None:
    """The suite speaks English unless a test asks for another language: a developer's
    own LANGUAGE or LANG must not change what tests see (subprocesses inherit this)."""
    import os

    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        os.environ.pop(variable, None)
    os.environ["LANG"] = "C.UTF-8"


@pytest.fixture
def spanish() -> Iterator[None]:
    """The tool speaks Spanish for the test (the facilitator's language), then English."""
    from facilitator import i18n

    before = i18n.current().lang
    i18n.use("es")
    try:
        yield
    finally:
        i18n.use(before)


@pytest.fixture(autouse=True)
def seeded_meeting_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Meeting-id suffixes are random on a laptop; in tests they repeat, so snapshots and
    golden files are stable."""
    monkeypatch.setattr(session, "ids", random.Random(13))


def library_from(text: str, name: str = "test.yaml") -> Library:
    library, problems = build_library([(name, text)])
    errors = [p for p in problems if not p.warning and p.file == name]
    assert not errors, "\n".join(map(str, errors))
    return library


class Driver:
    """A meeting under test: commands, waits, and refusals that must change nothing."""

    def __init__(self, library: Library, protocol: str, people: tuple[str, ...] = ("Ana", "Ben", "Cy"),
                 roles: dict[str, str] | None = None, group=None) -> None:
        self.clock = FakeClock()
        self.live = LiveMeeting.open(library, [], protocol, self.clock, title="Test", group=group)
        self.events: list[dict] = []
        for name in people:
            self.do(f"join {name}")
        for role, name in (roles or {}).items():
            self.do(f"role {role} {name}")

    @property
    def m(self):
        return self.live.meeting

    def do(self, *commands: str) -> list[dict]:
        out = []
        for command in commands:
            # Events as the journal keeps them: what the tests assert on.
            out += [to_json(e) for e in self.live.do(command)]
        self.events += out
        return out

    def wait(self, seconds: float) -> list[dict]:
        self.clock.advance(seconds)
        events = [to_json(e) for e in self.live.tick()]
        self.events += events
        return events

    def refused(self, command: str) -> str:
        before = self.live.meeting
        entries = len(self.live.entries)
        with pytest.raises(Refused) as info:
            self.live.do(command)
        assert self.live.meeting is before
        assert len(self.live.entries) == entries
        message = str(info.value)
        assert message.endswith((".", "?", ")")) and "\n" not in message
        return message

    @property
    def step(self) -> str | None:
        return self.m.step.id if self.m.step else None

    @property
    def floor(self) -> str | None:
        return self.m.floor.name if self.m.floor else None

    def stack(self) -> list[str]:
        from facilitator.engine.steps.discussion import ordered_stack

        return [h.name for h, _ in ordered_stack(self.m, self.m.run)]

    def minutes(self) -> dict:
        return self.live.minutes()

    def of(self, kind: str) -> list[dict]:
        return [e for e in self.events if e["type"] == kind]


@pytest.fixture
def driver():
    return Driver
