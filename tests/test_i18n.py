"""Which language facilitator speaks, and how a Translator speaks it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from facilitator import i18n
from facilitator.cli import main
from facilitator.i18n import PSEUDO, pseudo, resolve, supported, translator
from facilitator.protocols.texts import Text, pick

QUIET: dict[str, str] = {}


def test_lang_comes_first() -> None:
    env = {"LANGUAGE": "en", "LANG": "en_GB.UTF-8"}
    assert resolve("es", "en", env) == ("es", None)


def test_then_the_groups_setting() -> None:
    assert resolve(None, "es", {"LANGUAGE": "en", "LANG": "en_US.UTF-8"}) == ("es", None)


def test_then_language_then_lang_from_the_environment() -> None:
    assert resolve(None, None, {"LANGUAGE": "fr:es:en", "LANG": "en_US.UTF-8"}) == ("es", None)
    assert resolve(None, None, {"LANG": "es_MX.UTF-8"}) == ("es", None)
    assert resolve(None, None, {"LC_ALL": "en_US.UTF-8", "LANG": "es_ES.UTF-8"}) == ("en", None)


def test_then_english() -> None:
    assert resolve(None, None, QUIET) == ("en", None)
    assert resolve(None, None, {"LANG": "C.UTF-8"}) == ("en", None)
    # A language the system names but we lack falls back quietly.
    assert resolve(None, None, {"LANG": "de_DE.UTF-8"}) == ("en", None)


def test_an_unknown_language_asked_for_falls_back_to_english_with_one_sentence() -> None:
    lang, sentence = resolve("fr", None, QUIET)
    assert lang == "en"
    assert sentence == ("There is no translation into `fr` yet, so facilitator speaks English; "
                        "available: en, es.")
    assert resolve(None, "tlh", QUIET)[0] == "en"


def test_regional_codes_are_served_by_their_language() -> None:
    assert supported("es-AR") == "es"
    assert supported("es_419") == "es"
    assert supported("xx") is None
    assert supported(PSEUDO) == PSEUDO


def test_pseudo_wraps_accents_and_lengthens_by_a_third_keeping_placeholders() -> None:
    out = pseudo("Agreed by {name} at {at}")
    assert out.startswith("⟦") and out.endswith("⟧")
    assert "{name}" in out and "{at}" in out
    assert "Agreed" not in out
    assert len(out) - 2 >= len("Agreed by {name} at {at}") * 4 // 3
    assert out.format(name="Ana", at="2:50").count("Ana") == 1


def test_spanish_plural_forms_come_from_the_catalog() -> None:
    t = translator("es")
    assert t.ngettext("{n} present", "{n} present", 1).format(n=1) == "1 presente"
    assert t.ngettext("{n} present", "{n} present", 3).format(n=3) == "3 presentes"


def test_dates_and_numbers_in_the_language() -> None:
    t = translator("es")
    assert t.date(dt.date(2026, 1, 1), "full") == "jueves, 1 de enero de 2026"
    assert t.decimal(0.8667) == "0,87"
    assert translator("en").decimal(0.8667) == "0.87"


def test_an_authors_text_is_picked_by_language_and_falls_back() -> None:
    title = Text.of({"en": "Quick decision", "es": "Decisión rápida"})
    assert title == "Quick decision"
    assert pick(title, "es") == "Decisión rápida"
    assert pick(title, "es-mx") == "Decisión rápida"
    assert pick(title, "fr") == "Quick decision"
    assert pick(Text.of({"es": "Sólo en español"}), "en") == "Sólo en español"
    assert translator(PSEUDO).text(title).startswith("⟦")


def test_what_people_typed_is_never_translated() -> None:
    """A name or a reason that happens to be a message of the catalog stays as typed."""
    es = translator("es")
    assert es.gettext("Present") == "Presentes"
    assert es.text("Present") == "Present"
    assert translator(PSEUDO).text("Present") == "Present"
    assert pick("nobody", "es") == "nobody"


def test_the_process_language_is_restored_after_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "es", "protocols"]) == 0
    assert i18n.current().lang == "en"


def test_an_unknown_lang_on_the_command_line_says_so_once_and_goes_on_in_english(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["protocols", "--lang", "fr"]) == 0
    err = capsys.readouterr().err
    assert err == ("facilitator: There is no translation into `fr` yet, so facilitator speaks "
                   "English; available: en, es.\n")


def test_lang_without_a_value_is_refused_with_a_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["protocols", "--lang"]) == 2
    assert capsys.readouterr().err == "facilitator: --lang needs a language, like `--lang es`.\n"


def test_the_group_setting_is_kept_and_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    group = tmp_path / "group"
    assert main(["group", "set", "language", "es", "--group", str(group)]) == 0
    assert "`es`" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    from facilitator.commands.language import choose

    assert choose(["meetings", "--group", str(group)], None) == ("es", None)
    assert choose(["meetings", "--group", str(group)], "en") == ("en", None)
    monkeypatch.setenv("FACILITATOR_GROUP", str(group))
    assert choose(["meetings"], None) == ("es", None)
    assert main(["group", "set", "language", "en", "--group", str(group)]) == 0
    assert choose(["meetings"], None) == ("en", None)


def test_setting_a_language_we_lack_is_refused(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["group", "set", "language", "fr", "--group", str(tmp_path)]) == 1
    assert capsys.readouterr().err == ("facilitator: `fr` is not a language facilitator speaks; "
                                       "choose one of en, es.\n")
    assert not (tmp_path / "settings").exists()


def test_settings_read_change_files_of_the_stores_version(tmp_path: Path) -> None:
    """Settings are read at every start without the change files' module; both name the
    same version, and a file of another version is not taken for a setting."""
    from facilitator.store import changes, settings

    assert settings.CHANGE == changes.VERSION
    settings.set_setting(tmp_path, "language", "es")
    assert settings.setting(tmp_path, "language") == "es"
    newer = tmp_path / settings.FOLDER / "9999-newer.json"
    newer.write_text('{"change": 2, "kind": "setting", "name": "language", "value": "fr"}')
    assert settings.setting(tmp_path, "language") == "es"
