"""`meetings`, `minutes`, `roster`, `actions`, `decisions`, `principles`: the group's memory."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pass
