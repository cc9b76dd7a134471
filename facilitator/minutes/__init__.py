"""Minutes: built from a meeting's events (`build`), rendered in the formats groups use.

`render(minutes, fmt)` is the one entry point: json, md, html, txt or eml. With
`airtime=False` the airtime table and its evenness figure are left out of every format.
With `template=FILE` a group's own Jinja2 template shapes md, txt or html. No format but
JSON carries a control character (ESC, OSC, a carriage return) that people typed.

The readable formats are written in `lang` (default: the current language, see
`facilitator.i18n`); given the `library` the meeting ran, its protocol texts (step and role
titles, scale labels) are translated too (`minutes.translate`). JSON is data: its keys
and values stay as the meeting recorded them, in every language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.minutes.errors import MinutesError, TemplateError

if TYPE_CHECKING:
    from facilitator.protocols.model import Library

FORMATS = ("json", "md", "html", "txt", "eml")
__all__ = ["FORMATS", "MinutesError", "TemplateError", "render"]


def render(minutes: dict[str, Any], fmt: str, airtime: bool = True,
           template: str | Path | None = None, lang: str | None = None,
           library: Library | None = None) -> str:
    """The minutes as text in `fmt`. Every format but JSON (which escapes them itself) shows
    control characters people typed as symbols, so none reaches a terminal."""
    from facilitator.i18n import current, translator
    from facilitator.minutes.safe import json_printable, printable

    t = translator(lang) if lang else current()
    if library is not None and not t.english and fmt != "json" and template is None:
        from facilitator.minutes.translate import localize

        minutes = localize(minutes, library, t)
    text = _render(minutes, fmt, airtime, template, t)
    return json_printable(text) if fmt == "json" else printable(text)


def _render(minutes: dict[str, Any], fmt: str, airtime: bool,
            template: str | Path | None, t: Any) -> str:
    _ = t.gettext
    if fmt not in FORMATS:
        raise MinutesError(_("`{format}` is not a format of the minutes; use one of "
                             "{formats}.").format(format=fmt, formats=", ".join(FORMATS)))
    if not airtime:
        minutes = {**minutes, "airtime": [], "evenness": None}
    if template is not None:
        if fmt in ("json", "eml"):
            raise MinutesError(_("A template makes its own text, so it cannot be used with "
                                 "--format {format}; use md, txt or html with --template.")
                               .format(format=fmt))
        from facilitator.minutes.template import render_template

        return render_template(template, minutes, autoescape=fmt == "html")
    if fmt == "json":
        return json.dumps(minutes, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        from facilitator.minutes.markdown import render_markdown

        return render_markdown(minutes, airtime, t).rstrip("\n") + "\n"
    if fmt == "txt":
        from facilitator.minutes.text import render_text

        return render_text(minutes, airtime, t)
    if fmt == "html":
        from facilitator.minutes.html import render_html

        return render_html(minutes, airtime, t)
    from facilitator.minutes.eml import render_email

    return render_email(minutes, airtime, t)
