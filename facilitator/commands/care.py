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
from facilitator.i18n import N_, _, current

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
        raise StoreError(_("`{text}` is not a date; write {what} like 2026-12-01.").format(
            text=text, what=what if what.startswith("--") else _(what))) from None


def spoken(date: str) -> str:
    """A day as people say it: `3 November`, `3 de noviembre`."""
    from facilitator import care

    t = current()
    if t.english:
        return care.spoken(date)
    try:
        return t.day_month(dt.date.fromisoformat(date))
    except ValueError:
        return date


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
        raise StoreError(_("Say what the shift was: `facilitator shift NAME \"Food drive\"`."))
    day = _date(args.date, N_("the date")) if args.date else today(args)
    name = _name(group, args.name)
    group.add_care("shift", name=name, what=what, day=day)
    say(_("Thank you, {name}: {what} on {day} is recorded.").format(name=name, what=what,
                                                                   day=spoken(day)))
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
            say(_("Nobody is resting."))
        for rest in sorted(away.values(), key=lambda r: r.name.casefold()):
            say(_("{name} is resting until {day}.").format(name=rest.name, day=spoken(rest.until)))
        return 0
    name = _name(group, args.name)
    if args.why and not args.until:
        raise StoreError(_("--why goes with --until: `facilitator rest {name} --until DATE "
                           "--why TEXT`.").format(name=name))
    if args.end:
        if name.casefold() not in care.resting(group.care(), now):
            raise StoreError(_("{name} is not resting.").format(name=name))
        group.add_care("rest_end", name=name)
        say(_("Welcome back, {name}.").format(name=name))
        return 0
    if not args.until:
        found = care.resting(group.care(), now).get(name.casefold())
        if found is None:
            say(_("{name} is not resting. Start with `facilitator rest {name} --until DATE`.")
                .format(name=name))
        else:  # asked about one person: their own words may be shown
            why = f" ({found.why})" if found.why else ""
            say(_("{name} is resting until {day}{why}.").format(name=name,
                                                              day=spoken(found.until), why=why))
        return 0
    until = _date(args.until, "--until")
    if until < now:
        raise StoreError(_("{day} has passed; give a day still to come.").format(
            day=spoken(until)))
    group.add_care("rest", name=name, until=until, why=" ".join((args.why or "").split()) or None)
    say(_("{name} is resting until {day}: nobody will ask {name} for a role, and the review "
          "will offer to hand on what they hold.").format(name=name, day=spoken(until)))
    return 0


def _backup(args: argparse.Namespace) -> int:
    """Name a backup for a role or an open action; or list the backups."""
    from facilitator.opening import open_group

    group = open_group(args.group)
    if args.what is None:
        facts = group.care()
        backed = [a for a in group.open_actions() if a.backup]
        if not facts.backups and not backed:
            say(_("No backups yet. Name one with `facilitator backup ROLE NAME`."))
        for b in facts.backups:
            say(f"{b.role}: {b.name} (" + _("since {day}").format(day=spoken(b.since)) + ")")
        for a in backed:
            say(f"{a.id} {a.what} ({a.owner}): {a.backup}")
        return 0
    if args.name is None:
        raise StoreError(_("Say who backs it up: `facilitator backup ROLE NAME`."))
    name = _name(group, args.name)
    actions = [a for a in group.open_actions() if args.what in (a.id, a.ref)]
    if actions:
        group.add_care("action_backup", ref=actions[0].ref, name=name)
        say(_("{name} backs up {id} ({what}).").format(name=name, id=actions[0].id,
                                                      what=actions[0].what))
    else:
        group.add_care("backup", role=args.what, name=name)
        say(_("{name} backs up the role {role}, and will be asked for it sooner.").format(
            name=name, role=args.what))
    return 0


def _agreements(args: argparse.Namespace) -> int:
    """The group's agreements: whom each binds and when it is next reviewed."""
    from facilitator.opening import open_group

    group = open_group(args.group)
    shown = group.agreements() if args.all else group.open_agreements()
    if not shown:
        say(_("No agreements yet.") if args.all else _("No open agreements."))
    for g in shown:
        binds = ", ".join(g.parties) if g.parties else _("the whole group")
        review = (_("next reviewed {day}").format(day=spoken(g.review_on)) if g.review_on
                  else _("no review date"))
        status = "" if g.status == "open" else f" [{g.status}]"
        say(f"{g.id}  {g.text}{status}\n      " + _("binds {names}; {review}; agreed {day}.")
            .format(names=binds, review=review, day=spoken(g.date)))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the care commands to the command line."""
    common = argparse.ArgumentParser(add_help=False)
    name, date = _("NAME"), _("DATE")
    common.add_argument("--group", metavar=_("DIR"), default=None, help=_(GROUP_HELP))
    common.add_argument("--today", metavar=date, default=None,
                        help=_("read the memory as of DATE (default: today)"))
    add = adder(subparsers, common)

    p = add("shift", _shift,
            _("record a shift done outside a meeting (a drive, a pantry shift)"))
    p.add_argument("name", metavar=name)
    p.add_argument("what", metavar=_("WHAT"))
    p.add_argument("date", nargs="?", metavar=date, help=_("the day (default: today)"))

    p = add("rest", _rest, _("show who is resting; start (--until) or end (--end) a rest"))
    p.add_argument("name", nargs="?", metavar=name)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--until", metavar=date, help=_("nobody asks NAME until DATE"))
    which.add_argument("--end", action="store_true", help=_("NAME is back"))
    p.add_argument("--why", metavar=_("TEXT"), help=_("NAME's own reason; never in the minutes"))

    p = add("backup", _backup,
            _("name a backup for a role or an open action; list the backups"))
    p.add_argument("what", nargs="?", metavar=_("ROLE|ACTION"))
    p.add_argument("name", nargs="?", metavar=name)

    p = add("agreements", _agreements,
            _("show the agreements: whom each binds, when each is next reviewed"))
    p.add_argument("--all", action="store_true", help=_("also those done or dropped"))
