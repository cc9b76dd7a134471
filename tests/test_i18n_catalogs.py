"""The message catalogs: the .pot holds every message in the code, the Spanish catalog
translates every one of them (no empty msgstr, nothing fuzzy), and each compiled .mo is
what its .po compiles to. `scripts/catalogs.py` brings them up to date."""

from __future__ import annotations

import runpy
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TOOLS = runpy.run_path(str(ROOT / "scripts" / "catalogs.py"))
LOCALE = ROOT / "facilitator" / "locale"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/facilitator.po"))
FIX = "run `.venv/bin/python scripts/catalogs.py`, translate what is new, and run it again"


def _read(po: Path):  # type: ignore[no-untyped-def]
    with po.open("rb") as f:
        return read_po(f, locale=po.parent.parent.name, domain="facilitator")


def _ids(catalog) -> set[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


def test_no_message_is_looked_up_inside_an_f_string() -> None:
    """Babel does not look inside f-strings (Python 3.11 reads one as a single token), so a
    `_("...")` written there would never reach the catalogs: say it outside."""
    import io
    import re
    import tokenize

    inside = []
    for path in sorted((ROOT / "facilitator").rglob("*.py")):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
        for token in tokens:
            if token.type == tokenize.STRING and re.match(r"[rRbB]*[fF]", token.string) and \
                    re.search(r"(\b_|gettext|\.word)\(\s*[\"']", token.string):
                inside.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert inside == []


def test_spanish_is_shipped() -> None:
    assert [po.parent.parent.name for po in CATALOGS] == ["es"]


def test_the_template_holds_every_message_in_the_code() -> None:
    assert TOOLS["pot_text"](TOOLS["extracted"]()) == (LOCALE / "facilitator.pot").read_bytes(), FIX


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_every_message_is_translated(po: Path) -> None:
    template = _ids(TOOLS["extracted"]())
    catalog = _read(po)
    assert _ids(catalog) == template, FIX
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{po.parent.parent.name}: no translation for {message.id!r}"
        assert not message.fuzzy, f"{po.parent.parent.name}: {message.id!r} is fuzzy"


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_translations_keep_every_placeholder(po: Path) -> None:
    """A translation that lost or renamed `{name}` would fail when formatted, or drop what
    people typed."""
    def holes(text: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}

    for message in _read(po):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id:
            for i, translated in enumerate(strings):
                source = ids[0] if i == 0 else ids[-1]  # the singular, then the plural
                assert holes(translated) == holes(source), message.id


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_the_compiled_catalog_is_up_to_date(po: Path) -> None:
    assert po.with_suffix(".mo").read_bytes() == TOOLS["mo_bytes"](po), FIX
