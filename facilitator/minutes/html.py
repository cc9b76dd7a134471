"""Minutes as one self-contained HTML page (styles inline, print styles included).

The page is a Jinja template rendered with autoescape: everything people typed is
escaped, so a name or a reason can never add markup to the page.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

import jinja2

from facilitator.minutes.view import view


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    source = files("facilitator.minutes").joinpath("templates/minutes.html").read_text("utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    return env.from_string(source)


def render_html(m: dict[str, Any], airtime: bool = True) -> str:
    return html_of(view(m, airtime))


def html_of(v: dict[str, Any]) -> str:
    """The page of minutes already put in `view` form."""
    return _template().render(v=v).rstrip("\n") + "\n"
