"""The two-laptop story: a bare repository in a folder stands in for a USB stick; two group
folders hold a month of weekly meetings, alternating, syncing between them; both add
principles and opt-outs and record meetings before syncing. After `sync` on both, in either
order and repeated, the group's memory prints exactly the same on both."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group

SCRIPTS = Path(__file__).parents[1] / "library" / "scripts"
SHOWN = (["meetings"], ["actions"], ["decisions"], ["principles"], ["roster"],
         ["roles", "suggest"], ["workload"])


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """No global git configuration, a fixed identity: the test needs nothing of the machine."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "test@example.org")


def fac(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def week(capsys: pytest.CaptureFixture[str], group: Path, script: str) -> None:
    fac(capsys, "simulate", str(SCRIPTS / f"{script}.yaml"), "--group", str(group))


def shown(capsys: pytest.CaptureFixture[str], group: Path) -> dict[str, str]:
    return {" ".join(c): fac(capsys, *c, "--group", str(group)) for c in SHOWN}


def test_a_month_of_weekly_meetings_alternating_between_two_laptops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    usb = tmp_path / "usb" / "tenants.git"
    usb.parent.mkdir()
    subprocess.run(["git", "init", "-q", "--bare", str(usb)], check=True)
    ana, ben = tmp_path / "ana" / "tenants", tmp_path / "ben" / "tenants"

    week(capsys, ana, "weekly-meeting")  # week 1 on Ana's laptop: A1 and A2 recorded
    assert "ready to sync" in fac(capsys, "sync", "init", str(usb), "--group", str(ana))
    assert "Brought the group's history down" in fac(
        capsys, "sync", "init", str(usb), "--group", str(ben))
    assert shown(capsys, ben) == shown(capsys, ana)

    week(capsys, ben, "weekly-meeting-2")  # Ben reviews Ana's action A1 (keep)
    fac(capsys, "sync", "--group", str(ben))
    fac(capsys, "sync", "--group", str(ana))
    week(capsys, ana, "weekly-meeting-3")  # Ana closes A1, hands Ben's A2 to Dee
    fac(capsys, "sync", "--group", str(ana))
    fac(capsys, "sync", "--group", str(ben))
    week(capsys, ben, "weekly-meeting-4")  # Ben closes A2

    # Both laptops change things before syncing: no line of any file is merged.
    fac(capsys, "principles", "--group", str(ana), "add", "We start on time.")
    fac(capsys, "roster", "--group", str(ana), "--opt-out", "Cy", "facilitator")
    fac(capsys, "principles", "--group", str(ben), "add", "Decisions by consent.")
    fac(capsys, "roster", "--group", str(ben), "--opt-out", "Eli", "notetaker")
    week(capsys, ana, "quick-decision")

    # The first to sync sends; the second sends and receives; the first receives.
    for first, second in ((ana, ben), (ben, ana), (ana, ben)):
        for laptop in (first, second, first):
            fac(capsys, "sync", "--group", str(laptop))
        assert shown(capsys, ana) == shown(capsys, ben)

    final = shown(capsys, ana)
    # A1 (Ana's laptop) and A2 (Ben's) were reviewed on the other laptop, and closed there
    assert final["actions"] == ("Eli\n  A3  Send the repairs survey to every flat "
                                "(due 2026-02-01; from 2026-01-01)\n")
    assert len(final["meetings"].splitlines()) == 5
    assert "We start on time." in final["principles"] and "consent" in final["principles"]
    assert "opts out of facilitator" in final["roster"]
    assert "opts out of notetaker" in final["roster"]
    # the cache, locks and heartbeats stay on each laptop
    tracked = subprocess.run(["git", "ls-files"], cwd=ana, capture_output=True, text=True,
                             check=True).stdout.split()
    assert ".gitignore" in tracked and any(t.startswith("changes/") for t in tracked)
    assert not [t for t in tracked if t.startswith("memory") or t.endswith((".lock", ".alive"))]


def test_a_laptop_with_its_own_group_joins_the_shared_history(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`sync init REMOTE` in a folder that already holds a group joins the two histories."""
    usb = tmp_path / "usb.git"
    subprocess.run(["git", "init", "-q", "--bare", str(usb)], check=True)
    ana, ben = tmp_path / "ana", tmp_path / "ben"
    week(capsys, ana, "quick-decision")
    fac(capsys, "sync", "init", str(usb), "--group", str(ana))
    fac(capsys, "principles", "--group", str(ben), "add", "Rotate the roles.")
    fac(capsys, "sync", "init", str(usb), "--group", str(ben))
    fac(capsys, "sync", "--group", str(ana))
    assert shown(capsys, ana) == shown(capsys, ben)
    assert "Rotate the roles." in shown(capsys, ana)["principles"]


def test_each_failure_is_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """No repository yet, an unreachable shared copy, no git at all: one sentence each."""
    group = tmp_path / "group"
    fac(capsys, "principles", "--group", str(group), "add", "Be kind.")
    assert main(["sync", "--group", str(group)]) == 1
    assert "not set up for sync yet" in capsys.readouterr().err
    assert main(["sync", "init", str(tmp_path / "no-such-stick"), "--group",
                 str(tmp_path / "new")]) == 1
    err = capsys.readouterr().err
    assert "could not be reached" in err and "plugged in" in err and "Traceback" not in err
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["sync", "init", "--group", str(group)]) == 1
    assert "needs git" in capsys.readouterr().err


def test_an_open_meetings_lock_and_heartbeat_stay_on_its_laptop(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Synced while a meeting runs: its journal travels, its lock and heartbeat do not."""
    usb = tmp_path / "usb.git"
    subprocess.run(["git", "init", "-q", "--bare", str(usb)], check=True)
    ana = tmp_path / "ana"
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    live = LiveMeeting.open(library, sources, "discussion", FakeClock(), group=Group(ana))
    live.do("join Ana")
    live.beat()
    try:
        fac(capsys, "sync", "init", str(usb), "--group", str(ana))
        tracked = subprocess.run(["git", "ls-files"], cwd=ana, capture_output=True,
                                 text=True, check=True).stdout.split()
    finally:
        live.close()
    assert f"journals/{live.id}.jsonl" in tracked
    assert (ana / "journals" / f"{live.id}.jsonl.alive").exists()
    assert not [t for t in tracked if t.endswith((".lock", ".alive"))]
