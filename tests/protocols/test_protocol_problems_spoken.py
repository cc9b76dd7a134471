"""`facilitator validate` (and every command that reads a wrong protocol file) says each
problem in the group's language: the file, line and column and what the author typed stay
as they are. A problem is kept in English with its parts, in the parse cache too, so a
file read once in one language is said in another the next time."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import i18n
from facilitator.cli import main
from facilitator.errors import Problem
from facilitator.i18n import L_
from facilitator.protocols import cache, loader

BAD = """\
version: 1
protocols:
  mine:
    title: Mine
    steps:
      - id: talk
        kind: roudn
        time: 5x
      - id: vote
        kind: decide
        next: nowhere
"""
# Only warnings: a file like this is kept in the parse cache.
WARNED = """\
version: 1
protocols:
  mine:
    title: {en: Mine, es: Mío}
    steps:
      - id: talk
        kind: round
        prompt: Say hello
        on: {timeout: end}
"""


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty cache folder and no parses remembered in this process."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    loader._parse_cached.cache_clear()
    yield tmp_path / "cache"
    loader._parse_cached.cache_clear()
    i18n.use("en")


def _validate(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["validate", *words])
    return code, capsys.readouterr().out.splitlines()


def test_validate_says_errors_in_spanish_and_english_as_before(
        fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    code, english = _validate(capsys, str(bad))
    assert code == 1
    assert english[:3] == [
        f"{bad}:7:15: `roudn` is not a step kind; use one of round, discussion, turn, decide, "
        "record, choose, agenda, use, review, pause; did you mean `round`?",
        f"{bad}:8:15: `time`: `5x` is not a duration; write it like `45s`, `2m`, `1m30s` or "
        "`1h15m`.",
        f"{bad}:9:9: warning: Step `vote` has no route for `blocked`, so a block goes on to "
        "`nowhere`; add `blocked` under `on` to say where a block leads."]
    assert english[3] == (f"{bad}:11:15: `nowhere` is not a step of protocol `mine`; use one "
                          "of talk, vote, or `end`.")
    loader._parse_cached.cache_clear()
    code, spanish = _validate(capsys, str(bad), "--lang", "es")
    assert code == 1
    assert spanish == [
        f"{bad}:7:15: `roudn` no es un tipo de paso; use uno de estos: round, discussion, "
        "turn, decide, record, choose, agenda, use, review, pause; ¿quiso decir `round`?",
        f"{bad}:8:15: `time`: `5x` no es una duración; escríbala como `45s`, `2m`, `1m30s` o "
        "`1h15m`.",
        f"{bad}:9:9: aviso: El paso `vote` no tiene camino para `blocked`, así que un bloqueo "
        "sigue a `nowhere`; agregue `blocked` bajo `on` para decir adónde lleva un bloqueo.",
        f"{bad}:11:15: `nowhere` no es un paso del protocolo `mine`; use uno de estos: talk, "
        "vote, o `end`."]
    i18n.use("en")
    loader._parse_cached.cache_clear()
    assert _validate(capsys, str(bad)) == (1, english)


def test_the_cache_keeps_no_language(fresh: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A file with warnings only is kept in the cache: read in English, then in Spanish
    from the cache, then in English again."""
    warned = tmp_path / "warned.yaml"
    warned.write_text(WARNED, encoding="utf-8")
    code, english = _validate(capsys, str(warned))
    assert code == 0
    assert english == [
        f"{warned}:8:17: warning: `prompt` has no `es` text, though protocol `mine` is "
        "translated into it elsewhere; write it as a language map (`{en: ..., es: ...}`). "
        "Until then it shows as written.",
        f"{warned}:9:14: warning: Step `talk` never ends with `timeout` because it is not "
        "`hard: true`; add `hard: true` or remove this route.",
        f"{warned}: ok"]
    assert list(fresh.glob("*.pickle"))  # kept
    loader._parse_cached.cache_clear()
    parses: list[str] = []
    real = loader._parse_fresh
    loader._parse_fresh = lambda text, file: parses.append(file) or real(text, file)
    try:
        code, spanish = _validate(capsys, str(warned), "--lang", "es")
    finally:
        loader._parse_fresh = real
    assert parses == []  # from the cache
    assert spanish == [
        f"{warned}:8:17: aviso: `prompt` no tiene texto en `es`, aunque el protocolo `mine` "
        "está traducido a ese idioma en otras partes; escríbalo como un mapa de idiomas "
        "(`{en: ..., es: ...}`). Mientras tanto se muestra tal como está escrito.",
        f"{warned}:9:14: aviso: El paso `talk` nunca termina con `timeout` porque no es "
        "`hard: true`; agregue `hard: true` o quite este camino.",
        f"{warned}: bien"]
    i18n.use("en")
    loader._parse_cached.cache_clear()
    assert _validate(capsys, str(warned)) == (0, english)


def test_as_a_user_runs_it_english_then_spanish_with_one_cache(tmp_path: Path) -> None:
    """Two processes, one cache folder: the second reads the first's parse and speaks
    Spanish all the same."""
    warned = tmp_path / "warned.yaml"
    warned.write_text(WARNED, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    env = {**os.environ, cache.CACHE_ENV: str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    env.pop("LANGUAGE", None)
    env.pop("LC_ALL", None)

    def facilitator(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "facilitator", *words], env=env,
                              capture_output=True, text=True, timeout=60, cwd=tmp_path)

    first = facilitator("validate", "warned.yaml", "bad.yaml")
    assert first.returncode == 1 and first.stderr == ""
    assert "warned.yaml:9:14: warning: Step `talk` never ends with `timeout`" in first.stdout
    assert list((tmp_path / "cache").glob("*.pickle"))
    second = facilitator("--lang", "es", "validate", "warned.yaml", "bad.yaml")
    assert second.returncode == 1 and second.stderr == ""
    assert "warned.yaml:9:14: aviso: El paso `talk` nunca termina con `timeout`" in second.stdout
    assert "bad.yaml:8:15: `time`: `5x` no es una duración" in second.stdout
    assert "warned.yaml: bien" in second.stdout
    assert "never ends" not in second.stdout and "Traceback" not in second.stdout


def test_a_command_that_reads_a_wrong_file_says_its_problems_in_spanish(
        fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    assert main(["protocols", "--protocols", str(bad), "--lang", "es"]) != 0
    err = capsys.readouterr().err
    assert f"{bad}:8:15: `time`: `5x` no es una duración" in err
    assert "Traceback" not in err and "is not a duration" not in err


def test_unreadable_and_broken_files_in_spanish(fresh: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nprotocols: [\n", encoding="utf-8")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: Señal".encode("latin-1"))
    code, out = _validate(capsys, str(broken), str(latin), str(tmp_path / "none.yaml"),
                          "--lang", "es")
    assert code == 1
    text = "\n".join(out)
    assert f"{latin}:1:1: Este archivo no es texto UTF-8; guárdelo como UTF-8." in text
    assert f"{tmp_path / 'none.yaml'}:1:1: No se puede leer este archivo" in text
    assert f"{broken}:3:1: Esto no es YAML válido" in text


def test_a_problem_pickles_in_english_and_is_said_when_shown() -> None:
    problem = Problem("f.yaml", 3, 5, L_("`{key}` must be text, not {value}.", key="title",
                                        value=L_("a list")), warning=True)
    kept = pickle.loads(pickle.dumps(problem))
    assert kept == problem
    assert str(kept) == "f.yaml:3:5: warning: `title` must be text, not a list."
    said = kept.in_(i18n.translator("es"))
    assert said == "`title` tiene que ser un texto, no una lista."
    pseudo = kept.in_(i18n.translator(i18n.PSEUDO))
    assert "`title`" in pseudo and "must" not in pseudo and pseudo.startswith(i18n.OPEN)


def test_a_large_number_in_a_problem_is_grouped_as_the_language_does(
        fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD.replace("time: 5x", "time: 5m").replace(
        "next: nowhere", "attempts: many\n        on: {blocked: end, passed: end}"),
        encoding="utf-8")
    code, english = _validate(capsys, str(bad))
    assert code == 1 and any("from 1 to 1,000,000, not the text `many`." in line
                             for line in english), english
    code, spanish = _validate(capsys, str(bad), "--lang", "es")
    assert code == 1 and any("de 1 a 1.000.000, no el texto `many`." in line
                             for line in spanish), spanish
