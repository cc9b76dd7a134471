"""argparse's own words (`usage:`, `options`, `error:`, `invalid choice`, ...) in the
group's language.

argparse builds those sentences itself, looking each up with its module-level `_` and
`ngettext` (the stdlib's `gettext`, domain `messages`) at the moment it says them: in the
parsers' constructors (section titles, `-h`'s help) and while it parses (help, usage
errors). `speaking()` points those two names at our catalog for as long as the command
line builds and parses its parser, and puts argparse's own back afterwards: every word
argparse says, and only while our command line is the one speaking. In English nothing
is touched (argparse's words are our source text).

argparse's messages are marked below so that the catalogs hold them; the ones that only
a programmer can cause (a conflicting option string) are left in English.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

from facilitator.i18n import N_, current

# TRANSLATORS: argparse's words. `%(prog)s`, `%s`, `%r` and the like are filled in by
# argparse; keep them. "usage: " ends with a space.
WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s"),  # argparse's ends with a newline; see _gettext
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _plurals_marked_for_the_catalogs(n: int) -> str:
    """Never called: marks argparse's plural sentence, which argparse asks `ngettext` for."""
    return current().ngettext("expected %s argument", "expected %s arguments", n)


def _gettext(message: str | None) -> str | None:
    # argparse asks for `_(None)` (a subparsers group with no description).
    if message is None:
        return None
    # The catalogs hold sentences, not line ends: `error:`'s sentence is looked up
    # without argparse's final newline, which is put back after it.
    body = message.removesuffix("\n")
    return current().gettext(body) + message[len(body):]


def _ngettext(singular: str, plural: str, n: int) -> str:
    return current().ngettext(singular, plural, n)


@contextlib.contextmanager
def speaking() -> Iterator[None]:
    """Inside the block, argparse says its words in the current language."""
    if current().english:
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
