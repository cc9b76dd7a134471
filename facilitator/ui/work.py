"""What a step works on, in lines for the meeting screen's work panel (no textual).

Each kind's row in `facilitator.ui.kinds` names one of these: the open actions of a
review, the items of an agenda, who has not given a stance yet, where each choice leads.
A line is its text and a rich style; the highlighted item of a review is one a key acts
on, and it is marked with ▶ as well as shown reversed (never told by colour alone).
"""

from __future__ import annotations

import attrs

from facilitator.engine.events import Event, ItemDeferred
from facilitator.engine.state import Meeting, Run
from facilitator.engine.steps.agenda import Agenda, agenda_of
from facilitator.engine.steps.decide import result, scale_of, stances_of
from facilitator.engine.steps.review import reviews_of
from facilitator.ui.timing import span

Line = tuple[str, str]  # text, rich style

# A review item's kind: its name, who it is when nobody is named, what its date is.
ITEM_WORDS = {"action": ("Action", "nobody", "due"),
              "agreement": ("Agreement", "the whole group", "review")}
REVIEW_WORDS = {"done": "done", "keep": "keep going", "drop": "dropped",
                "hand": "handed on"}


@attrs.frozen
class Seen:
    """What the screen knows besides the meeting: the highlighted line, the journal."""

    pointer: int = 0
    deferred: tuple[str, ...] = ()  # the agenda items deferred so far, undo respected
    compact: bool = False  # a narrow terminal: an agenda further out in one line


def deferral(event: Event) -> str | None:
    """The title of an agenda item deferred by `event` (a `Following` keeps these)."""
    return event.title if isinstance(event, ItemDeferred) else None


# --- review ---------------------------------------------------------------------------


def left_to_review(meeting: Meeting, run: Run) -> list[str]:
    """The ids of the items nothing has been decided for yet."""
    state = reviews_of(run)
    done = state.reviewed if state is not None else {}
    return [i.id for i in meeting.setup.review if i.id not in done]


def review_work(meeting: Meeting, run: Run, seen: Seen) -> list[Line]:
    items = meeting.setup.review
    if not items:
        return [("Nothing to review: no open actions, no agreements due.", "italic")]
    state = reviews_of(run)
    decided = state.reviewed if state is not None else {}
    left = len(left_to_review(meeting, run))
    lines: list[Line] = [(f"{left} of {len(items)} still to review" if left
                          else "Everything is reviewed: advance to move on.", "bold")]
    for index, item in enumerate(items):
        here = index == seen.pointer
        what, nobody, due = ITEM_WORDS.get(item.kind, ITEM_WORDS["action"])
        who = item.owner or nobody
        when = f", {due} {item.due}" if item.due else ""
        result_word = REVIEW_WORDS.get(decided.get(item.id, ""), "not reviewed yet")
        lines.append((f"{'▶' if here else ' '} {what} {item.id}: {item.text}",
                      "reverse bold" if here else ("dim" if item.id in decided else "bold")))
        lines.append((f"    {who}{when} · {result_word}", "dim" if item.id in decided else ""))
    return lines


# --- agenda ---------------------------------------------------------------------------


def innermost_agenda(meeting: Meeting) -> tuple[Run, Agenda] | None:
    for frame in reversed(meeting.frames):
        state = agenda_of(frame.run)
        if frame.run is not None and state is not None:
            return frame.run, state
    return None


def agenda_work(meeting: Meeting, run: Run, seen: Seen) -> list[Line]:
    found = innermost_agenda(meeting)
    if found is None:
        return []
    agenda_run, state = found
    deferred = seen.deferred
    from_last = {i.title for i in meeting.setup.deferred}
    lines: list[Line] = []
    for index, item in enumerate(state.items):
        protocol = item.protocol or agenda_run.step.default_protocol
        found_protocol = meeting.library.protocol(protocol)
        how = found_protocol.title if found_protocol is not None else protocol
        time = f", {span(item.time)}" if item.time else ""
        also = " (from last meeting)" if item.title in from_last else ""
        if index < state.item:
            gone = "deferred to next meeting" if item.title in deferred else "done"
            lines.append((f"{'⏸' if gone != 'done' else '✓'} {item.title}: {gone}", "dim"))
        elif index == state.item:
            lines.append((f"▶ {item.title}{also}: now ({how}{time})", "bold"))
        else:
            lines.append((f"{index - max(state.item, -1)}. {item.title}{also} ({how}{time})", ""))
    if state.item < 0 and state.items:
        lines.insert(0, ("Agree the agenda with the room: + adds, m moves; advance starts "
                         "the first item.", "bold"))
    elif state.item >= len(state.items):
        lines.append(("Waiting for items: + adds one; advance ends the agenda.", "italic"))
    elif not state.to_come:
        lines.append(("Nothing more to come.", "dim"))
    return lines


def agenda_line(meeting: Meeting, seen: Seen) -> list[Line]:
    """An agenda further out, in a line: the item now, those to come, those deferred."""
    found = innermost_agenda(meeting)
    if found is None:
        return []
    state = found[1]
    from_last = {i.title for i in meeting.setup.deferred}
    now = state.current
    said = [f"Agenda: now {now.title}" + (" (from last meeting)" if now.title in from_last
                                          else "") if now else "Agenda"]
    if state.to_come:
        said.append("next: " + ", ".join(i.title for i in state.to_come))
    deferred = seen.deferred
    if deferred:
        said.append("deferred: " + ", ".join(deferred))
    return [(" · ".join(said), "")]


# --- decide ---------------------------------------------------------------------------


def missing_stances(meeting: Meeting, run: Run) -> list[str]:
    state = stances_of(run)
    given = state.stances if state is not None else {}
    return [n for n in meeting.present if n not in given]


def rule_words(meeting: Meeting, run: Run) -> str:
    """'quorum: 5 of 6 present must take part; support: 2/3 of those counted'."""
    rule = run.step.rule
    present = len(meeting.present)
    need = -(-rule.quorum * present // 1) if present else 0
    said = [f"quorum: {need} of {present} present must take part"]
    if rule.threshold < 1:
        said.append(f"support: {rule.threshold.numerator}/{rule.threshold.denominator} "
                    "of those counted")
    if rule.max_stand_asides is not None:
        said.append(f"at most {rule.max_stand_asides} may stand aside")
    return "; ".join(said)


def stand_asides(meeting: Meeting, run: Run) -> int:
    state = stances_of(run)
    given = state.stances if state is not None else {}
    scale = scale_of(meeting, run)
    return sum(1 for n, (key, _) in given.items()
               if n in meeting.present and key == "stand_aside" and scale.option(key))


def decide_work(meeting: Meeting, run: Run, seen: Seen) -> list[Line]:
    missing = missing_stances(meeting, run)
    lines: list[Line] = [("Still to give a stance: " + (", ".join(missing) or "nobody"),
                          "bold"),
                         (rule_words(meeting, run).capitalize() + ".", "")]
    if stand_asides(meeting, run) >= 2:
        lines.append(("Several people stand aside: a reason to look at the proposal again "
                      "before closing the test.", "italic"))
    return lines


# --- choose ---------------------------------------------------------------------------


def leads_to(meeting: Meeting, target: str) -> str:
    if target == "end":
        return "the end of this protocol"
    frame = meeting.frames[-1] if meeting.frames else None
    step = frame.protocol.step(target) if frame is not None else None
    return step.display_title if step is not None else target


def choose_work(meeting: Meeting, run: Run, seen: Seen) -> list[Line]:
    return [(f"{n}. {label.replace('_', ' ').replace('-', ' ')} → "
             f"{leads_to(meeting, target)}", "bold" if n == 1 else "")
            for n, (label, target) in enumerate(run.step.options.items(), 1)]


def no_work(meeting: Meeting, run: Run, seen: Seen) -> list[Line]:
    return []


def result_now(meeting: Meeting, run: Run) -> str:
    return result(meeting, run)[0]


# --- turn -----------------------------------------------------------------------------


def blockers(meeting: Meeting) -> list[str]:
    """Who blocked in the last test, when it ended blocked."""
    test = meeting.last_test
    if not test or test.get("outcome") != "blocked":
        return []
    scale = meeting.library.scale(test.get("scale") or "consensus")
    vetoes = {o.key for o in scale.options if o.veto} if scale is not None else set()
    return [s["name"] for s in test.get("stances", ()) if s["stance"] in vetoes]


def likely_speakers(meeting: Meeting) -> list[str]:
    """Whom a turn with `speaker: choose` is probably for, present ones only."""
    return [n for n in blockers(meeting) if n in meeting.present]
