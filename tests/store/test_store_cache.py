"""memory.json is a cache of the group's files: missing, stale, damaged or of any shape, it is
rebuilt, and nothing is lost; a Group reads it once."""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_minutes import count_reads, make_minutes, memory

from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.opening import open_group
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store import cache
from facilitator.store.group import Group


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    group = Group(tmp_path / "group")
    group.record_minutes(make_minutes("m1", "2026-03-01"))
    group.add_principle("We start on time.")
    group.set_opt_out("Ben", "facilitator", True)
    group.record_minutes(make_minutes(
        "m2", "2026-03-08", actions=[], reviews=[{"id": "m1#A1", "result": "done", "to": None}]))
    group.set_moratorium("Stretched thin")
    return group.path


def test_nothing_is_created_until_the_first_write(tmp_path: Path) -> None:
    """Reading a group that does not exist yet creates no file or folder."""
    group = Group(tmp_path / "group")
    assert group.meetings() == [] and group.principles() == []
    assert not group.path.exists()


def test_the_cache_is_private_and_no_temporary_file_is_left(filled: Path) -> None:
    """memory.json is 0o600 in a 0o700 folder; no temporary files stay behind."""
    assert stat.S_IMODE((filled / "memory.json").stat().st_mode) == 0o600
    assert stat.S_IMODE(filled.stat().st_mode) == 0o700
    assert not [p for p in filled.rglob(".*tmp*")]


def test_deleting_the_cache_loses_nothing(filled: Path) -> None:
    """Without memory.json (and its facts), the memory is rebuilt from the files, the same."""
    before = memory(filled)
    assert before["principles"][0].text == "We start on time."
    assert before["roster"][1].opt_outs == ("facilitator",)
    assert before["actions"] == []  # m1's action was reviewed done in m2
    for cache_file in filled.glob("memory.*"):
        cache_file.unlink()
    assert memory(filled) == before
    assert (filled / "memory.json").exists()


@pytest.mark.parametrize("damage", [b"", b'{"cache": 2, "sources"', b"\x00\xff garbage",
                                    b'{"cache": 2}\n{"tables": {}}'])
def test_a_damaged_cache_is_rebuilt(filled: Path, damage: bytes) -> None:
    """A cut-off, empty, binary or forged cache is not used: it is rebuilt, nothing lost."""
    before = memory(filled)
    for cache_file in filled.glob("memory.*"):
        cache_file.write_bytes(damage)
    assert memory(filled) == before


def test_a_stale_cache_takes_in_files_that_arrived(filled: Path, tmp_path: Path) -> None:
    """A change file copied in from elsewhere (sync) is in the memory on the next read."""
    other = Group(tmp_path / "other")
    other.add_principle("Decisions by consent.")
    [name] = os.listdir(other.changes_path)
    (filled / "changes" / name).write_bytes((other.changes_path / name).read_bytes())
    assert [p.text for p in memory(filled)["principles"]] == [
        "We start on time.", "Decisions by consent."]


def test_a_group_reads_its_memory_once(filled: Path) -> None:
    """Every query after the first is answered from what was read."""
    group = Group(filled)
    for _ in range(3):
        group.meetings(), group.roster(), group.open_actions(), group.principles()
        group.agreements_due(__import__("datetime").date(2026, 4, 1))
    assert set(group.reads.values()) == {1}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["cache", "tables", "meetings", "roster", "id", "name",
                                      "sources", "sha256", "principles", "1"]), inner,
                      max_size=4),
    max_leaves=20,
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values)
def test_a_cache_of_any_json_shape_is_rebuilt(filled: Path, value: object) -> None:
    """Valid JSON of the wrong shape (wrong types, no id or name, NaN) is simply rebuilt."""
    expected = memory(filled)
    text = json.dumps(value)
    for cache_file in filled.glob("memory.*"):
        cache_file.write_text(text + "\n" + text)
    assert memory(filled) == expected


def test_deep_nesting_and_nan_give_no_traceback_in_a_command(
        filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cache nested 100,000 deep, or holding NaN, never reaches a reader: the command works."""
    main(["principles", "--group", str(filled)])
    expected = capsys.readouterr().out
    for damage in ("[" * 100_000 + "]" * 100_000, json.dumps({"cache": 2, "x": math.nan})):
        (filled / "memory.json").write_text(damage)
        assert main(["principles", "--group", str(filled)]) == 0
        assert capsys.readouterr().out == expected


def test_the_cache_checks_its_own_body(tmp_path: Path) -> None:
    """A cache whose body was edited (the checksum no longer matches) is not used."""
    path = tmp_path / "memory.json"
    cache.write(path, "s", {"tables": {"principles": []}})
    assert cache.read(path, "s") == {"tables": {"principles": []}}
    assert cache.read(path, "other") is None
    path.write_bytes(path.read_bytes().replace(b"[]", b"[1]"))
    assert cache.read(path, "s") is None


def test_opening_a_meeting_reads_each_part_of_the_memory_once(
        filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a meeting (actions to review, agreements due, deferred items, counts,
    moratorium) reads no cache file twice; `principles` reads only the small tables."""
    Group(filled).meetings()  # a fresh cache
    seen = count_reads(monkeypatch)
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    live = LiveMeeting.open(library, sources, "weekly-meeting", FakeClock(),
                            group=open_group(filled))
    assert live.meeting.setup.moratorium == "Stretched thin"
    assert seen and set(seen.values()) == {1}
    seen.clear()
    main(["principles", "--group", str(filled)])
    assert dict(seen) == {"memory.json": 1}
