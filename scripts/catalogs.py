"""Extract, update and compile facilitator's message catalogs (Babel).

    .venv/bin/python scripts/catalogs.py            # all three, in order
    .venv/bin/python scripts/catalogs.py extract    # facilitator/locale/facilitator.pot
    .venv/bin/python scripts/catalogs.py update     # merge the .pot into every .po
    .venv/bin/python scripts/catalogs.py compile    # every .po -> its .mo
    .venv/bin/python scripts/catalogs.py init LANG  # start a new language

The same steps with Babel's own command line:

    pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -k C_:1c,2 -k pgettext:1c,2 \
        -k L_ -k LN_:1,2 \
        --no-location --omit-header \
        -o facilitator/locale/facilitator.pot facilitator
    pybabel update -D facilitator -i facilitator/locale/facilitator.pot -d facilitator/locale
    pybabel compile -D facilitator -d facilitator/locale

`tests/test_i18n_catalogs.py` fails when the .pot, a .po or a .mo is out of date.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "facilitator"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "facilitator.pot"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None,
            "pgettext": ((1, "c"), 2), "C_": ((1, "c"), 2),
            "L_": None, "LN_": (1, 2)}
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"**/templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}}


def extracted() -> Catalog:
    """Every message marked in the package, in a stable order, without locations."""
    catalog = Catalog(project="facilitator", domain="facilitator", fuzzy=False)
    found = extract_from_dir(str(PACKAGE), METHODS, OPTIONS, KEYWORDS,
                             comment_tags=("TRANSLATORS:",), strip_comment_tags=True)
    for _path, _line, message, comments, context in found:
        catalog.add(message, None, auto_comments=comments, context=context)
    return catalog


def pot_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, omit_header=True, no_location=True, sort_output=True, width=88)
    return out.getvalue()


def po_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, no_location=True, sort_output=True, width=88, ignore_obsolete=True)
    return out.getvalue()


def mo_bytes(po: Path) -> bytes:
    with po.open("rb") as f:
        catalog = read_po(f, locale=po.parent.parent.name.replace("-", "_"), domain="facilitator")
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def catalogs() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/facilitator.po"))


def extract() -> None:
    POT.write_bytes(pot_text(extracted()))


def update() -> None:
    template = extracted()
    for po in catalogs():
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name.replace("-", "_"),
                              domain="facilitator")
        created = catalog.creation_date  # a header that changes on every run is noise
        catalog.update(template, no_fuzzy_matching=True)
        catalog.creation_date = created
        po.write_bytes(po_text(catalog))


def compile_all() -> None:
    for po in catalogs():
        po.with_suffix(".mo").write_bytes(mo_bytes(po))


def init(lang: str) -> None:
    po = LOCALE / lang / "LC_MESSAGES" / "facilitator.po"
    if po.exists():
        sys.exit(f"{po} exists already; run `update` to bring it up to date.")
    po.parent.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(locale=lang.replace("-", "_"), project="facilitator",
                      domain="facilitator", fuzzy=False,
                      copyright_holder="The facilitator maintainers",
                      last_translator="The facilitator maintainers",
                      language_team=f"facilitator {lang}")
    catalog.update(extracted())
    po.write_bytes(po_text(catalog))
    print(f"Wrote {po}: translate every msgstr, then run `compile`.")


def main(argv: list[str]) -> None:
    steps = {"extract": extract, "update": update, "compile": compile_all}
    if argv[:1] == ["init"] and len(argv) == 2:
        init(argv[1])
        return
    for name in argv or ["extract", "update", "compile"]:
        if name not in steps:
            sys.exit(f"`{name}` is not a step; use extract, update, compile or init LANG.")
        steps[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
