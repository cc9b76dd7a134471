"""The command line: parses arguments, builds the concrete parts, runs. Nothing else.

Each sub-command lives in a module of `facilitator.commands` that offers
`register(subparsers)`; the parser it adds carries `func(args) -> int` as a default.
Every error a person can cause is caught here and printed as one sentence.
"""

from __future__ import annotations

import argparse
import sys

from facilitator.errors import FacilitatorError


def build_parser() -> argparse.ArgumentParser:
    from facilitator.commands import care, fairshare, group, meeting, protocols, sync

    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run your group's meetings: rounds, a fair speaking stack, tests for "
        "agreement, and minutes.",
    )
    parser.set_defaults(func=None)
    subparsers = parser.add_subparsers(metavar="COMMAND")
    for module in (meeting, protocols, group, fairshare, care, sync):
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or (words[0].startswith("-") and words[0] not in ("-h", "--help")):
        # `facilitator` alone, or with options only (`--group DIR`), opens the picker.
        words = ["run", *words]
    args = parser.parse_args(words)
    try:
        return int(args.func(args) or 0)
    except FacilitatorError as error:
        print(f"facilitator: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `facilitator minutes --last | head`: the reader has enough
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
