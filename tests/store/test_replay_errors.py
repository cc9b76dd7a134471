"""A journal entry that cannot be replayed is refused with the journal's file and line,
in one sentence, never a traceback (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.errors import StoreError
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group
from facilitator.ui.follow import Follower


def open_meeting(tmp_path: Path) -> tuple[Group, Path]:
    group = Group(tmp_path / "g")
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    live = LiveMeeting.open(library, sources, "check-in", FakeClock(), group=group)
    for command in ("join Ana", "join Ben", "start", "next"):
        live.do(command)
    live.close()
    return group, group.journal_path(live.id)


def rewrite(path: Path, line: int, change: dict) -> None:
    lines = path.read_text().split("\n")
    lines[line - 1] = json.dumps({**json.loads(lines[line - 1]), **change})
    path.write_text("\n".join(lines))


@pytest.mark.parametrize(("change", "why"), [
    ({"command": "leave Zed"}, "Zed is not here"),
    ({"command": None}, "AttributeError"),
    ({"at": "soon"}, "TypeError"),
])
def test_resume_names_the_file_and_the_line(tmp_path: Path, change: dict, why: str) -> None:
    group, path = open_meeting(tmp_path)
    rewrite(path, 3, change)
    with pytest.raises(StoreError) as caught:
        LiveMeeting.resume(group, path.stem, FakeClock())
    message = str(caught.value)
    assert message.startswith(f"{path}:3: this journal entry cannot be replayed (")
    assert why in message and "\n" not in message
    assert message.endswith("Move the lines from 3 on into another file to go on from line "
                            "2, or move the whole file away to hide this meeting.")


def test_the_command_line_prints_it_and_exits_1(tmp_path: Path, capsys) -> None:
    group, path = open_meeting(tmp_path)
    rewrite(path, 4, {"command": "leave Zed"})
    assert main(["resume", path.stem, "--plain", "--group", str(group.path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"facilitator: {path}:4: this journal entry cannot be replayed")
    assert "Traceback" not in err


def test_the_command_line_says_it_in_spanish(tmp_path: Path, capsys) -> None:
    """`facilitator --lang es resume` on a damaged journal: the file and line as they are,
    the sentence (and the engine's reason in it) in Spanish."""
    from facilitator import i18n

    group, path = open_meeting(tmp_path)
    rewrite(path, 4, {"command": "leave Zed"})
    try:
        assert main(["--lang", "es", "resume", path.stem, "--plain", "--group",
                     str(group.path)]) == 1
    finally:
        i18n.use("en")
    err = capsys.readouterr().err
    assert err.startswith(f"facilitator: {path}:4: esta entrada del diario no se puede "
                          "repetir (")
    assert err.endswith("Pase las líneas desde la 4 a otro archivo para seguir desde la "
                        "línea 3, o mueva todo el archivo a otro lugar para ocultar esta "
                        "reunión.\n")
    assert "Zed" in err and "Traceback" not in err and "cannot" not in err


def test_the_display_names_the_file_and_the_line(tmp_path: Path) -> None:
    group, path = open_meeting(tmp_path)
    rewrite(path, 5, {"command": "leave Zed"})
    with pytest.raises(StoreError, match=rf"^{path}:5: this journal entry cannot be replayed"):
        Follower(path).refresh()
