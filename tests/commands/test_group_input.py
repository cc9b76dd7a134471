"""The group's folder and the names given to commands can reach nothing outside the group,
and an empty `--group` does not silently mean another group (issue 12)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from facilitator import session
from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library
from facilitator.session import LiveMeeting
from facilitator.store.group import Group


def test_minutes_of_a_path_outside_the_group_are_refused(tmp_path: Path, capsys) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"meeting": {"title": "not the group's"}}))
    group = tmp_path / "a" / "b" / "group"
    group.mkdir(parents=True)
    code = main(["minutes", "../../../../secret", "--group", str(group), "--format", "md"])
    out = capsys.readouterr()
    assert code == 1
    assert "not the group's" not in out.out
    assert out.err.strip() == ("facilitator: '../../../../secret' cannot be a meeting id: use "
                               "letters, digits, '-', '_' and '.'.")


@pytest.mark.parametrize("words", [["meetings", "--group", ""], ["meetings", "--group="],
                                   ["roster", "--group", " "],
                                   ["protocols", "--group", ""]])
def test_an_empty_group_is_refused(words: list[str], tmp_path: Path, monkeypatch,
                                   capsys) -> None:
    monkeypatch.setenv("FACILITATOR_GROUP", str(tmp_path / "default"))
    monkeypatch.chdir(tmp_path)
    assert main(words) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("facilitator: --group names no folder; give the group's folder, "
                           "or leave --group out to use $FACILITATOR_GROUP or the default "
                           "group.")
    assert not (tmp_path / "default").exists()


def test_an_empty_group_is_refused_by_the_store_too() -> None:
    from facilitator.errors import StoreError

    with pytest.raises(StoreError, match="named as empty text"):
        Group.from_env("")


def test_two_meetings_opened_in_the_same_minute_both_run(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Even when both draw the same random suffix (forced here), the second meeting takes
    a free id at its first command instead of being refused."""
    group = Group(tmp_path / "g")
    library, _ = build_library([])
    monkeypatch.setattr(session, "ids", random.Random(5))
    first = LiveMeeting.open(library, [], "check-in", FakeClock(), group=group)
    monkeypatch.setattr(session, "ids", random.Random(5))
    second = LiveMeeting.open(library, [], "check-in", FakeClock(), group=group)
    assert first.id == second.id  # both opened before either said a word
    first.do("join Ana")
    second.do("join Ben")  # was refused: "open in another facilitator"
    assert second.id != first.id and second.id[:-4] == first.id[:-4]
    assert second.meeting.setup.meeting_id == second.id
    header = json.loads(group.journal_path(second.id).read_text().splitlines()[0])
    assert header["meeting"]["id"] == second.id
    assert header["setup"]["setup"]["meeting_id"] == second.id
    first.close()
    second.close()
    again = LiveMeeting.resume(group, second.id, FakeClock())
    assert list(again.meeting.people) == ["Ben"]
    again.close()
