"""Minutes through a group's own Jinja2 template (`--template FILE`).

Rules:
- The template sees the minutes' JSON keys as variables (`meeting`, `decisions`, ...),
  plus the filters `duration` (seconds -> `1h15m`), `clock` (seconds -> `2:50`) and
  `percent` (a share -> `25%`).
- It runs in Jinja's sandbox with StrictUndefined: a name the minutes do not have is an
  error, and so is reaching for Python internals (`__class__`, `mro`, ...).
- It runs within limits of output size, time and memory (facilitator.minutes.bounds);
  passing one is an error that says which.
- Every error is one line, `FILE:LINE: why`, never a traceback.
- For html, autoescape is on: what people typed cannot add markup.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from jinja2.exceptions import SecurityError

from facilitator.i18n import _
from facilitator.minutes import bounds
from facilitator.minutes.bounds import BoundedEnvironment, TemplateLimit, TemplateTimeout
from facilitator.minutes.errors import TemplateError
from facilitator.minutes.view import clock
from facilitator.protocols.values import format_duration

_SURROGATE = re.compile("[\ud800-\udfff]")


def _environment(name: str, source: str, autoescape: bool) -> BoundedEnvironment:
    def load(wanted: str) -> tuple[str, str, Any] | None:
        return (source, name, lambda: True) if wanted == name else None

    env = BoundedEnvironment(loader=jinja2.FunctionLoader(load), autoescape=autoescape,
                               undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(duration=format_duration, clock=clock,
                       percent=lambda share: f"{round(float(share) * 100)}%")
    return env


def _line(error: BaseException, name: str) -> int | None:
    """The template line an error was raised on: Jinja puts template lines in the trace."""
    line = getattr(error, "lineno", None)
    if line:
        return int(line)
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == name]
    return frames[-1].lineno if frames else None


def _fail(name: str, error: BaseException, keys: list[str]) -> NoReturn:
    line = _line(error, name)
    where = f"{name}:{line}" if line else name
    if isinstance(error, TemplateLimit):
        why = str(error)
    # Jinja's and Python's own words (`error.message`) are quoted as they said them.
    elif isinstance(error, MemoryError):
        why = _("the template needs more than {mb} MB of memory, more than minutes may use; "
                "make it produce less.").format(mb=bounds.MAX_MEMORY // 2**20)
    elif isinstance(error, RecursionError):
        why = _("the template is nested or recurses too deeply; flatten it.")
    elif isinstance(error, SecurityError):
        why = _("the template reaches for Python internals, which minutes templates may not "
                "do; use only the minutes' keys and the filters duration, clock and percent.")
    elif isinstance(error, jinja2.UndefinedError):
        why = _("{error}; a template sees only the minutes' keys ({keys}) and what it sets "
                "itself.").format(error=error.message, keys=", ".join(keys))
    elif isinstance(error, jinja2.TemplateNotFound):
        why = _("the template asks for another template ({name}); a minutes template is one "
                "file.").format(name=error.name)
    elif isinstance(error, jinja2.TemplateSyntaxError):
        why = _("{error}; fix the template's syntax there.").format(error=error.message)
    else:
        why = _("{error} ({kind}); fix the template there.").format(error=error,
                                                                   kind=type(error).__name__)
    raise TemplateError(f"{where}: {why}") from None


def render_template(path: str | Path, minutes: dict[str, Any], autoescape: bool) -> str:
    """The minutes through the template at `path`."""
    name = str(path)
    try:
        source = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise TemplateError(f"{name}: " + _("the template cannot be read ({why}); check the "
                                            "path given to --template.").format(
            why=error.strerror)) from None
    except UnicodeDecodeError:
        raise TemplateError(f"{name}: " + _("the template is not UTF-8 text; save it as "
                                            "UTF-8.")) from None
    env = _environment(name, source, autoescape)
    try:
        with bounds.time_limit(), bounds.memory_limit():
            text = bounds.collect(env.get_template(name).generate(**minutes))
    except TemplateTimeout:
        raise TemplateError(f"{name}: " + _("the template took more than {seconds} s to "
                                            "render, more than minutes may take; make it loop "
                                            "less.").format(
            seconds=f"{bounds.MAX_SECONDS:g}")) from None
    except Exception as error:  # noqa: BLE001 -- a template is the user's code; any error is theirs
        _fail(name, error, sorted(minutes))
    if _SURROGATE.search(text):
        raise TemplateError(f"{name}: " + _("the template makes a lone surrogate (an escape "
                                            "like `\\ud800`), which is no character; write the "
                                            "character itself."))
    return text
