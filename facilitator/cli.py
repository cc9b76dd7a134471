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
    from facilitator.commands import fairshare, group, meeting, protocols

    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run your group's meetings: rounds, a fair speaking stack, tests for "
        "agreement, and minutes.",
    )
    parser.set_defaults(func=None)
    subparsers = parser.add_subparsers(metavar="COMMAND")
    for module in (meeting, protocols, group, fairshare):
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.func is None:
        # `facilitator` alone opens the meeting picker.
        args = parser.parse_args(["run", *(argv or [])])
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
