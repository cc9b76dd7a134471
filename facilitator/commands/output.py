"""How `minutes` and `simulate` render and write minutes: one set of flags for both."""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
from typing import TYPE_CHECKING, Any

from facilitator.i18n import _
from facilitator.minutes import FORMATS, render
from facilitator.minutes.safe import printable

if TYPE_CHECKING:
    from facilitator.protocols.model import Library


def say(*parts: object, **options: Any) -> None:
    """`print`, with control characters from names and titles shown as symbols (an ESC or
    OSC sequence in the group's memory must not drive the reader's terminal)."""
    print(*(printable(str(part)) for part in parts), **options)


def add_render_arguments(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help=_("the minutes' format (default {default}; with --template, "
                               "html for a .html template, else md)").format(default=default))
    parser.add_argument("--template", metavar=_("FILE"), type=pathlib.Path, default=None,
                        help=_("a Jinja2 template that sees the minutes' JSON keys"))
    parser.set_defaults(default_format=default)
    parser.add_argument("--no-airtime", dest="airtime", action="store_false",
                        help=_("leave the airtime table out"))
    parser.add_argument("-o", "--output", metavar=_("FILE"), type=pathlib.Path, default=None,
                        help=_("write the minutes to FILE instead of printing them"))


def minutes_format(args: argparse.Namespace) -> str:
    """--format, else what a template makes (html for .html/.htm, txt for .txt, else md),
    else the command's default."""
    if args.format is not None:
        return str(args.format)
    if args.template is not None:
        suffix = args.template.suffix.lower()
        return {".html": "html", ".htm": "html", ".txt": "txt"}.get(suffix, "md")
    return str(args.default_format)


def emit_minutes(args: argparse.Namespace, minutes: dict[str, Any],
                 library: Library | None = None) -> int:
    """Print or write the minutes in the current language (`--lang`, the group's, ...);
    `library`, the protocols the meeting ran, translates their texts too."""
    text = render(minutes, minutes_format(args), airtime=args.airtime, template=args.template,
                  library=library)
    if args.output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        print(_("facilitator: {file} cannot be written ({why}); choose another file.").format(
            file=args.output, why=error.strerror), file=sys.stderr)
        return 1
    print(_("Minutes written to {file}.").format(file=args.output))
    return 0


def quiet_stdout() -> None:
    """The reader of our output has gone (`| head`): send the rest nowhere, so that
    Python's last flush does not fail with a second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is not a real file (a test's capture): nothing will be flushed there
