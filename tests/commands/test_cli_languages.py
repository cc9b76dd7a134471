"""The command line's own words in the group's language: `--help` (argparse's section titles
and usage line too), usage errors, and the store's refusals. Run as a person would: the
help and usage errors in a fresh process, the store's sentences through `main`."""

from __future__ import annotations

import argparse
import gettext
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import build_parser, main
from facilitator.commands.parsing import speaking
from facilitator.i18n import CLOSE, OPEN, PSEUDO

LANG_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def facilitator(*words: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`facilitator WORDS` in a fresh process, in English unless `env` says otherwise."""
    base = {k: v for k, v in os.environ.items() if k not in LANG_VARIABLES}
    base.update({"COLUMNS": "100", "FACILITATOR_GROUP": os.devnull + "-no-group"})
    return subprocess.run([sys.executable, "-m", "facilitator", *words], capture_output=True,
                          text=True, env={**base, **(env or {})}, check=False)


def test_help_in_spanish_has_spanish_sections_and_commands() -> None:
    done = facilitator("--lang", "es", "--help")
    assert done.returncode == 0
    out = done.stdout
    assert out.startswith("uso: facilitator [-h] [--version] [--lang IDIOMA] COMANDO ...")
    assert "\nargumentos posicionales:\n" in out
    assert "\nopciones:\n" in out
    assert "muestra esta ayuda y termina" in out
    assert "muestra la versión del programa y termina" in out
    assert "lleva una reunión en la terminal" in out          # `run`'s help
    assert "usage:" not in out and "show this help" not in out and "options:" not in out


def test_a_commands_help_in_spanish() -> None:
    done = facilitator("--lang", "es", "run", "--help")
    assert done.returncode == 0
    out = done.stdout
    assert out.startswith("uso: facilitator run [-h] [--title TÍTULO] [--plain]")
    assert "abre directamente una reunión con este protocolo" in out
    assert "--group CARPETA" in out
    assert "la carpeta del grupo (por defecto: $FACILITATOR_GROUP)" in out
    assert "the group's folder" not in out


def test_help_follows_lang_from_the_environment() -> None:
    done = facilitator("--help", env={"LANG": "es_ES.UTF-8"})
    assert done.returncode == 0
    assert done.stdout.startswith("uso: facilitator")
    assert "argumentos posicionales" in done.stdout


def test_help_follows_the_groups_language(tmp_path: Path) -> None:
    group = str(tmp_path / "group")
    assert main(["group", "set", "language", "es", "--group", group]) == 0
    done = facilitator("meetings", "--help", "--group", group)
    assert done.stdout.startswith("uso: facilitator meetings")
    assert "muestra las reuniones del grupo" not in done.stdout  # the help line is the parent's
    assert "Muestra las reuniones del grupo." in done.stdout     # its own description


def test_an_unknown_option_in_spanish_exits_2_with_a_sentence_and_no_traceback() -> None:
    done = facilitator("--lang", "es", "run", "--nonsense")
    assert done.returncode == 2
    assert done.stderr.startswith("uso: facilitator")
    assert done.stderr.endswith("facilitator: error: argumentos no reconocidos: --nonsense\n")
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(("words", "said"), [
    (["meetings", "--format", "xml"],
     "facilitator meetings: error: argumento --format: opción no válida: 'xml' (elija entre "
     "'json', 'txt')\n"),
    (["shift"], "facilitator shift: error: faltan estos argumentos obligatorios: NOMBRE, QUÉ\n"),
    (["airtime", "--meetings", "many"],
     "facilitator airtime: error: argumento --meetings: valor no válido para int: 'many'\n"),
    (["roster", "--opt-out", "Ana"],
     "facilitator roster: error: argumento --opt-out: se esperaban 2 argumentos\n"),
])
def test_usage_errors_are_said_in_spanish(capsys: pytest.CaptureFixture[str], words: list[str],
                                          said: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "es", *words])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("uso: facilitator ")
    assert err.endswith(said)


def test_english_usage_errors_are_argparses_own(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["shift"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(
        "facilitator shift: error: the following arguments are required: NAME, WHAT\n")


def test_argparse_speaks_its_own_words_again_after_the_command_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Only our command line's parsing is in the group's language; argparse elsewhere in
    the process (pytest's own, a library's) is left as it was."""
    with pytest.raises(SystemExit):
        main(["--lang", "es", "run", "--nonsense"])
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


def test_lang_without_a_value_is_refused_in_the_environments_language(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in LANG_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "es_AR.UTF-8")
    assert main(["protocols", "--lang"]) == 2
    assert capsys.readouterr().err == ("facilitator: A --lang le falta el idioma, por ejemplo "
                                       "`--lang es`.\n")


# --- the store's sentences -----------------------------------------------------------------


def test_sync_in_a_folder_not_set_up_for_it_says_so_in_spanish(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    group = tmp_path / "group"
    assert main(["--lang", "es", "sync", "--group", str(group)]) == 1
    err = capsys.readouterr().err
    assert err == (f"facilitator: El grupo en {group} todavía no está preparado para "
                   "sincronizar: ejecute `facilitator sync init REMOTE` (un repositorio vacío "
                   "en una memoria USB o una unidad compartida, o cualquier URL de git).\n")


def test_a_git_failure_is_our_spanish_sentence_around_gits_own_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    group = tmp_path / "group"
    assert main(["--lang", "es", "sync", "init", str(tmp_path / "nowhere"),
                 "--group", str(group)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("facilitator: No se pudo llegar a la copia compartida del grupo "
                          "(git dice: ")
    assert re.search(r"git dice: [^)]*nowhere", err)  # git's own words, as git said them
    assert "Traceback" not in err


def test_an_unknown_protocol_in_run_is_said_in_spanish(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "es", "run", "nosuch", "--plain", "--group", str(tmp_path / "g")])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("facilitator: No hay ningún protocolo `nosuch`; los protocolos son: ")
    assert "quick-decision" in err


def test_a_meeting_open_in_another_facilitator_is_said_in_spanish(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A meeting left unfinished, whose lock another live process holds (the test's parent
    stands in for another facilitator): `resume` is refused in the group's language."""
    group = tmp_path / "group"
    script = tmp_path / "open.yaml"
    script.write_text("protocol: check-in\nparticipants: [{name: Ana}, {name: Ben}]\n"
                      "commands: [start]\n", encoding="utf-8")
    assert main(["simulate", str(script), "--group", str(group)]) == 0
    capsys.readouterr()
    [journal] = (group / "journals").glob("*.jsonl")
    holder = {"pid": os.getppid(), "hostname": socket.gethostname(), "started": None}
    journal.with_name(journal.name + ".lock").write_text(json.dumps(holder))
    assert main(["--lang", "es", "group", "set", "language", "es", "--group", str(group)]) == 0
    capsys.readouterr()
    assert main(["resume", "--plain", "--group", str(group)]) == 1  # the group's language
    assert capsys.readouterr().err == (
        f"facilitator: Esta reunión está abierta en otro facilitator (pid {os.getppid()} en "
        f"{socket.gethostname()}, desde una hora desconocida). Ciérrela allí, o espere.\n")


def test_a_file_system_refusal_is_said_in_spanish(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the group's folder would be", encoding="utf-8")
    assert main(["--lang", "es", "principles", "add", "Cuidarnos",
                 "--group", str(blocked / "group")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("facilitator: No se pudieron listar los diarios de ")
    assert err.endswith(": hay un archivo donde debería haber una carpeta. Mueva ese archivo a "
                        "otro lugar, o use otra carpeta de grupo (--group DIR).\n")


# --- every help under the pseudo-locale ----------------------------------------------------


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _parsers(sub)
    return found


def _plain_words(parser: argparse.ArgumentParser) -> set[str]:
    """What a help may show untranslated: option names, command names, choices, the
    program's name, and the metavars that are no words (N, ID)."""
    words = {"facilitator", "N", "ID", "..."}
    for action in parser._actions:
        words.update(action.option_strings)
        if action.choices is not None:
            words.update(str(choice) for choice in action.choices)
    return words


def test_every_help_is_wholly_translated_under_the_pseudo_locale() -> None:
    """Each line of every command's help, its usage line and section titles included, is
    inside ⟦…⟧ once option names, command names and choices are set aside."""
    from facilitator import i18n

    before = i18n.current().lang
    i18n.use(PSEUDO)
    try:
        with speaking():
            parsers = _parsers(build_parser())
            helps = [(parser, parser.format_help()) for parser in parsers]
    finally:
        i18n.use(before)
    assert len(helps) > 25
    untranslated = []
    for parser, text in helps:
        assert OPEN in text
        left = re.sub(f"{OPEN}.*?{CLOSE}", " ", text, flags=re.S)
        allowed = _plain_words(parser)
        for word in re.split(r"[\s\[\](){},|.:]+", left):
            word = word.strip("'\"")
            if word and word not in allowed and word not in parser.prog.split():
                untranslated.append(f"{parser.prog}: {word}")
    assert untranslated == []


def test_english_help_is_argparses_own_words() -> None:
    done = facilitator("--help")
    assert done.stdout.startswith("usage: facilitator [-h] [--version] [--lang LANG] COMMAND")
    assert "\npositional arguments:\n" in done.stdout and "\noptions:\n" in done.stdout
    assert OPEN not in done.stdout


def test_english_help_imports_neither_babel_nor_the_translation_of_argparse() -> None:
    """English is argparse's own words: a start in English pays for no translation."""
    code = ("import sys\nfrom facilitator.cli import main\ntry:\n    main(['--help'])\n"
            "except SystemExit:\n    pass\nprint(sorted(m for m in ('babel', 'facilitator.commands"
            ".parsing') if m in sys.modules), file=sys.stderr)\n")
    env = {k: v for k, v in os.environ.items() if k not in LANG_VARIABLES}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**env, "FACILITATOR_GROUP": os.devnull + "-no-group"},
                          check=True)
    assert done.stdout.startswith("usage: facilitator")
    assert done.stderr.strip() == "[]"
