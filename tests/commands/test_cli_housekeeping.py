"""What a newcomer meets first: readable times, a template that picks its own format, a
fenced chart, a schema beside the starter, and pipes and file systems that say no."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.clock import FakeClock
from facilitator.protocols.loader import build_library, builtin_source
from facilitator.session import LiveMeeting
from facilitator.store.group import Group


def test_meetings_shows_an_open_meetings_start_as_a_date_and_time(tmp_path, capsys) -> None:
    """A journal keeps epoch seconds; `meetings` shows `YYYY-MM-DD HH:MM` like the rest."""
    sources = [builtin_source()]
    library, _ = build_library(sources, include_builtin=False)
    clock = FakeClock()
    live = LiveMeeting.open(library, sources, "discussion", clock, title="Open one",
                            group=Group(tmp_path))
    live.do("join Ana")
    live.close()
    assert main(["meetings", "--group", str(tmp_path)]) == 0
    when = dt.datetime.fromtimestamp(clock.now())
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(when.strftime("%Y-%m-%d %H:%M") + "  " + live.id + "  Open one")
    assert main(["meetings", "--group", str(tmp_path), "--format", "json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["created_at"] == when.isoformat(timespec="seconds")


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.yaml"
    path.write_text("protocol: discussion\ntitle: Tea & cake\nparticipants: [Ana, Ben]\n"
                    "commands: [start, end]\n")
    return path


@pytest.mark.parametrize("name, escaped", [("t.md", "Tea & cake"), ("t.html", "Tea &amp; cake")])
def test_a_template_without_format_makes_its_own(tmp_path, capsys, script, name,
                                                 escaped) -> None:
    """`--template FILE` alone is not refused as json: md for a .md template, html (and
    its escaping) for a .html one."""
    template = tmp_path / name
    template.write_text("# {{ meeting.title }}\n")
    assert main(["simulate", str(script), "--template", str(template)]) == 0
    assert capsys.readouterr().out == f"# {escaped}\n"
    assert main(["simulate", str(script), "--template", str(template), "--format",
                 "json"]) == 1
    assert "cannot be used with --format json" in capsys.readouterr().err


def test_show_mermaid_prints_a_fenced_block_to_paste(capsys) -> None:
    assert main(["show", "quick-decision", "--mermaid"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("```mermaid\nflowchart TD\n") and out.endswith("\n```\n")


def test_protocols_init_writes_the_schema_its_modeline_names(tmp_path, capsys) -> None:
    from facilitator.protocols.schema import json_schema

    assert main(["protocols", "init", "--group", str(tmp_path)]) == 0
    modeline = (tmp_path / "protocols.yaml").read_text().splitlines()[0]
    assert modeline.endswith("$schema=protocols.schema.json")
    assert json.loads((tmp_path / "protocols.schema.json").read_text()) == json_schema()
    assert "protocols.schema.json" in capsys.readouterr().out


def test_protocols_init_leaves_an_existing_schema_alone(tmp_path) -> None:
    (tmp_path / "protocols.schema.json").write_text("{}")
    assert main(["protocols", "init", "--group", str(tmp_path)]) == 0
    assert (tmp_path / "protocols.schema.json").read_text() == "{}"


def test_validate_piped_into_head_keeps_its_exit_status(tmp_path) -> None:
    """The reader leaving early (`| head -1`) does not turn a bad file into a good one,
    and nothing is said about the broken pipe."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("protocols:\n" + "".join(f"  p{i}:\n    steps: 5\n" for i in range(3000)))
    result = subprocess.run(
        f"{sys.executable} -m facilitator validate {bad} | head -1; "
        "echo \"status ${PIPESTATUS[0]}\"",
        shell=True, executable="/bin/bash", capture_output=True, text=True)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{bad}:1:1: ") and lines[1] == "status 1"
    assert result.stderr == ""


def fail(code: int):
    def operation(*args, **kwargs):
        raise OSError(code, os.strerror(code), *(str(a) for a in args[:1]))

    return operation


@pytest.mark.parametrize("code, cause", [
    (errno.EROFS, "the file system is read-only. Make it writable, or use a group folder "
                  "you can write to (--group DIR)."),
    (errno.ENOSPC, "the disk is full. Free some space, then try again."),
])
def test_a_group_that_cannot_be_written_is_one_sentence(tmp_path, capsys, monkeypatch,
                                                        script, code, cause) -> None:
    """A read-only or full file system: `simulate --group` exits 1 with a sentence."""
    monkeypatch.setattr(os, "mkdir", fail(code))
    monkeypatch.setattr(os, "open", fail(code))
    assert main(["simulate", str(script), "--group", str(tmp_path / "g")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("facilitator: ") and err.endswith(f"{cause}\n")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_any_other_os_error_is_one_sentence(capsys, monkeypatch) -> None:
    import facilitator.commands.protocols as protocols

    monkeypatch.setattr(protocols, "json_schema", fail(errno.EIO))
    assert main(["schema"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("facilitator: A file of the group could not be used")
    assert err.endswith("Check the group's folder, then try again.\n")
