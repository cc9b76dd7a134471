"""`shift`, `rest`, `backup`, `agreements`: care for the people who carry the work.

Each change is one new file in the group (facilitator.store.care). `--today DATE` reads
the memory as of another day (a simulated month, or planning ahead); by default today.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from facilitator.commands import GROUP_HELP, adder
from facilitator.commands.output import say
from facilitator.errors import StoreError

if TYPE_CHECKING:
    from facilitator.store.group import Group


def today(args: argparse.Namespace) -> str:
    """The day the command reads the memory as of: `--today`, else the computer's date."""
    given: str | None = getattr(args, "today", None)
    return _date(given, "--today") if given else dt.date.today().isoformat()


def _date(text: str, what: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise StoreError(f"`{text}` is not a date; write {what} like 2026-12-01.") from None


def _name(group: Group, name: str) -> str:
    """The name as the roster spells it, when it knows the person."""
    for person in group.roster():
        if person.name.casefold() == name.casefold():
            return person.name
    return name


def _shift(args: argparse.Namespace) -> int:
    """Record a shift done outside a meeting."""
    from facilitator import care
    from facilitator.opening import open_group

    group = open_group(args.group)
    what = " ".join(args.what.split())
    if not what:
        raise StoreError("Say what the shift was: `facilitator shift NAME \"Food drive\"`.")
    day = _date(args.date, "the date") if args.date else today(args)
    name = _name(group, args.name)
    group.add_care("shift", name=name, what=what, day=day)
    say(f"Thank you, {name}: {what} on {care.spoken(day)} is recorded.")
    warning = care.shift_warning(group.care(), name, max(day, today(args)), group.roster())
    if warning:
        say(f"  {warning}")
    return 0


def _rest(args: argparse.Namespace) -> int:
    """Show who is resting; start or end someone's rest."""
    from facilitator import care
    from facilitator.opening import open_group

    group = open_group(args.group)
    now = today(args)
    if args.name is None:
        away = care.resting(group.care(), now)
        if not away:
            say("Nobody is resting.")
        for rest in sorted(away.values(), key=lambda r: r.name.casefold()):
            say(f"{rest.name} is resting until {care.spoken(rest.until)}.")
        return 0
    name = _name(group, args.name)
    if args.why and not args.until:
        raise StoreError(f"--why goes with --until: `facilitator rest {name} --until DATE "
                         "--why TEXT`.")
    if args.end:
        if name.casefold() not in care.resting(group.care(), now):
            raise StoreError(f"{name} is not resting.")
        group.add_care("rest_end", name=name)
        say(f"Welcome back, {name}.")
        return 0
    if not args.until:
        found = care.resting(group.care(), now).get(name.casefold())
        if found is None:
            say(f"{name} is not resting. Start with `facilitator rest {name} --until DATE`.")
        else:  # asked about one person: their own words may be shown
            why = f" ({found.why})" if found.why else ""
            say(f"{name} is resting until {care.spoken(found.until)}{why}.")
        return 0
    until = _date(args.until, "--until")
    if until < now:
        raise StoreError(f"{care.spoken(until)} has passed; give a day still to come.")
    group.add_care("rest", name=name, until=until, why=" ".join((args.why or "").split()) or None)
    say(f"{name} is resting until {care.spoken(until)}: nobody will ask {name} for a role, "
          "and the review will offer to hand on what they hold.")
    return 0


def _backup(args: argparse.Namespace) -> int:
    """Name a backup for a role or an open action; or list the backups."""
    from facilitator import care
    from facilitator.opening import open_group

    group = open_group(args.group)
    if args.what is None:
        facts = group.care()
        backed = [a for a in group.open_actions() if a.backup]
        if not facts.backups and not backed:
            say("No backups yet. Name one with `facilitator backup ROLE NAME`.")
        for b in facts.backups:
            say(f"{b.role}: {b.name} (since {care.spoken(b.since)})")
        for a in backed:
            say(f"{a.id} {a.what} ({a.owner}): {a.backup}")
        return 0
    if args.name is None:
        raise StoreError("Say who backs it up: `facilitator backup ROLE NAME`.")
    name = _name(group, args.name)
    actions = [a for a in group.open_actions() if args.what in (a.id, a.ref)]
    if actions:
        group.add_care("action_backup", ref=actions[0].ref, name=name)
        say(f"{name} backs up {actions[0].id} ({actions[0].what}).")
    else:
        group.add_care("backup", role=args.what, name=name)
        say(f"{name} backs up the role {args.what}, and will be asked for it sooner.")
    return 0


def _agreements(args: argparse.Namespace) -> int:
    """The group's agreements: whom each binds and when it is next reviewed."""
    from facilitator import care
    from facilitator.opening import open_group

    group = open_group(args.group)
    shown = group.agreements() if args.all else group.open_agreements()
    if not shown:
        say("No agreements yet." if args.all else "No open agreements.")
    for g in shown:
        binds = ", ".join(g.parties) if g.parties else "the whole group"
        review = (f"next reviewed {care.spoken(g.review_on)}" if g.review_on
                  else "no review date")
        status = "" if g.status == "open" else f" [{g.status}]"
        say(f"{g.id}  {g.text}{status}\n      binds {binds}; {review}; "
              f"agreed {care.spoken(g.date)}.")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the care commands to the command line."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--group", metavar="DIR", default=None, help=GROUP_HELP)
    common.add_argument("--today", metavar="DATE", default=None,
                        help="read the memory as of DATE (default: today)")
    add = adder(subparsers, common)

    p = add("shift", _shift, "record a shift done outside a meeting (a drive, a pantry shift)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("what", metavar="WHAT")
    p.add_argument("date", nargs="?", metavar="DATE", help="the day (default: today)")

    p = add("rest", _rest, "show who is resting; start (--until) or end (--end) a rest")
    p.add_argument("name", nargs="?", metavar="NAME")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--until", metavar="DATE", help="nobody asks NAME until DATE")
    which.add_argument("--end", action="store_true", help="NAME is back")
    p.add_argument("--why", metavar="TEXT", help="NAME's own reason; never in the minutes")

    p = add("backup", _backup, "name a backup for a role or an open action; list the backups")
    p.add_argument("what", nargs="?", metavar="ROLE|ACTION")
    p.add_argument("name", nargs="?", metavar="NAME")

    p = add("agreements", _agreements,
            "show the agreements: whom each binds, when each is next reviewed")
    p.add_argument("--all", action="store_true", help="also those done or dropped")
