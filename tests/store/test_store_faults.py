"""Every file-system operation of the store, made to fail with ENOSPC and then EROFS.

A meeting's life in a group (open the group, create the journal and its lock, commands,
the heartbeat, `end`, the minutes and memory, a second meeting left open and resumed)
is run once to count the calls of each operation. Then, for each operation, each of its
calls and each error, the same life is run with that one call failing. Whatever fails,
the person reads one sentence that names the cause and what to do (never a traceback
or a bare OSError), nothing acknowledged is lost, and no temporary or empty file is
left behind.
"""

from __future__ import annotations

import errno
import json
import os
import socket
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from facilitator.clock import FakeClock
from facilitator.errors import FacilitatorError
from facilitator.opening import minutes_files, open_group
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.journal_read import read_journal

# The os functions through which the store changes files.
OPERATIONS = ("open", "write", "fsync", "replace", "rename", "link", "mkdir", "ftruncate",
              "fchmod", "chmod", "unlink")
ERRORS = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only"}

SOURCES = [builtin_source()]
LIBRARY, _ = build_library(SOURCES, include_builtin=False)
FIRST = ["join Ana", "join Ben", "join Cy", "role facilitator Ana", "role presenter Ben",
         'propose "Open on Saturdays"', "start", "hand Ben", "next", "done", "advance",
         "stance Ana agree", "stance Ben agree", "stance Cy agree", "advance", "advance",
         "end"]


class Faults:
    """Counts the calls of each operation; makes the `nth` call of `name` fail."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: Counter[str] = Counter()
        self.target: tuple[str, int, int] | None = None
        self.fired = False
        for name in OPERATIONS:
            real = getattr(os, name)
            if name == "fsync":
                real = self._no_wait  # counted and faulted like the others, not waited for
            monkeypatch.setattr(os, name, self._wrap(name, real))

    @staticmethod
    def _no_wait(fd: int) -> None:
        os.fstat(fd)  # a closed or wrong descriptor still fails as fsync would

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def operation(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            if self.target is not None and self.target[:2] == (name, self.calls[name]):
                self.fired = True
                raise OSError(self.target[2], os.strerror(self.target[2]), str(args[0]))
            return real(*args, **kwargs)

        return operation

    def arm(self, name: str, nth: int, code: int) -> None:
        self.calls.clear()
        self.target, self.fired = (name, nth, code), False

    def disarm(self) -> None:
        self.target = None


def life(group_dir: Path, acknowledged: dict[str, list[str]], told: list[str]) -> None:
    """One meeting ended and recorded, a second left open, torn and resumed. `acknowledged`
    gets each command once `do` has returned (when the screen would show it)."""
    clock = FakeClock()
    group = open_group(group_dir, warn=told.append)
    live = LiveMeeting.open(LIBRARY, SOURCES, "quick-decision", clock, title="Faults",
                            group=group)
    for number, command in enumerate(FIRST):
        live.do(command)
        acknowledged.setdefault(live.id, []).append(command)
        if number == 8:
            clock.advance(30)
            told.extend(str(e) for e in live.tick())  # the heartbeat: an atomic write
    live.finish(minutes_files(live.minutes()))

    second = LiveMeeting.open(LIBRARY, SOURCES, "discussion", clock, group=group)
    second.do("join Ana")
    acknowledged.setdefault(second.id, []).append("join Ana")
    second.close()
    # A torn last line (a kill mid-write) and a stale lock (its process gone) are set
    # aside on resuming: that writes the .torn file, truncates, renames the lock.
    journal = group_dir / "journals" / f"{second.id}.jsonl"
    with open(journal, "ab") as handle:
        handle.write(b'{"seq": 2, "at": 1')
    stale = {"pid": 0, "hostname": socket.gethostname()}
    journal.with_name(journal.name + ".lock").write_text(json.dumps(stale))
    again = LiveMeeting.resume(open_group(group_dir, warn=told.append), second.id, clock)
    again.do("join Ben")
    acknowledged[second.id].append("join Ben")
    again.close()


def check_nothing_lost(group_dir: Path, acknowledged: dict[str, list[str]],
                       unlink_failed: bool) -> None:
    """Every acknowledged command is in its journal, in order; an ended meeting is
    recorded (now, if not before); nothing half-made is left (when removing it was what
    failed, tidying the group removes it once it is old)."""
    journals = group_dir / "journals"
    for meeting_id, commands in acknowledged.items():
        said = [e["command"] for e in read_journal(journals / f"{meeting_id}.jsonl").entries]
        assert said[: len(commands)] == commands
    if unlink_failed:
        for path in group_dir.rglob("*"):
            os.utime(path, (0, 0))
    group = open_group(group_dir, warn=lambda text: None)
    recorded = {m.id for m in group.meetings()}
    for meeting_id, commands in acknowledged.items():
        if commands[-1] == "end":
            assert meeting_id in recorded
            assert (group_dir / "minutes" / f"{meeting_id}.md").exists()
    left = [p.name for p in group_dir.rglob("*") if ".tmp-" in p.name or ".lock." in p.name]
    assert left == []
    empty = [p.name for p in journals.glob("*.jsonl") if p.stat().st_size == 0] \
        if journals.is_dir() else []
    assert empty == []


def test_each_file_operation_failing_is_told_in_a_sentence_and_loses_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    faults = Faults(monkeypatch)
    life(tmp_path / "count", {}, [])
    counts = dict(faults.calls)
    assert counts["open"] and counts["write"] and counts["fsync"] and counts["replace"]

    runs = failures = 0
    for name in OPERATIONS:
        for nth in range(1, counts.get(name, 0) + 1):
            for code, cause in ERRORS.items():
                group_dir = tmp_path / f"{name}-{nth}-{code}"
                acknowledged: dict[str, list[str]] = {}
                told: list[str] = []
                faults.arm(name, nth, code)
                try:
                    life(group_dir, acknowledged, told)
                except FacilitatorError as error:
                    told.append(str(error))
                finally:
                    faults.disarm()
                assert faults.fired
                runs += 1
                where = f"os.{name} call {nth} failing with {errno.errorcode[code]}"
                for sentence in told:
                    assert cause in sentence, f"{where}: {sentence}"
                    assert sentence.endswith(".") and "Errno" not in sentence, where
                    assert ".tmp-" not in sentence, where  # the file a person knows of
                failures += bool(told)
                check_nothing_lost(group_dir, acknowledged, name == "unlink")
    print(f"\n{runs} faults injected over {counts}; {failures} told in a sentence")
    assert runs == 2 * sum(counts.values())
    assert failures > runs // 2  # most faults are felt and told, not only survived
