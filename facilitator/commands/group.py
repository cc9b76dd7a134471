"""`meetings`, `minutes`, `roster`, `actions`, `decisions`, `principles`: the group's memory."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

import attrs

from facilitator.commands.output import add_render_arguments, emit_minutes, say
from facilitator.errors import StoreError
from facilitator.i18n import N_, _, current, ngettext
from facilitator.minutes.safe import json_printable

SHOWN = 20  # ended meetings `meetings` lists without --all (the cache keeps them whole)


def open_group(path: Any) -> Any:
    """The group (imported when a command runs, not when the parser is built)."""
    from facilitator.opening import open_group as open_

    return open_(path)


def _stamp(value: object) -> str:
    """A meeting's start as `YYYY-MM-DD HH:MM` in local time, from the epoch seconds of
    a journal or the ISO text of the minutes; the text as it is when neither."""
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return dt.datetime.fromtimestamp(value).strftime("%Y-%m-%d %H:%M")
        return dt.datetime.fromisoformat(str(value)).strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):
        return str(value or "")[:16]


def _iso(value: object) -> object:
    """Epoch seconds as ISO 8601 text (local time), like the minutes' times."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value).isoformat(timespec="seconds")
        except (ValueError, OverflowError, OSError):
            return None
    return value


# How an action or agreement stands, as `actions review` says it.
_STATUS = {"open": N_("open"), "done": N_("done"), "dropped": N_("dropped")}


def _print_json(value: Any) -> None:
    print(json_printable(json.dumps(value, ensure_ascii=False, indent=2)))


def meetings(args: argparse.Namespace) -> int:
    """List the group's meetings, the ones still open first, then the newest ended ones
    (`--all`: every one; `--format json` always gives every one)."""
    group = open_group(args.group)
    open_ = group.unfinished_meetings()
    if args.format == "json":
        _print_json([{**attrs.asdict(o), "created_at": _iso(o.created_at), "status": "open"}
                     for o in open_]
                    + [{**attrs.asdict(m), "status": "ended"} for m in group.meetings()])
        return 0
    if args.all:
        ended, earlier = group.meetings(), 0
    else:
        history = group.history()
        ended = list(history.newest[:SHOWN])
        earlier = history.count - len(ended)
    if not open_ and not ended:
        say(_("No meetings yet in {folder}.").format(folder=group.path))
    for o in open_:
        say(
            f"{_stamp(o.created_at):16}  {o.id}  {o.title} "
            "(" + _("{protocol}; still open: facilitator resume {id}").format(
                protocol=o.protocol, id=o.id) + ")"
        )
    for m in ended:
        minutes = round((m.duration_s or 0) / 60)
        present = ngettext("{n} present", "{n} present", len(m.attendance)).format(
            n=len(m.attendance))
        say(
            f"{_stamp(m.started_at):16}  {m.id}  {m.title} "
            "(" + _("{protocol}; {minutes} min; {present}").format(
                protocol=m.protocol, minutes=minutes, present=present) + ")"
        )
    if earlier:
        say(ngettext("... and {n} earlier meeting is not shown; `facilitator meetings --all` "
                     "lists every one.",
                     "... and {n} earlier meetings are not shown; `facilitator meetings --all` "
                     "lists every one.", earlier).format(n=earlier))
    return 0


def minutes(args: argparse.Namespace) -> int:
    """Print the minutes of one meeting (or the last one)."""
    group = open_group(args.group)
    meeting_id = group.last_meeting_id() if args.last else args.meeting
    if meeting_id is None:
        raise StoreError(
            _("Name a meeting, or use --last for the most recent one.")
            if not args.last
            else _("There are no meetings yet in {folder}.").format(folder=group.path)
        )
    stored = group.minutes(meeting_id)
    if stored is None:
        if any(m.id == meeting_id for m in group.unfinished_meetings()):
            raise StoreError(
                _("The meeting {id} is still open, so it has no minutes yet. Resume it with "
                  "`facilitator resume {id}` and end it.").format(id=meeting_id)
            )
        raise StoreError(
            _("There is no meeting {id} in {folder}. `facilitator meetings` lists them.").format(
                id=meeting_id, folder=group.path)
        )
    return emit_minutes(args, stored, _library_of(group, meeting_id))


def _library_of(group: Any, meeting_id: str) -> Any:
    """The protocols a meeting ran, from its journal, to translate their texts in the
    minutes (only for a language other than English); None when they cannot be read."""
    from facilitator.i18n import current

    if current().english:
        return None
    try:
        from facilitator.protocols.loader import build_library

        with open(group.journal_path(meeting_id), "rb") as journal:
            header = json.loads(journal.readline())  # the first line: how it was opened
        library, _problems = build_library([(str(f), str(t)) for f, t in
                                            header["setup"]["sources"]], include_builtin=False)
        return library
    except Exception:  # noqa: BLE001 - without it the minutes still come, titles as run
        return None


def roster(args: argparse.Namespace) -> int:
    """Show who comes to the group's meetings; record opt-outs from roles."""
    group = open_group(args.group)
    if args.pronouns:
        person = group.set_pronouns(*args.pronouns)
        say(_("{name}'s pronouns: {pronouns}.").format(
            name=person.name, pronouns=person.pronouns or _("not given")))
        return 0
    change = args.opt_out or args.opt_in
    if change:
        name, role = change
        person = group.set_opt_out(name, role, out=bool(args.opt_out))
        said = (_("{name} no longer takes the role {role}.") if args.opt_out
                else _("{name} can again take the role {role}."))
        say(said.format(name=person.name, role=role))
        return 0
    people = group.roster()
    if not people:
        say(_("No one has come to a meeting yet in {folder}.").format(folder=group.path))
    for p in people:
        pronouns = f" ({p.pronouns})" if p.pronouns else ""
        outs = ("; " + _("opts out of {roles}").format(roles=", ".join(p.opt_outs))
                if p.opt_outs else "")
        count = p.meetings
        say(
            f"{p.name}{pronouns}: "
            + ngettext("{n} meeting, last {when}", "{n} meetings, last {when}", count).format(
                n=count, when=p.last_seen or _("never"))
            + outs
        )
    return 0


def actions(args: argparse.Namespace) -> int:
    """Show open action items, grouped by the person who owns them; or review one outside a
    meeting with `actions review ID done|keep|drop|hand NAME`."""
    group = open_group(args.group)
    if args.words:
        if args.words[0] != "review" or len(args.words) not in (3, 4):
            raise StoreError(_("Use `facilitator actions review ID done|keep|drop|hand NAME`."))
        item = group.review(args.words[1], args.words[2], *args.words[3:4])
        from facilitator.store.rows import Action

        handed = isinstance(item, Action) and args.words[2] == "hand"
        owner = (", " + _("now with {name}").format(name=item.owner)
                 if handed and isinstance(item, Action) else "")
        say(_("{id} is {status}{owner}.").format(id=item.id, status=_(_STATUS[item.status])
                                                  if item.status in _STATUS else item.status,
                                                  owner=owner))
        return 0
    by_owner: dict[str, list[Action]] = {}
    for action in group.open_actions():
        by_owner.setdefault(action.owner or _("(nobody)"), []).append(action)
    if not by_owner:
        say(_("No open action items."))
    for owner in sorted(by_owner, key=str.casefold):
        say(owner)
        for a in by_owner[owner]:
            due = _("due {date}; ").format(date=a.due) if a.due else ""
            say(f"  {a.id}  {a.what} (" + _("{due}from {date}").format(due=due, date=a.date)
                + ")")
    return 0


def decisions(args: argparse.Namespace) -> int:
    """Show the decision log, or the entries that contain WORD."""
    from facilitator.minutes.view import word

    group = open_group(args.group)
    found = group.decisions(" ".join(args.word) or None)
    if not found:
        say(_("No decisions match.") if args.word else _("No decisions yet."))
    for d in found:
        mark = " (" + _("recorded") + ")" if d.recorded else ""
        tally = ", ".join(f"{k} {v}" for k, v in d.tally.items())
        outcome = d.outcome if current().english else word(d.outcome)  # ids in English
        say(
            f"{d.date}  {d.proposal}: {outcome}{mark}"
            + (f" [{tally}]" if tally else "")
        )
    return 0


def principles(args: argparse.Namespace) -> int:
    """Show the group's principles, or add one with `principles add TEXT`."""
    group = open_group(args.group)
    if args.words:
        if args.words[0] != "add":
            raise StoreError(_("Use `facilitator principles add TEXT` to add a principle."))
        principle = group.add_principle(" ".join(args.words[1:]))
        say(_("Added {id}: {text}").format(id=principle.id, text=principle.text))
        return 0
    items = group.principles()
    if not items:
        say(_("No principles yet. Add one with `facilitator principles add TEXT`."))
    for p in items:
        say(f"{p.id}  {p.text}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the group's memory commands to the command line."""
    from facilitator.commands import GROUP_HELP

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--group", metavar=_("DIR"), default=None, help=_(GROUP_HELP))

    def add(name: str, func: Any, help_: str) -> argparse.ArgumentParser:
        # Phrased like every other command's help; the description is its sentence.
        parser: argparse.ArgumentParser = subparsers.add_parser(
            name, parents=[common], help=help_, description=help_[0].upper() + help_[1:] + "."
        )
        parser.set_defaults(func=func)
        return parser

    p = add("meetings", meetings, _("list the group's meetings"))
    p.add_argument("--all", action="store_true",
                   help=_("every ended meeting, not only the newest {n}").format(n=SHOWN))
    p.add_argument("--format", choices=["json", "txt"], default="txt")

    p = add("minutes", minutes, _("print the minutes of a meeting"))
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("meeting", nargs="?", metavar=_("MEETING"), help=_("the meeting's id"))
    which.add_argument("--last", action="store_true", help=_("the most recent meeting"))
    add_render_arguments(p, default="json")

    p = add("roster", roster, _("show who comes to meetings; record opt-outs from roles"))
    change = p.add_mutually_exclusive_group()
    name, role = _("NAME"), _("ROLE")
    change.add_argument("--opt-out", nargs=2, metavar=(name, role),
                        help=_("NAME does not want to be given ROLE"))
    change.add_argument("--opt-in", nargs=2, metavar=(name, role),
                        help=_("NAME can be given ROLE again"))
    change.add_argument("--pronouns", nargs=2, metavar=(name, _("PRONOUNS")),
                        help=_("record NAME's pronouns"))

    p = add("actions", actions, _("show open action items by person, or review one"))
    p.add_argument("words", nargs="*", metavar=_("review ID RESULT"),
                   help=_("review an action or agreement outside a meeting"))

    p = add("decisions", decisions,
            _("show the decision log, or the entries that contain WORD"))
    p.add_argument("word", nargs="*", metavar=_("WORD"), help=_("only entries containing this"))

    p = add("principles", principles,
            _("show the group's principles, or add one with `add TEXT`"))
    p.add_argument("words", nargs="*", metavar=_("add TEXT"), help=_("add a principle"))
