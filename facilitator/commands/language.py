"""`--lang` and `group set language`: which language facilitator speaks.

The language comes from `--lang` (anywhere on the command line), then the group's
setting, then `LANGUAGE`/`LANG`, then English (`facilitator.i18n.resolve`).
"""

from __future__ import annotations

import argparse
import os
import sys

from facilitator.i18n import N_, _, available, resolve, supported, translator


def take_lang(words: list[str]) -> tuple[list[str], str | None, str | None]:
    """`--lang X` or `--lang=X` taken out of the words (before any `--`), with its value;
    the third part is a sentence when `--lang` is given no value."""
    rest: list[str] = []
    lang: str | None = None
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            rest += words[i:]
            break
        if word == "--lang":
            if i + 1 >= len(words) or words[i + 1].startswith("-"):
                return words, None, N_("--lang needs a language, like `--lang es`.")
            lang = words[i + 1]
            i += 2
            continue
        if word.startswith("--lang="):
            lang = word.split("=", 1)[1]
        else:
            rest.append(word)
        i += 1
    return rest, lang, None


def group_option(words: list[str]) -> str | None:
    """The folder `--group` names in the words, if any."""
    for i, word in enumerate(words):
        if word == "--":
            break
        if word.startswith("--group="):
            return word.split("=", 1)[1]
        if word == "--group" and i + 1 < len(words):
            return words[i + 1]
    return None


def choose(words: list[str], lang: str | None) -> tuple[str, str | None]:
    """The language for this run, and a sentence when one asked for is missing."""
    group_lang = None
    if lang is None:
        from facilitator.store.settings import setting
        from facilitator.store.where import group_folder

        try:
            group_lang = setting(group_folder(group_option(words)), "language")
        except OSError:
            group_lang = None
    return resolve(lang, group_lang, os.environ)


def _set(args: argparse.Namespace) -> int:
    from facilitator.store.settings import set_setting
    from facilitator.store.where import group_folder

    value = args.value.strip()
    found = supported(value)
    if found is None:
        print(_("facilitator: `{value}` is not a language facilitator speaks; choose one of "
                "{languages}.").format(value=value, languages=", ".join(available()[:-1])),
              file=sys.stderr)
        return 1
    folder = group_folder(args.group)
    set_setting(folder, "language", found)
    # Said in the language just chosen, as everything after it will be.
    print(translator(found).gettext(
        "The group's language is now `{lang}`: its minutes and messages are written in it, "
        "unless `--lang` says otherwise.").format(lang=found))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from facilitator.commands import GROUP_HELP

    group = subparsers.add_parser("group", help=_("the group's settings (its language)"))
    actions = group.add_subparsers(metavar=_("ACTION"), required=True)
    set_ = actions.add_parser("set", help=_("set one of the group's settings"))
    set_.add_argument("name", choices=["language"], help=_("the setting"))
    set_.add_argument("value", metavar=_("VALUE"), help=_("its value (a language: en, es)"))
    set_.add_argument("--group", metavar=_("DIR"), default=None, help=_(GROUP_HELP))
    set_.set_defaults(func=_set)
