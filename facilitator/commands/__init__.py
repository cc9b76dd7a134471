"""Sub-commands of the `facilitator` command line, one module per area."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from facilitator.i18n import N_

# Translated where it is used: the language is chosen after this module is imported.
GROUP_HELP = N_("the group's folder (default: $FACILITATOR_GROUP, else your data folder)")


def adder(subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
          common: argparse.ArgumentParser) -> Callable[[str, Any, str], argparse.ArgumentParser]:
    """`add(name, func, help)`: a sub-command with the `common` options, its help phrased like
    every other command's (`run a meeting`), its description that help as a sentence."""

    def add(name: str, func: Any, help_: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = subparsers.add_parser(
            name, parents=[common], help=help_, description=help_[0].upper() + help_[1:] + ".")
        parser.set_defaults(func=func)
        return parser

    return add
