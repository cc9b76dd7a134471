"""`sync init [REMOTE]`, `sync`: move the group between laptops with git."""

from __future__ import annotations

import argparse

from facilitator.errors import StoreError
from facilitator.i18n import _


def _sync(args: argparse.Namespace) -> int:
    """Share the group's new files, or set the sharing up with `init [REMOTE]`."""
    from facilitator.store import sync as git_sync
    from facilitator.store.group import Group

    group = Group.from_env(args.group)
    words = list(args.words)
    if not words:
        print(git_sync.sync(group))
        return 0
    if words[0] != "init" or len(words) > 2:
        raise StoreError(_("Use `facilitator sync` to share, or `facilitator sync init "
                           "[REMOTE]` to set it up (REMOTE: a bare repository on a USB stick or "
                           "shared drive, or any git URL)."))
    print(git_sync.init(group, words[1] if len(words) == 2 else None))
    if group.notice:
        print(group.notice)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `sync` to the command line."""
    help_ = _("move the group between laptops with git: `sync init [REMOTE]`, then `sync`")
    parser = subparsers.add_parser("sync", help=help_, description=help_)
    parser.add_argument("words", nargs="*", metavar=_("init [REMOTE]"),
                        help=_("set up sharing with REMOTE (a path or git URL)"))
    parser.add_argument("--group", metavar=_("DIR"), default=None,
                        help=_("the group's folder (default: $FACILITATOR_GROUP, else your "
                               "data folder); with `init REMOTE`, a new folder gets the whole "
                               "history"))
    parser.set_defaults(func=_sync)
