"""A name or a proposal that looks like a placeholder is shown as written, never filled in
again (issue 12: a role holder named `{role.presenter}` made filling loop forever)."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PROTOCOLS = """\
version: 1
protocols:
  talk:
    title: Talk
    roles: {presenter: {}}
    steps:
      - {id: present, kind: turn, speaker: presenter, title: "{role.presenter} presents",
         prompt: "{role.presenter} on {proposal}"}
"""
SCRIPT = """\
protocol: talk
participants: ["{role.presenter}", "{proposal}"]
roles: {presenter: "{role.presenter}"}
commands:
  - propose "{item} and {role.presenter}"
  - start
  - wait 1m
  - advance
"""


@pytest.fixture(autouse=True)
def time_limit() -> Iterator[None]:
    """A hang fails the test instead of stopping the suite (SIGALRM: the main thread)."""
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("placeholder filling did not finish in 20 s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 20)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_role_holder_named_like_a_placeholder_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(PROTOCOLS)
    (tmp_path / "s.yaml").write_text(SCRIPT)
    # In a child with a time limit: before the fix this spun at 100% CPU forever.
    done = subprocess.run(
        [sys.executable, "-m", "facilitator", "simulate", "s.yaml", "--protocols", "p.yaml",
         "--group", "g", "--format", "txt"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "{role.presenter} presents" in done.stdout


def test_fill_does_not_fill_what_a_value_holds() -> None:
    from facilitator.clock import FakeClock
    from facilitator.engine.placeholders import fill
    from facilitator.protocols.loader import build_library
    from facilitator.session import LiveMeeting

    library, _ = build_library([("p.yaml", PROTOCOLS)])
    live = LiveMeeting.open(library, [], "talk", FakeClock())
    for command in ('join "{role.presenter}"', 'role presenter "{role.presenter}"',
                    'propose "{item} and {role.presenter}"'):
        live.do(command)
    assert fill(live.meeting, "{role.presenter} on {proposal}") == \
        "{role.presenter} on {item} and {role.presenter}"
    assert fill(live.meeting, "{proposal} {item}", keys=("item",)) == "{proposal} (no agenda item)"


def test_the_meeting_resumes(tmp_path: Path) -> None:
    """Before the fix, the meeting could never be resumed: replay filled the title again."""
    from facilitator.clock import FakeClock
    from facilitator.protocols.loader import build_library
    from facilitator.session import LiveMeeting
    from facilitator.store.group import Group

    group = Group(tmp_path / "g")
    library, _ = build_library([("p.yaml", PROTOCOLS)])
    sources = [("p.yaml", PROTOCOLS)]
    live = LiveMeeting.open(library, sources, "talk", FakeClock(), group=group)
    for command in ('join "{role.presenter}"', 'role presenter "{role.presenter}"', "start"):
        live.do(command)
    live.close()
    again = LiveMeeting.resume(group, live.id, FakeClock())
    assert again.meeting.floor is not None and again.meeting.floor.name == "{role.presenter}"
    again.close()
