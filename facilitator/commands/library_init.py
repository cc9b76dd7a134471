"""`facilitator protocols init`: a commented starter protocols.yaml in the group's folder.

Beside it goes `protocols.schema.json`, which the starter's first line (a
yaml-language-server modeline) names, unless a file of that name is there already.

Rules: the starter text is `facilitator/data/starter-protocols.yaml`, shipped in the
package and read through importlib.resources; it validates against the built-in library
(a test says so). An existing protocols.yaml is never overwritten.
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import pathlib
import sys

from facilitator.i18n import _

STARTER = "starter-protocols.yaml"
SCHEMA = "protocols.schema.json"  # named by the starter's modeline


def starter_text() -> str:
    """The commented starter protocols.yaml that `init` writes."""
    resource = importlib.resources.files("facilitator") / "data" / STARTER
    return resource.read_text(encoding="utf-8")


def init(args: argparse.Namespace) -> int:
    """Write the starter protocols.yaml into the group's folder; 1 if one is there already."""
    from facilitator.store.files import atomic_write, ensure_dir
    from facilitator.store.group import Group

    target = Group.from_env(getattr(args, "group", None)).protocols_path
    if target.exists():
        print(_("facilitator: {file} already exists, so it was left as it is; edit it, or move "
                "it away to start again from the starter.").format(file=target), file=sys.stderr)
        return 1
    from facilitator.protocols.schema import json_schema

    ensure_dir(target.parent)
    atomic_write(target, starter_text().encode("utf-8"))
    schema = target.with_name(SCHEMA)
    if not schema.exists():  # the starter's modeline points editors at it
        text = json.dumps(json_schema(), indent=2) + "\n"
        atomic_write(schema, text.encode("utf-8"))
    print(_("Wrote {file} and its schema for editors, {schema}. Edit it, then check it with: "
            "facilitator validate {file}").format(file=target, schema=schema.name))
    return 0


def add_init_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `init` to the sub-commands of `facilitator protocols`."""
    parser = subparsers.add_parser(
        "init", help=_("write a commented starter protocols.yaml into the group's folder"),
        description=_("Write a commented starter protocols.yaml into the group's folder, to "
                      "write your own protocols in. An existing protocols.yaml is never "
                      "overwritten."))
    # SUPPRESS: `facilitator protocols --group DIR init` keeps the parent parser's value.
    from facilitator.commands import GROUP_HELP

    parser.add_argument("--group", metavar=_("DIR"), type=pathlib.Path,
                        default=argparse.SUPPRESS, help=_(GROUP_HELP))
    parser.set_defaults(func=init)
