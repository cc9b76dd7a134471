"""`validate`, `protocols`, `show`, `schema`: working with protocol files."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pass
