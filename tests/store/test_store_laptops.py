"""One group on many laptops: ids that never collide, writers that never lose a write, and a
meeting open on another laptop refused unless taken over."""

from __future__ import annotations

import json
import multiprocessing
import random
import socket
from pathlib import Path

import pytest
from sample_minutes import make_minutes

from facilitator import session
from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting, new_meeting_id
from facilitator.store.group import Group

WRITERS = 20


def _write(path: str, index: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    from facilitator.cli import main

    barrier.wait()  # every writer is ready: they all go at once
    if index % 5 == 0:
        Group(path).record_minutes(make_minutes(f"m{index}", "2026-03-01"))
    else:
        main(["principles", "--group", path, "add", f"Principle {index}"])


def test_twenty_parallel_writers_are_all_kept(tmp_path: Path) -> None:
    """Twenty processes adding principles and recording meetings at once: all twenty kept."""
    path = str(tmp_path / "group")
    Group(path).add_principle("First")  # the group exists, with a cache to fight over
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(WRITERS)
    writers = [context.Process(target=_write, args=(path, i, barrier)) for i in range(WRITERS)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(60)
    assert [w.exitcode for w in writers] == [0] * WRITERS
    group = Group(path)
    assert sorted(p.text for p in group.principles()) == sorted(
        ["First"] + [f"Principle {i}" for i in range(WRITERS) if i % 5])
    assert sorted(m.id for m in group.meetings()) == sorted(
        f"m{i}" for i in range(0, WRITERS, 5))


def test_meetings_opened_at_the_same_minute_on_two_laptops_get_different_ids(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """date-time-protocol plus a random suffix: readable and unique across laptops."""
    monkeypatch.setattr(session, "ids", random.SystemRandom())
    first = new_meeting_id("consent", 1767225600.0, Group(tmp_path / "a"))
    others = {new_meeting_id("consent", 1767225600.0, Group(tmp_path / "b"))
              for _ in range(50)}
    assert first.startswith("2026-01-01-0000-consent-") and len(first.split("-")[-1]) == 4
    assert len(others | {first}) == 51


def _open_elsewhere(group: Group, host: str) -> str:
    """A meeting opened on `host`, whose journal arrived here through sync."""
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    live = LiveMeeting.open(library, sources, "discussion", FakeClock(), group=group)
    live.do("join Ana")
    live.close()
    path = group.journal_path(live.id)
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    header["opened_by"] = {"host": host, "user": "ana"}
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    return live.id


def test_a_meeting_open_on_another_laptop_is_refused_with_who_and_where(tmp_path: Path) -> None:
    """Resuming it says who holds it and where, and how to take it over."""
    group = Group(tmp_path / "group")
    meeting_id = _open_elsewhere(group, "anas-laptop")
    with pytest.raises(StoreError, match=r"open on another laptop \(ana on anas-laptop\).*"
                                         r"--take-over"):
        LiveMeeting.resume(group, meeting_id, FakeClock())


def test_take_over_warns_and_then_the_meeting_is_ours(tmp_path: Path) -> None:
    """--take-over goes on after a warning; from then on this laptop holds the meeting."""
    group = Group(tmp_path / "group")
    meeting_id = _open_elsewhere(group, "anas-laptop")
    live = LiveMeeting.resume(group, meeting_id, FakeClock(), take_over=True)
    assert live.warning is not None and "Taking over" in live.warning
    live.do("join Ben")
    live.close()
    assert group.holder(meeting_id).host == socket.gethostname()
    LiveMeeting.resume(group, meeting_id, FakeClock()).close()  # no refusal now


def test_a_meeting_opened_here_is_ours(tmp_path: Path) -> None:
    """The journal's header names this laptop; resuming here needs no take-over."""
    group = Group(tmp_path / "group")
    meeting_id = _open_elsewhere(group, socket.gethostname())
    LiveMeeting.resume(group, meeting_id, FakeClock()).close()
