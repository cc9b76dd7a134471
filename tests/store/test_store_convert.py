"""A group from before sync (memory.json was the truth) is converted on first open: a backup is
kept, nothing is lost, old reviews still land on the right items, and it is said once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sample_minutes import make_minutes

from facilitator.cli import main
from facilitator.store.group import Group


def legacy_group(path: Path) -> Path:
    """Two meetings as the old store wrote them: minutes files, and a TinyDB memory.json
    holding principles, an opt-out, a moratorium and the old global action labels."""
    (path / "minutes").mkdir(parents=True)
    first = make_minutes("m1", "2026-03-01")
    # m2 records an action, then (old style) m3 reviews A2 by its label: m2's action
    second = make_minutes("m2", "2026-03-08", actions=[{"what": "Call", "owner": "Ana", "due": None}])
    third = make_minutes("m3", "2026-03-15", actions=[], agreements=[],
                         reviews=[{"id": "A2", "result": "done", "to": None}])
    for minutes in (first, second, third):
        (path / "minutes" / f"{minutes['meeting']['id']}.json").write_text(json.dumps(minutes))
    memory = {
        "meetings": {"1": {"id": "m1"}, "2": {"id": "m2"}, "3": {"id": "m3"}},
        "actions": {"1": {"id": "A1", "meeting": "m1", "status": "open"},
                    "2": {"id": "A2", "meeting": "m2", "status": "done"}},
        "agreements": {"1": {"id": "G1", "meeting": "m1"}, "2": {"id": "G2", "meeting": "m2"}},
        "principles": {"1": {"id": "P1", "text": "We start on time.", "added": "2026-02-01"},
                       "2": {"id": "P2", "text": "Consent, not consensus.", "added": "2026-02-02"}},
        "roster": {"1": {"name": "Ben", "opt_outs": ["facilitator"]}},
        "moratorium": {"1": {"reason": "Stretched thin", "since": "2026-03-02",
                             "lifted_on": None, "lifted_because": None}},
    }
    (path / "memory.json").write_text(json.dumps(memory))
    return path


def test_an_old_group_is_converted_once_with_a_backup(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Principles, opt-outs, moratorium kept; the old file backed up; said once, on stderr."""
    path = legacy_group(tmp_path / "group")
    old = (path / "memory.json").read_bytes()
    assert main(["principles", "--group", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == "P1  We start on time.\nP2  Consent, not consensus.\n"
    assert "converted" in err and "memory.json.before-sync" in err
    assert (path / "memory.json.before-sync").read_bytes() == old
    assert main(["principles", "--group", str(path)]) == 0
    assert capsys.readouterr().err == ""  # said once
    group = Group(path)
    assert [p.opt_outs for p in group.roster() if p.name == "Ben"] == [("facilitator",)]
    assert group.moratoria()[0].reason == "Stretched thin"
    assert (path / ".gitignore").exists()


def test_an_old_review_by_label_closes_the_item_it_meant(tmp_path: Path) -> None:
    """m3 reviewed `A2` when that was m2's action; after converting, m2's action is done."""
    group = Group(legacy_group(tmp_path / "group"))
    assert [(a.ref, a.status) for a in group.open_actions()] == [("m1#A1", "open")]


def test_the_conversion_survives_losing_the_cache(tmp_path: Path) -> None:
    """After converting, the old memory lives in a change file: the cache can go."""
    path = legacy_group(tmp_path / "group")
    before = [p.text for p in Group(path).principles()]
    (path / "memory.json").unlink()
    assert [p.text for p in Group(path).principles()] == before


def test_an_unreadable_old_memory_is_set_aside_and_the_rest_rebuilt(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cut-off old memory.json cannot be read: it is kept aside, meetings are rebuilt."""
    path = legacy_group(tmp_path / "group")
    (path / "memory.json").write_text('{"meetings": {"1": ')
    assert main(["meetings", "--group", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "could not be read" in err and len(out.splitlines()) == 3


def test_the_same_old_memory_converted_twice_counts_once(tmp_path: Path) -> None:
    """Two laptops holding copies of one old group convert it each; merged, nothing doubles."""
    ana = legacy_group(tmp_path / "ana")
    ben = tmp_path / "ben"
    shutil.copytree(ana, ben)
    Group(ana).principles(), Group(ben).principles()
    for path in (ben / "changes").iterdir():
        shutil.copyfile(path, ana / "changes" / path.name)
    assert [p.text for p in Group(ana).principles()] == [
        "We start on time.", "Consent, not consensus."]
