"""The store's sentences (refusals of the file system, of a lock, of git, of the group's
folder) in the group's language: what people and the system said stays as they said it."""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.errors import FacilitatorError
from facilitator.i18n import CLOSE, OPEN, PSEUDO

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.mark.usefixtures("spanish")
def test_a_file_system_refusal_says_what_failed_why_and_what_to_do() -> None:
    from facilitator.store.files import explain

    error = OSError(errno.ENOSPC, "No space left on device", "/g/minutes/m.json")
    assert str(explain(error, "No se pudo escribir el acta de m")) == (
        "No se pudo escribir el acta de m (/g/minutes/m.json): el disco está lleno. Libere "
        "espacio y vuelva a intentarlo.")
    odd = OSError(errno.EIO, "Input/output error")
    assert str(explain(odd)) == ("No se pudo usar un archivo del grupo: el sistema dijo: "
                                 "Input/output error. Revise la carpeta del grupo y vuelva a "
                                 "intentarlo.")


@pytest.mark.usefixtures("spanish")
def test_a_cut_off_journal_line_is_said_in_spanish(tmp_path: Path) -> None:
    from facilitator.store.journal import Journal
    from facilitator.store.journal_read import read_journal

    path = tmp_path / "m.jsonl"
    with Journal.create(path, {"meeting": {"id": "m"}, "setup": {}}) as journal:
        journal.append({"seq": 1, "at": 0.0, "events": []})
    with path.open("ab") as f:
        f.write(b'{"seq": 2, "at"')
    assert read_journal(path).warning == (
        "La última línea del diario m.jsonl quedó cortada (facilitator se detuvo mientras la "
        "escribía); no forma parte de la reunión y se saltó.")


@pytest.mark.usefixtures("spanish")
def test_a_full_screen_without_a_terminal_is_refused_in_spanish(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from facilitator.ui.launch import check_terminal

    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setenv("TERM", "dumb")
    with pytest.raises(FacilitatorError) as refused:
        check_terminal("facilitator run --plain")
    assert str(refused.value) == ("Esta terminal (TERM=dumb) no puede dibujar la pantalla "
                                  "completa. Use `facilitator run --plain` para la misma "
                                  "reunión línea por línea.")


def test_a_group_folder_that_is_a_file_is_said_in_spanish(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "group"
    folder.write_text("not a folder", encoding="utf-8")
    assert main(["--lang", "es", "meetings", "--group", str(folder)]) == 1
    assert capsys.readouterr().err == (
        f"facilitator: {folder} es un archivo, pero facilitator guarda ahí el grupo, como "
        "carpeta. Mueva el archivo a otro lugar, o indique otra carpeta de grupo con --group "
        "DIR.\n")


def test_a_review_of_an_unknown_action_is_said_in_spanish(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    group = str(tmp_path / "group")
    assert main(["--lang", "es", "actions", "review", "A9", "done", "--group", group]) == 1
    assert capsys.readouterr().err == ("facilitator: No hay ninguna tarea ni acuerdo A9; "
                                       "`facilitator actions` muestra los abiertos.\n")


@needs_git
def test_sync_init_without_a_remote_speaks_spanish_and_counts_in_plural(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    group = tmp_path / "group"
    assert main(["--lang", "es", "principles", "add", "Cuidarnos", "--group", str(group)]) == 0
    capsys.readouterr()
    assert main(["--lang", "es", "sync", "init", "--group", str(group)]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(
        f"El grupo en {re.escape(str(group))} está listo para sincronizar\\. Se guardaron "
        r"\d+ archivos nuevos en la historia del grupo; todavía no hay dónde compartirlos: "
        r"`facilitator sync init REMOTE`\.\n", out), out


def test_the_stores_sentences_go_through_the_catalog(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Under the pseudo-locale, nothing of a store refusal is left unwrapped but the
    program's name."""
    folder = tmp_path / "group"
    folder.write_text("not a folder", encoding="utf-8")
    for words in (["sync", "--group", str(tmp_path / "other")],
                  ["meetings", "--group", str(folder)],
                  ["actions", "review", "A9", "done", "--group", str(tmp_path / "g")]):
        assert main(["--lang", PSEUDO, *words]) == 1
        err = capsys.readouterr().err
        assert OPEN in err
        assert re.sub(f"{OPEN}.*?{CLOSE}", "", err, flags=re.S).split() == ["facilitator:"]


def test_in_english_the_stores_sentences_are_as_they_were(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    group = tmp_path / "group"
    assert main(["sync", "--group", str(group)]) == 1
    assert capsys.readouterr().err == (
        f"facilitator: The group in {group} is not set up for sync yet: run `facilitator sync "
        "init REMOTE` (a bare repository on a USB stick or shared drive, or any git URL).\n")
