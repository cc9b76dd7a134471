"""`roles suggest`, `workload`, `airtime`, `moratorium`: sharing the work fairly.

Text output is sentences, by name, never a ranking; `--format json` gives the data.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from facilitator import fairshare
from facilitator.commands.care import spoken, today
from facilitator.commands.output import say
from facilitator.errors import StoreError
from facilitator.i18n import N_, _, current, ngettext
from facilitator.minutes.safe import json_printable

NUMBERS = {1: N_("once"), 2: N_("twice"), 3: N_("three times"), 4: N_("four times")}



def open_group(path: Any) -> Any:
    """The group (imported when a command runs, not when the parser is built)."""
    from facilitator.opening import open_group as open_

    return open_(path)

def _print_json(value: Any) -> None:
    print(json_printable(json.dumps(value, ensure_ascii=False, indent=2)))


def _times(count: int) -> str:
    return _(NUMBERS[count]) if count in NUMBERS else _("{n} times").format(n=count)


def _roles(args: argparse.Namespace) -> int:
    """Who to ask for each role next."""
    from facilitator import care

    group = open_group(args.group)
    suggestions, left_out = care.suggest_roles(group.history(), group.roster(),
                                               group.open_actions(), group.care(), today(args))
    if args.format == "json":
        _print_json(suggestions)
        return 0
    if not any(suggestions.values()) and not left_out:
        say(_("No one has come to a meeting yet in {folder}.").format(folder=group.path))
        return 0
    for role, names in suggestions.items():
        if not names:
            say(_("{role}: nobody can be asked (everyone opted out).").format(role=role))
        elif len(names) == 1:
            say(_("{role}: ask {name}.").format(role=role, name=names[0]))
        else:
            say(_("{role}: ask {name} first, then {others}.").format(
                role=role, name=names[0], others=", ".join(names[1:])))
    if left_out:
        say()
        for name, why in sorted(left_out.items(), key=lambda kv: kv[0].casefold()):
            say("  " + _("Not asked this time: {name} ({why}).").format(name=name, why=why))
    return 0


def _person(row: dict[str, Any]) -> str:
    items = row["open_actions"]
    actions = _("no open actions") if not items else ngettext(
        "{n} open action", "{n} open actions", items).format(n=items)
    held = ", ".join(f"{role} {_times(n)}" for role, n in row["roles_recent"].items())
    roles = (_("{held} in the last {n} meetings").format(held=held, n=fairshare.RECENT)
             if held else _("no role lately"))
    came = ngettext("came to {n} meeting", "came to {n} meetings", row["meetings"]).format(
        n=row["meetings"])
    shifts = row.get("shifts_week") or 0
    did = "; " + ngettext("{n} shift this week", "{n} shifts this week", shifts).format(
        n=shifts) if shifts else ""
    away = "; " + _("resting until {day}").format(day=spoken(row["resting_until"])) if row.get(
        "resting_until") else ""
    return f"{row['name']}: {actions}; {roles}; {came}{did}{away}."


def _workload(args: argparse.Namespace) -> int:
    """Open actions, recent roles and meetings per person, with a word where it piles up."""
    from facilitator import care

    group = open_group(args.group)
    rows = care.workload(group.history(), group.open_actions(), group.roster(), group.care(),
                         today(args))
    if args.format == "json":
        _print_json(rows)
        return 0
    if not rows:
        say(_("No one has come to a meeting yet in {folder}.").format(folder=group.path))
    for row in rows:
        say(_person(row))
    warnings = [row["warning"] for row in rows if row["warning"]]
    if warnings:
        say()
        for warning in warnings:
            say(f"  {warning}")
    elif rows:
        say("\n" + _("The work is shared: nobody carries much more than the others."))
    backups = [b for row in rows for b in row["backups"]]
    if backups:
        say("\n" + _("Backups, so nobody carries it alone:"))
        for line in backups:
            say(f"  {line}")
    return 0


def _share(fraction: float) -> str:
    return _("{percent}% of the speaking time").format(percent=round(fraction * 100))


def _how_even(value: float) -> str:
    if value >= 0.8:
        return _("evenly")
    if value >= 0.6:
        return _("fairly evenly")
    if value >= 0.4:
        return _("unevenly")
    return _("very unevenly")


def _airtime(args: argparse.Namespace) -> int:
    """Each person's share of the floor over the last N meetings, and how even it was."""
    if args.meetings < 1:
        raise StoreError(_("--meetings counts meetings: give 1 or more."))
    group = open_group(args.group)
    shares = fairshare.airtime_shares(group.history(keep=args.meetings), args.meetings)
    if args.format == "json":
        _print_json(shares)
        return 0
    if not shares["meetings"]:
        say(_("No meetings yet in {folder}.").format(folder=group.path))
        return 0
    total = sum(shares["seconds"].values())
    count = shares["meetings"]
    span = _("the last meeting") if count == 1 else _("the last {n} meetings").format(n=count)
    say(_("Over {span} ({minutes} min of speaking):").format(span=span,
                                                             minutes=round(total / 60)))
    for name, fraction in shares["shares"].items():
        said = _share(fraction) if fraction else _("did not take the floor")
        say(f"  {name}: {said}")
    value = shares["evenness"]
    if value is None:
        say(_("Too little was said to tell how evenly the floor was shared."))
    else:
        shown = f"{value:.2f}" if current().english else current().decimal(value)
        say(_("The floor was shared {how} (evenness {value}, where 1 is perfectly even: 1 minus "
              "the normalised Gini of airtime, silent people counted).").format(
            how=_how_even(value), value=shown))
    many = fairshare.floor_flag(shares["shares"])
    if many:
        say(_("{names} held more than twice an even share; a round might make room for quieter "
              "voices.").format(names=_(" and ").join(many)))
    return 0


def _moratorium(args: argparse.Namespace) -> int:
    """Show, set or lift the moratorium on new initiatives."""
    group = open_group(args.group)
    reason = " ".join(args.reason)
    if args.action == "set":
        fairshare.set_moratorium(group, reason)
        say(_("New initiatives are paused: {reason}.").format(reason=" ".join(reason.split())))
    elif args.action == "lift":
        fairshare.lift_moratorium(group, reason)
        say(_("The moratorium is lifted; new initiatives are welcome again."))
    elif args.reason:
        raise StoreError(_("Use `facilitator moratorium set REASON` or `moratorium lift "
                           "REASON`."))
    elif (standing := fairshare.current_moratorium(group)) is None:
        say(_("No moratorium: the group is open to new initiatives."))
    else:
        say(_("New initiatives are paused since {day}: {reason}.").format(
            day=fairshare.moratorium_since(group), reason=standing))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the fair-share commands to the command line."""
    from facilitator.commands import GROUP_HELP

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--group", metavar=_("DIR"), default=None, help=_(GROUP_HELP))

    def add(name: str, func: Any, help_: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = subparsers.add_parser(
            name, parents=[common], help=help_, description=help_[0].upper() + help_[1:] + ".")
        parser.set_defaults(func=func)
        return parser

    date = _("DATE")
    p = add("roles", _roles, _("suggest who to ask for each role next"))
    p.add_argument("action", choices=["suggest"])
    p.add_argument("--format", choices=["json", "txt"], default="txt")
    p.add_argument("--today", metavar=date, help=_("as of DATE (default: today)"))

    p = add("workload", _workload, _("show open actions, recent roles and shifts per person"))
    p.add_argument("--format", choices=["json", "txt"], default="txt")
    p.add_argument("--today", metavar=date, help=_("as of DATE (default: today)"))

    p = add("airtime", _airtime,
            _("show each person's share of the floor over recent meetings"))
    p.add_argument("--meetings", type=int, default=fairshare.RECENT, metavar="N",
                   help=_("how many recent meetings (default {n})").format(n=fairshare.RECENT))
    p.add_argument("--format", choices=["json", "txt"], default="txt")

    p = add("moratorium", _moratorium, _("show, set or lift a moratorium on new initiatives"))
    p.add_argument("action", nargs="?", choices=["set", "lift"])
    p.add_argument("reason", nargs="*", metavar=_("REASON"))
