"""The facilitator's vocabulary: one table of commands, and parsing a line into a `Command`.

The screen's keys, its command line, scripts and the room's phones all send these same
commands. Arguments are shell-quoted (`join "Ana María" she/her`). A line that is not a
command is refused with a sentence that shows how the command is written.

`COMMANDS` is the one table: the parser, the refusals' "where", the help screen, the
command palette, completion and the key bar all read it. A command marked `step` belongs
to particular kinds of step: the running step's kind (`facilitator.engine.steps`) handles
it, and any other kind refuses it with the command's `where`.
"""

from __future__ import annotations

import shlex

import attrs

from facilitator.errors import Refused
from facilitator.i18n import N_, _


@attrs.frozen
class Spec:
    name: str
    usage: str
    least: int  # arguments at least
    most: int | None  # at most; None: any
    what: str  # what it does, in one sentence (help, palette)
    rest: int | None = None  # from this argument on, the rest of the line is one argument
    override: bool = False  # the facilitator overruling the process: the minutes list it
    step: bool = False  # belongs to particular kinds of step
    where: str = ""  # for step commands: where it works, said when it does not


COMMANDS: dict[str, Spec] = {s.name: s for s in (
    Spec("join", "join NAME [PRONOUNS]", 1, 2, "Someone joins the meeting (pronouns optional)."),
    Spec("leave", "leave NAME", 1, 1, "Someone leaves the meeting."),
    Spec("role", "role ROLE NAME", 2, 2, "Name someone to a role."),
    Spec("start", "start", 0, 0, "Begin the meeting: enter the first step."),
    Spec("hand", "hand NAME [point-of-process|clarify|direct-response]", 1, 2,
         "Put someone on the stack, or an interjection before ordinary hands.",
         step=True, where=N_("Hands are taken in a discussion")),
    Spec("lower", "lower NAME", 1, 1, "Take someone off the stack.",
         step=True, where=N_("Hands are taken in a discussion")),
    Spec("next", "next", 0, 0, "The speaker is done; the floor goes to whoever is next.",
         step=True, where=N_("`next` moves the floor in a round, a discussion or a turn")),
    Spec("done", "done", 0, 0, "The speaker is done; nobody holds the floor.",
         step=True, where=N_("`done` ends a speaker's time in a round, a discussion or a turn")),
    Spec("pass", "pass [NAME]", 0, 1, "In a round: the current (or named) person passes.",
         step=True, where=N_("Passing is for rounds")),
    Spec("invite", "invite NAME", 1, 1, "Move someone to the front of the stack (an override).",
         override=True, step=True, where=N_("`invite` works in a discussion")),
    Spec("propose", "propose TEXT", 1, None, "Set the proposal for the next test for agreement.",
         rest=0),
    Spec("stance", "stance NAME KEY [REASON]", 2, None,
         "Give or change someone's stance in a test for agreement.",
         rest=2, step=True, where=N_("Stances are given in a test for agreement")),
    Spec("collect", "collect NAME VALUE", 2, None,
         "Keep a person's answer in a round that collects one.",
         rest=1, step=True, where=N_("`collect` works in a round that collects answers")),
    Spec("record", "record decision TEXT | record action TEXT OWNER [DUE] [--backup NAME] | "
         "record agreement TEXT [NAME]... | record shift NAME WHAT | record note TEXT", 2, None,
         "Record a decision, an action, an agreement or a note."),
    Spec("choose", "choose OPTION", 1, 1, "Choose a path in a choice step.",
         step=True, where=N_("`choose` works in a choice step")),
    Spec("item", "item TITLE [PROTOCOL]", 1, 2, "Add an agenda item."),
    Spec("defer", "defer", 0, 0, "Defer the running agenda item to the next meeting."),
    Spec("move", "move TITLE POSITION", 2, 2,
         "Move an agenda item still to come to another place (1 is next)."),
    Spec("review", "review ID done|keep|drop | review ID hand NAME", 2, 3,
         "Mark an open action or agreement done, kept, handed on or dropped.",
         step=True, where=N_("`review` works in a review step")),
    Spec("extend", "extend DURATION", 1, 1, "More time for the current speaker and step."),
    Spec("pause", "pause", 0, 0, "Time out: every timer stops."),
    Spec("resume", "resume", 0, 0, "Back from a pause."),
    Spec("advance", "advance", 0, 0, "End the current step now, with its outcome."),
    Spec("skip", "skip", 0, 0, "Leave the step without an outcome (an override).",
         override=True),
    Spec("back", "back", 0, 0, "Return to the step before (an override).", override=True),
    Spec("goto", "goto STEP", 1, 1, "Jump to a step (an override).", override=True),
    Spec("note", "note TEXT", 1, None, "A line in the minutes.", rest=0),
    Spec("suggest", "suggest TEXT", 1, None,
         "Add to the anonymous suggestion box that the process review reads.", rest=0),
    Spec("undo", "undo", 0, 0, "Take back the last command (an override).", override=True),
    Spec("end", "end", 0, 0, "End the meeting and write the minutes."),
)}


@attrs.frozen
class Command:
    name: str
    args: tuple[str, ...]
    text: str

    @property
    def spec(self) -> Spec:
          return COMMANDS[self.name]

    @property
    def usage(self) -> str:
          return COMMANDS[self.name].usage


def parse(line: str) -> Command:
    """One command line -> a Command, or Refused saying how to write it."""
    text = line.strip()
    try:
          words = shlex.split(text)
    except ValueError:
          raise Refused(
              _("`{text}` has an unclosed quote; close it, as in: note \"Ben brings tea\".")
              .format(text=text)
          ) from None
    if not words:
          raise Refused(_("Type a command, such as `next`, `hand Ben` or `advance`."))
    name, args = words[0].lower(), tuple(words[1:])
    if name == "wait":
          raise Refused(_("`wait` moves a script's clock; in a live meeting time moves by itself."))
    spec = COMMANDS.get(name)
    if spec is None:
          raise Refused(_unknown(name))
    if spec.rest is not None and len(args) > spec.rest + 1:
          args = (*args[:spec.rest], " ".join(args[spec.rest:]))
    if len(args) < spec.least or (spec.most is not None and len(args) > spec.most):
          raise Refused(_("`{name}` is written `{usage}`.").format(name=name, usage=spec.usage))
    return Command(name, args, text)


def _unknown(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, COMMANDS, n=1)
    hint = " " + _("Did you mean `{command}`?").format(command=close[0]) if close else ""
    return _("`{name}` is not a command.{hint} Type `?` for the list of commands.").format(
        name=name, hint=hint)
