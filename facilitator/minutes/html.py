"""Minutes as one self-contained HTML page (styles inline, print styles included).

The page is a Jinja template rendered with autoescape: everything people typed is
escaped, so a name or a reason can never add markup to the page.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

import jinja2
import markupsafe

from facilitator.i18n import Translator, current
from facilitator.minutes.view import view


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    source = files("facilitator.minutes").joinpath("templates/minutes.html").read_text("utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    return env.from_string(source)


def render_html(m: dict[str, Any], airtime: bool = True, t: Translator | None = None) -> str:
    t = t or current()
    return html_of(view(m, airtime, t), t)


def html_of(v: dict[str, Any], t: Translator | None = None) -> str:
    """The page of minutes already put in `view` form; its fixed words through `_()`."""
    t = t or current()
    lang = "en" if t.lang == "xx-pseudo" else t.lang
    # The catalogs are ours, like the template: their words are markup-safe; what people
    # typed goes in through `.format`, which escapes it.
    return _template().render(v=v, _=lambda message: markupsafe.Markup(t.gettext(message)),
                              Markup=markupsafe.Markup, lang=lang).rstrip("\n") + "\n"
