"""The history summed up in the cache (`Group.history()`) equals the one folded from every
meeting, and the fair-share answers read from it are those read from the whole index."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_minutes import count_reads, make_minutes

from facilitator import care, fairshare
from facilitator.cli import main
from facilitator.commands.group import SHOWN
from facilitator.store import cache
from facilitator.store.group import Group
from facilitator.store.history import KEEP, History, chronological, role_names
from facilitator.store.rows import MeetingRecord

NAMES = ["Ana", "ana", "Ben", "Cy", "Dee"]
ROLES = ["facilitator", "notetaker", "timekeeper", "presenter"]


def from_scratch(meetings: list[MeetingRecord]) -> tuple[dict[str, int], dict, dict]:
    """Totals folded the plain way, one question at a time, as the commands once did."""
    history = chronological(meetings)
    attended = {name: sum(1 for m in history if name in m.attendance)
                for m in history for name in m.attendance}
    seen = {}
    for key in {n.casefold() for m in history for n in m.attendance}:
        dates = [m.date for m in history if key in {n.casefold() for n in m.attendance}]
        seen[key] = (dates[-1], max(dates), len([m for m in history if m.date > dates[-1]]))
    roles: dict[str, dict[str, tuple[int, int]]] = {}
    for role in {r for m in history for r in m.roles}:
        names = {n.casefold() for m in history for n in role_names(m.roles.get(role))}
        roles[role] = {}
        for name in names:
            held = [i for i, m in enumerate(history) for n in
                    role_names(m.roles.get(role)) if n.casefold() == name]
            roles[role][name] = (held[-1], len(held))
    return attended, roles, seen


people = st.lists(st.sampled_from(NAMES), min_size=1, max_size=4)
a_meeting = st.fixed_dictionaries({
    "day": st.integers(1, 12),  # few days: many meetings start at the same moment
    "people": people,
    "roles": st.dictionaries(st.sampled_from(ROLES),
                             st.sampled_from(NAMES) | st.lists(st.sampled_from(NAMES),
                                                                max_size=2), max_size=3),
    "owners": st.lists(st.sampled_from(NAMES), max_size=3),
    "done": st.booleans(),
})


def record(group: Group, n: int, spec: dict) -> None:
    reviews = ([{"ref": a.ref, "result": "done", "to": None} for a in group.open_actions()[:1]]
               if spec["done"] else [])
    group.record_minutes(make_minutes(
        f"m{n}", f"2026-03-{spec['day']:02d}",
        attendance=[{"name": p, "pronouns": None} for p in spec["people"]],
        roles=spec["roles"],
        actions=[{"what": f"Task {n}.{k}", "owner": o, "due": None}
                 for k, o in enumerate(spec["owners"])],
        airtime=[{"name": p, "seconds": 10 * (k + 1), "turns": 1, "share": 0.0}
                 for k, p in enumerate(spec["people"])],
        reviews=reviews))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(a_meeting, max_size=KEEP + 4))
def test_the_history_in_the_cache_is_the_history_of_every_meeting(specs: list[dict]) -> None:
    """Whatever meetings were recorded (same-day ties, roles held by lists of names, names
    differing in case), the summary a fresh process reads from the cache equals the one
    folded from every meeting, its totals equal those counted the plain way, and every
    fair-share answer is the same from either."""
    folder = Path(tempfile.mkdtemp(prefix="history-"))
    try:
        writer = Group(folder / "group")
        for n, spec in enumerate(specs):
            record(writer, n, spec)
        group = Group(folder / "group")
        cached, meetings = group.history(), group.meetings()
        assert cached == History.of(meetings)
        attended, roles, seen = from_scratch(meetings)
        assert cached.attended == attended and cached.roles == roles and cached.seen == seen
        assert cached.count == len(meetings)
        assert list(cached.newest) == meetings[:KEEP]
        assert list(cached.recent) == chronological(meetings)[-KEEP:]
        roster, open_, facts = group.roster(), group.open_actions(), group.care()
        assert open_ == [a for a in group.actions() if a.status == "open"]
        assert group.open_agreements() == [g for g in group.agreements() if g.status == "open"]
        for source in (cached, meetings):  # the same answers from the summary or the list
            assert fairshare.suggest_roles(source, roster) == fairshare.suggest_roles(
                meetings, roster)
            assert care.suggest_roles(source, roster, open_, facts, "2026-04-01") == \
                care.suggest_roles(meetings, roster, open_, facts, "2026-04-01")
            assert care.workload(source, open_, roster, facts, "2026-04-01") == \
                care.workload(meetings, open_, roster, facts, "2026-04-01")
            assert care.check_in_notes(source, facts, "2026-04-01", roster) == \
                care.check_in_notes(meetings, facts, "2026-04-01", roster)
        for n in (1, 4, KEEP):
            assert fairshare.airtime_shares(cached, n) == fairshare.airtime_shares(meetings, n)
    finally:
        shutil.rmtree(folder)


def test_the_role_totals_of_a_small_history(tmp_path: Path) -> None:
    """Positions count from the oldest meeting; a name in any case is one person."""
    group = Group(tmp_path / "group")
    group.record_minutes(make_minutes("m1", "2026-03-01", roles={"facilitator": "Ana"}))
    group.record_minutes(make_minutes("m2", "2026-03-08", roles={"facilitator": ["ana", "Ben"]}))
    group.record_minutes(make_minutes("m3", "2026-03-15", roles={"notetaker": "Ben"}))
    history = Group(group.path).history()
    assert history.roles == {"facilitator": {"ana": (1, 2), "ben": (1, 1)},
                             "notetaker": {"ben": (2, 1)}}
    assert history.attended == {"Ana": 3, "Ben": 3} and history.count == 3
    assert [m.id for m in history.newest] == ["m3", "m2", "m1"]
    assert [m.id for m in history.last(2)] == ["m2", "m3"]


def test_a_history_never_answers_short(tmp_path: Path) -> None:
    """Asked for more meetings than it keeps whole, a History says so; `Group.history`
    folds the index again when asked for more than the cache keeps."""
    group = Group(tmp_path / "group")
    for n in range(KEEP + 3):
        group.record_minutes(make_minutes(f"m{n}", f"2026-0{1 + n // 28}-{1 + n % 28:02d}"))
    kept = Group(group.path).history()
    with pytest.raises(ValueError, match=f"keeps the last {KEEP} meetings"):
        kept.last(KEEP + 1)
    whole = Group(group.path).history(keep=KEEP + 3)
    assert len(whole.last(KEEP + 3)) == KEEP + 3
    assert fairshare.airtime_shares(whole, KEEP + 2) == fairshare.airtime_shares(
        group.meetings(), KEEP + 2)


def test_the_summaries_follow_changes_made_outside_a_meeting(tmp_path: Path) -> None:
    """A review outside a meeting closes the action in the summary too, for this process
    and the next."""
    group = Group(tmp_path / "group")
    group.record_minutes(make_minutes("m1", "2026-03-01"))
    assert [a.id for a in group.open_actions()] == ["A1"]
    group.review("A1", "done")
    assert group.open_actions() == [] and Group(group.path).open_actions() == []
    assert Group(group.path).agreements_due(dt.date(2026, 4, 1))[0].text == (
        "Keys go back to the hook")
    group.review("G1", "drop")
    assert Group(group.path).agreements_due(dt.date(2026, 4, 1)) == []


def test_a_cache_from_before_the_summaries_is_rebuilt_silently(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cache written by the previous version (well formed, its checksum right) is not
    used: the memory is rebuilt from the files, nothing lost, nothing said."""
    group = Group(tmp_path / "group")
    group.record_minutes(make_minutes("m1", "2026-03-01"))
    group.add_principle("We start on time.")
    expected = Group(group.path).history(), Group(group.path).principles()
    old = cache.VERSION - 1
    for path in group.path.glob("memory.*"):
        head, _, body = path.read_bytes().partition(b"\n")
        path.write_bytes(head.replace(f'"cache": {cache.VERSION}'.encode(),
                                      f'"cache": {old}'.encode()) + b"\n" + body)
        assert not cache.is_cache(path)
    fresh = Group(group.path)
    assert (fresh.history(), fresh.principles()) == expected
    assert capsys.readouterr() == ("", "")
    assert all(cache.is_cache(p) for p in group.path.glob("memory.*"))


def test_the_listing_is_never_longer_than_what_the_cache_keeps() -> None:
    """`meetings` shows the newest SHOWN meetings from the summary, which keeps KEEP."""
    assert SHOWN <= KEEP


def test_the_history_reads_one_cache_file(tmp_path: Path) -> None:
    """`history()` reads memory.history.json and no table of every meeting."""
    group = Group(tmp_path / "group")
    group.record_minutes(make_minutes("m1", "2026-03-01"))
    fresh = Group(group.path)
    fresh.history()
    assert dict(fresh.reads) == {"memory.history.json": 1}
    assert Counter(m.id for m in fresh.history().recent) == {"m1": 1}


def test_the_group_commands_read_each_cache_file_once_and_no_row_per_meeting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Each group command reads a cache file at most once; `meetings`, `roles suggest`,
    `workload`, `airtime`, `minutes --last` and `agreements` read summaries, never the table
    with a row for every meeting (nor every action or agreement ever made)."""
    group = Group(tmp_path / "group")
    for n in range(3):
        group.record_minutes(make_minutes(f"m{n}", f"2026-03-0{n + 1}"))
    Group(group.path).meetings()  # a fresh cache
    seen = count_reads(monkeypatch)
    for words in (["meetings"], ["roles", "suggest"], ["workload"], ["airtime"],
                  ["minutes", "--last"], ["actions"], ["roster"], ["decisions"],
                  ["moratorium"], ["principles"], ["agreements"]):
        seen.clear()
        assert main([*words, "--group", str(group.path)]) == 0
        assert set(seen.values()) <= {1}, (words, seen)
        if words[0] in ("meetings", "roles", "workload", "airtime", "minutes", "agreements"):
            every = {"memory.meetings.json", "memory.actions.json", "memory.agreements.json"}
            assert not every & set(seen), (words, seen)
    capsys.readouterr()


def test_names_that_differ_only_in_case_keep_the_order_they_came_in() -> None:
    """Who came is counted in the order the minutes name them, not a set's order (which
    changes from process to process), so `roles suggest` orders 'ana' and 'Ana' alike on
    every run."""
    names = ("bo", "ana", "Bo", "Ana", "cy", "CY")
    meeting = MeetingRecord("m1", started_at="2026-03-01T19:00:00", attendance=names)
    later = MeetingRecord("m2", started_at="2026-03-08T19:00:00", attendance=("Ana", "dee"))
    assert list(History.of([later, meeting]).attended) == [*names, "dee"]
    order = fairshare.suggest_roles([meeting, later], [])["notetaker"]
    assert order == ["ana", "Ana", "bo", "Bo", "cy", "CY", "dee"]
