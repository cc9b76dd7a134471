"""`validate`, `protocols`, `show`, `schema`: working with protocol files.

Other command modules build their library the same way: `add_library_arguments(parser)`
and `library_from_args(args)`.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from typing import TYPE_CHECKING

from facilitator.commands.output import quiet_stdout
from facilitator.errors import FacilitatorError, ProtocolError
from facilitator.i18n import _, current

if TYPE_CHECKING:
    from facilitator.protocols.model import Library

GROUP_ENV = "FACILITATOR_GROUP"


def add_library_arguments(parser: argparse.ArgumentParser) -> None:
    """`--protocols FILE` (repeatable) and `--group DIR`, as `library_from_args` reads them."""
    parser.add_argument("--protocols", metavar=_("FILE"), action="append", default=[],
                        type=pathlib.Path, help=_("a protocol file; later ones override "
                                                  "earlier ones by id (repeatable)"))
    parser.add_argument("--group", metavar=_("DIR"), type=pathlib.Path, default=None,
                        help=_("the group's folder (default: ${variable}); its "
                               "protocols.yaml is used if it exists").format(variable=GROUP_ENV))


def library_paths(args: argparse.Namespace) -> list[pathlib.Path]:
    """The protocol files named by the arguments, in override order (built-in not included):
    the group's own protocols.yaml (for commands that take `--group`: the named group, or
    $FACILITATOR_GROUP, or the default group), then every `--protocols` file."""
    paths: list[pathlib.Path] = []
    if hasattr(args, "group"):
        from facilitator.store.where import group_folder

        group_file = group_folder(args.group) / "protocols.yaml"
        if group_file.is_file():
            paths.append(group_file)
    paths += [pathlib.Path(p) for p in getattr(args, "protocols", None) or []]
    return paths


def library_from_args(args: argparse.Namespace) -> Library:
    """Built-in library, the group's protocols.yaml, then every `--protocols` file.

    Raises ProtocolError (every problem) when any file has an error; warnings are ignored.
    """
    from facilitator.protocols.loader import load_library

    library, _warnings = load_library(library_paths(args))
    return library


def _validate(args: argparse.Namespace) -> int:
    from facilitator.protocols.loader import build_library, builtin_source, read_sources

    sources, problems = read_sources(args.files)
    # Validating the built-in file itself (or a copy): it stands in for the built-in
    # library instead of being read twice.
    builtin = builtin_source()[1]
    _library, more = build_library(sources, not any(t == builtin for _, t in sources))
    problems += more
    status = 1 if any(not p.warning for p in problems) else 0
    try:
        for problem in problems:
            print(problem)
        for path in args.files:
            if not any(p.file == str(path) and not p.warning for p in problems):
                print(_("{file}: ok").format(file=path))
        sys.stdout.flush()
    except BrokenPipeError:  # `validate FILE | head -1`: the answer stands all the same
        quiet_stdout()
    return status


def _list(args: argparse.Namespace) -> int:
    library = library_from_args(args)
    width = max((len(pid) for pid in library.protocols), default=0)
    for pid, protocol in sorted(library.protocols.items()):
        print(f"{pid:<{width}}  {current().text(protocol.title)}")
    return 0


def _show(args: argparse.Namespace) -> int:
    library = library_from_args(args)
    protocol = library.protocol(args.id)
    if protocol is None:
        known = ", ".join(sorted(library.protocols))
        raise FacilitatorError(_("There is no protocol `{id}`; choose one of {known}.").format(
            id=args.id, known=known))
    from facilitator.protocols.describe import mermaid, outline

    if args.mermaid:  # fenced, ready to paste into Markdown
        sys.stdout.write(f"```mermaid\n{mermaid(protocol).rstrip()}\n```\n")
    else:
        sys.stdout.write(outline(protocol))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from facilitator.protocols.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    validate = subparsers.add_parser(
        "validate", help=_("check protocol files and print every problem"),
        description=_("Check protocol files (with the built-in library) and print every "
                      "problem as FILE:LINE:COL. Exit 1 on errors; warnings alone exit 0."))
    validate.add_argument("files", metavar=_("FILE"), nargs="+", type=pathlib.Path)
    validate.set_defaults(func=_validate)

    listing = subparsers.add_parser("protocols", help=_("list the protocols you can use"))
    add_library_arguments(listing)
    listing.set_defaults(func=_list)
    from facilitator.commands.library_init import add_init_parser

    add_init_parser(listing.add_subparsers(metavar=_("COMMAND")))

    show = subparsers.add_parser("show", help=_("outline a protocol, or draw it in Mermaid"))
    show.add_argument("id", metavar="ID")
    show.add_argument("--mermaid", action="store_true",
                      help=_("print a Mermaid flowchart in a ```mermaid block, to paste into "
                             "Markdown"))
    add_library_arguments(show)
    show.set_defaults(func=_show)

    schema = subparsers.add_parser(
        "schema", help=_("print the JSON Schema of protocol files (for editors)"))
    schema.set_defaults(func=_schema)


__all__ = ["ProtocolError", "add_library_arguments", "library_from_args", "register"]
