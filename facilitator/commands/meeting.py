"""`run`, `simulate`, `resume`, `display`: meetings."""

from __future__ import annotations

import argparse
import pathlib
import sys
from typing import TYPE_CHECKING, Any

from facilitator.commands.output import add_render_arguments, emit_minutes, say
from facilitator.commands.protocols import add_library_arguments, library_paths
from facilitator.i18n import _, current, ngettext

if TYPE_CHECKING:
    from facilitator.protocols.model import Library
    from facilitator.session import Sources


def sources_from_args(args: argparse.Namespace) -> tuple[Library, Sources]:
    """The library and the exact sources it was built from (kept in a meeting's journal)."""
    from facilitator.errors import ProtocolError
    from facilitator.protocols.loader import build_library, builtin_source, read_sources

    sources, problems = read_sources(library_paths(args))
    sources = [builtin_source(), *sources]
    library, more = build_library(sources, include_builtin=False)
    problems += more
    if any(not p.warning for p in problems):
        raise ProtocolError(problems)
    return library, sources


def _group(args: argparse.Namespace, *, default: bool = True) -> Any:
    from facilitator.opening import open_group

    if args.group is None and not default:
        return None
    return open_group(args.group)


def _simulate(args: argparse.Namespace) -> int:
    from facilitator.opening import minutes_files
    from facilitator.script import ScriptError, load_script, run_script

    try:
        script = load_script(args.script)
        library, sources = sources_from_args(args)
        group = _group(args, default=False)
        live = run_script(script, library, sources, group, keep_entries=False)
    except ScriptError as error:
        say(error, file=sys.stderr)
        return 1
    minutes = live.minutes()
    if group is not None and live.meeting.ended:
        live.finish(minutes_files(minutes, library))
    else:
        live.close()
    return emit_minutes(args, minutes, library)


def _run(args: argparse.Namespace) -> int:
    from facilitator.ui.launch import run

    library, sources = sources_from_args(args)
    return run(library, sources, _group(args), protocol=args.protocol, plain=args.plain,
               title=args.title, room=_room(args))


def _resume(args: argparse.Namespace) -> int:
    from facilitator.ui.launch import resume

    # The meeting goes on with the protocols its journal holds; --protocols files are
    # still checked, so a mistake in them is said before the meeting is taken up.
    if args.protocols:
        sources_from_args(args)
    return resume(_group(args), args.meeting, plain=args.plain, take_over=args.take_over,
                  room=_room(args), from_start=args.from_start)


def _check(args: argparse.Namespace) -> int:
    from facilitator.session import check_snapshots

    group = _group(args)
    meeting_id = args.meeting
    if meeting_id is None:
        unfinished = group.unfinished_meetings()
        if not unfinished:
            print(_("There is no unfinished meeting in this group; name the meeting to check."),
                  file=sys.stderr)
            return 1
        meeting_id = unfinished[0].id
    count, wrong = check_snapshots(group.journal_path(meeting_id))
    for sentence in wrong:
        print(sentence, file=sys.stderr)
    if not wrong and not count:
        print(_("{id}: its journal holds no snapshot yet (one is written every so many "
                "commands); there is nothing to compare.").format(id=meeting_id))
    elif not wrong:
        print(ngettext("{id}: the snapshot in its journal matches its commands replayed from "
                       "the start.", "{id}: the {count} snapshots in its journal match its "
                       "commands replayed from the start.", count).format(
                           id=meeting_id, count=count))
    return 1 if wrong else 0


def _room(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """What --room and its options asked for (None: no room)."""
    if not args.room:
        return None
    from facilitator.room import pace

    pace()  # before textual is imported
    from facilitator.ui.room import RoomSetup

    return RoomSetup(args.room_host or "", args.room_port, args.room_code or "")


def add_room_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--room", action="store_true",
                        help=_("serve the participants' page: people take part from their "
                               "phones"))
    parser.add_argument("--room-host", metavar=_("ADDRESS"), default=None,
                        help=_("the one interface to listen on (default: the laptop's address "
                               "on the local network; 127.0.0.1 for this computer only)"))
    parser.add_argument("--room-port", metavar=_("PORT"), type=int, default=8765,
                        help=_("the port (default 8765)"))
    parser.add_argument("--room-code", metavar=_("CODE"), default=None,
                        help=_("a fixed room code (default: six random digits)"))


def _display(args: argparse.Namespace) -> int:
    from facilitator.i18n import _, available, supported
    from facilitator.ui.launch import display

    also = None
    if args.also:
        also = supported(args.also)
        if also is None:
            print(_("facilitator: `{value}` is not a language facilitator speaks; choose one of "
                    "{languages}.").format(value=args.also,
                                           languages=", ".join(available()[:-1])),
                  file=sys.stderr)
            return 2
    return display(_group(args), args.meeting, also)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run = subparsers.add_parser("run", help=_("run a meeting in the terminal"))
    run.add_argument("protocol", nargs="?", metavar=current().pgettext("metavar", "protocol"),
                     help=_("open this protocol's meeting directly"))
    run.add_argument("--title", default="", metavar=_("TITLE"), help=_("the meeting's title"))
    run.add_argument("--plain", action="store_true",
                     help=_("a line-by-line conversation, for screen readers and simple "
                            "terminals"))
    add_room_arguments(run)
    add_library_arguments(run)
    run.set_defaults(func=_run, full_screen=True)

    sim = subparsers.add_parser("simulate",
                                help=_("run a script headless and print its minutes"))
    sim.add_argument("script", type=pathlib.Path, metavar=current().pgettext("metavar", "script"))
    add_render_arguments(sim, default="json")
    add_library_arguments(sim)
    sim.set_defaults(func=_simulate)

    res = subparsers.add_parser("resume", help=_("go on with an unfinished meeting"))
    res.add_argument("meeting", nargs="?", metavar=current().pgettext("metavar", "meeting"),
                     help=_("its id (default: the latest unfinished)"))
    res.add_argument("--plain", action="store_true")
    res.add_argument("--take-over", action="store_true",
                     help=_("go on with a meeting left open on another laptop (after a "
                            "warning)"))
    res.add_argument("--from-start", action="store_true",
                     help=_("replay the whole journal, ignoring its snapshots"))
    add_room_arguments(res)
    add_library_arguments(res)
    res.set_defaults(func=_resume, full_screen=True)

    check = subparsers.add_parser(
        "check", help=_("replay a meeting's journal from the start and compare its snapshots"))
    check.add_argument("meeting", nargs="?", metavar=current().pgettext("metavar", "meeting"),
                       help=_("its id (default: the latest unfinished)"))
    check.add_argument("--group", metavar=_("DIR"), type=pathlib.Path, default=None)
    check.set_defaults(func=_check)

    disp = subparsers.add_parser("display",
                                 help=_("a read-only, large view of the live meeting"))
    disp.add_argument("meeting", nargs="?", metavar=current().pgettext("metavar", "meeting"),
                      help=_("its id (default: the latest unfinished)"))
    disp.add_argument("--group", metavar=_("DIR"), type=pathlib.Path, default=None)
    disp.add_argument("--also", metavar=_("LANG"), default=None,
                      help=_("a second language, shown beside the first (--lang, else the "
                             "group's): a bilingual room"))
    disp.set_defaults(func=_display, full_screen=True)

