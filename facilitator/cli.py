"""The command line: parses arguments, builds the concrete parts, runs. Nothing else.

Each sub-command lives in a module of `facilitator.commands` that offers
`register(subparsers)`; the parser it adds carries `func(args) -> int` as a default.
Every error a person can cause is caught here and printed as one sentence.
"""

from __future__ import annotations

import argparse
import sys

from facilitator import __version__, collect
from facilitator.commands.output import quiet_stdout
from facilitator.errors import FacilitatorError
from facilitator.i18n import _
from facilitator.store.files import explain


def build_parser() -> argparse.ArgumentParser:
    from facilitator.commands import care, fairshare, group, language, meeting, protocols, sync

    parser = argparse.ArgumentParser(
        prog="facilitator",
        description=_("Run your group's meetings: rounds, a fair speaking stack, tests for "
                      "agreement, and minutes."),
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--lang", metavar=_("LANG"),
                        help=_("the language to speak, anywhere on the line (default: the "
                               "group's, else $LANGUAGE or $LANG, else en)"))
    parser.set_defaults(func=None)
    subparsers = parser.add_subparsers(metavar=_("COMMAND"))
    for module in (meeting, protocols, group, fairshare, care, sync, language):
        module.register(subparsers)
    return parser


def _empty_group(words: list[str]) -> bool:
    """`--group ""` (or `--group=`): an empty folder name would silently mean another group
    (the default one, or the current folder)."""
    for i, word in enumerate(words):
        if word == "--":
            break
        if word == "--group=" or (word == "--group" and i + 1 < len(words)
                                  and not words[i + 1].strip()):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    """Run the command line in the language chosen for it (see `commands.language`);
    the process's language is as it was afterwards."""
    from facilitator import i18n
    from facilitator.commands.language import choose, take_lang
    from facilitator.i18n import translator

    collect.hold()  # until the full screen is up, or the command's words are read

    words, lang, wrong = take_lang(list(sys.argv[1:] if argv is None else argv))
    if wrong:  # said in the language the group or the environment chose
        print("facilitator: " + translator(choose(words, None)[0]).gettext(wrong),
              file=sys.stderr)
        return 2
    chosen, missing = choose(words, lang)
    before = i18n.current().lang
    i18n.use(chosen)
    try:
        if missing:
            print(f"facilitator: {missing}", file=sys.stderr)
        return _main(words)
    finally:
        i18n.use(before)
        collect.settle()


def _parse(words: list[str]) -> argparse.Namespace:
    """The parsed words; argparse's own words (`usage:`, `error:`, ...) in the chosen
    language. English is argparse's own, and imports nothing more."""
    from facilitator.i18n import current

    if current().english:
        return build_parser().parse_args(words)
    from facilitator.commands.parsing import speaking

    with speaking():
        return build_parser().parse_args(words)


def _main(words: list[str]) -> int:
    if not words or (words[0].startswith("-") and words[0] not in ("-h", "--help", "--version")):
        # `facilitator` alone, or with options only (`--group DIR`), opens the picker.
        words = ["run", *words]
    if _empty_group(words):
        print(_("facilitator: --group names no folder; give the group's folder, or leave "
                "--group out to use $FACILITATOR_GROUP or the default group."), file=sys.stderr)
        return 2
    args = _parse(words)
    if not getattr(args, "full_screen", False) or getattr(args, "plain", False):
        collect.settle()  # only a full screen starts with the collector held
    try:
        return int(args.func(args) or 0)
    except FacilitatorError as error:
        from facilitator.minutes.safe import printable

        print(f"facilitator: {printable(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `facilitator minutes --last | head`: the reader has enough
        quiet_stdout()
        return 0
    except OSError as error:
        # The store turns the file system's refusals into sentences; this is the net
        # for any other place (a file named on the command line, a terminal gone away).
        print(f"facilitator: {explain(error)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
