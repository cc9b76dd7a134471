"""Fair share: who to ask for a role next, who carries too much, who held the floor.

Rules:
- The functions take the typed rows `Group` returns (roster, open actions) and the
  meetings' history: either `Group.history()`, the index summed up (what the commands
  pass: its size does not grow with the number of meetings), or the meetings themselves
  in any order (`Group.meetings()`), which are summed up the same way first
  (`facilitator.store.history.History.of`): oldest first by `started_at`, ties kept in the
  order given (simulated meetings all start at the same moment; `Group.meetings()` keeps
  them in the order they were recorded). Both give the same answers.
- Only the rotating roles (`ROLES`) count as workload; a presenter carries a proposal,
  not a chore.
- Results are sentences to read kindly, never a scoreboard: nothing here ranks people by
  a number.
- The moratorium helpers at the end are the only ones that touch a group's memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from facilitator.errors import StoreError
from facilitator.i18n import N_, _
from facilitator.minutes.fairness import MEASURE, evenness

if TYPE_CHECKING:  # the store is imported when a function runs, not when the parser is built
    from facilitator.store.group import Group
    from facilitator.store.history import History
    from facilitator.store.rows import Action, MeetingRecord, Moratorium, Person

    Meetings = History | Iterable[MeetingRecord]

ROLES = ("facilitator", "notetaker", "timekeeper", "vibeswatcher")
RECENT = 4  # meetings that count as "recent" for workload
IN_A_ROW = 3
# "Ana has facilitated three meetings in a row", one sentence per role for the catalogs.
IN_A_ROW_SAID = {
    "facilitator": N_("{name} has facilitated three meetings in a row; ask someone else."),
    "notetaker": N_("{name} has taken notes three meetings in a row; ask someone else."),
    "timekeeper": N_("{name} has kept time three meetings in a row; ask someone else."),
    "vibeswatcher": N_("{name} has watched the vibes three meetings in a row; ask someone "
                       "else."),
}
Row = dict[str, Any]


def history_of(meetings: Meetings, keep: int | None = None) -> History:
    """The history as given, or summed up from the meetings (keeping `keep` whole)."""
    from facilitator.store.history import History

    if isinstance(meetings, History):
        return meetings
    return History.of(meetings) if keep is None else History.of(meetings, keep)


def holders(meeting: MeetingRecord) -> dict[str, list[str]]:
    """The rotating roles of a meeting and who held each: {role: [names]}."""
    from facilitator.store.history import role_names

    return {role: role_names(names) for role, names in meeting.roles.items() if role in ROLES}


def _key(name: str) -> str:
    return name.casefold()


def attended(meetings: Meetings, roster: Iterable[Person] = ()) -> dict[str, int]:
    """How many meetings each person came to (the roster's count when it knows more)."""
    counts = Counter(history_of(meetings).attended)
    for person in roster:
        counts[person.name] = max(counts[person.name], person.meetings)
    return dict(counts)


def suggest_roles(meetings: Meetings, roster: list[Person]) -> dict[str, list[str]]:
    """For each rotating role, the people in the order they should be asked.

    Those who never held it come first, then the least recent, then the fewest times, then
    by name. People who opted out of the role are left out; someone who came to fewer than
    two meetings is never asked first to facilitate while anyone else could be.
    """
    history = history_of(meetings)
    counts = attended(history, roster)
    outs = {_key(p.name): set(p.opt_outs) for p in roster}
    people = sorted(counts, key=_key)
    return {
        role: sorted((n for n in people if role not in outs.get(_key(n), set())),
                     key=_asking_order(role, history, counts))
        for role in ROLES
    }


def _asking_order(
    role: str, history: History, counts: dict[str, int]
) -> Callable[[str], tuple[bool, bool, int, int, str]]:
    """The sort key for `role`: newcomers to facilitation last; never held, least recent,
    fewest times, name."""
    held = history.roles.get(role, {})

    def order(name: str) -> tuple[bool, bool, int, int, str]:
        k = _key(name)
        newcomer = role == "facilitator" and counts[name] < 2
        last, times = held.get(k, (-1, 0))
        return (newcomer, k in held, last, times, k)

    return order


def _open_counts(open_actions: Iterable[Action]) -> Counter[str]:
    return Counter(_key(a.owner) for a in open_actions if a.owner)


def _load(history: History, open_actions: list[Action]) -> tuple[float, Counter[str]]:
    """The mean of open items over everyone at the last four meetings, and each person's."""
    present = {_key(n) for m in history.last(RECENT) for n in m.attendance}
    counts = _open_counts(open_actions)
    return (sum(counts[p] for p in present) / len(present) if present else 0.0), counts


def _too_many(name: str, history: History, open_actions: list[Action],
              load: tuple[float, Counter[str]] | None = None) -> int | None:
    """The person's open items when they pass twice the mean and at least three, else None.
    `load` is `_load(history, open_actions)` when the caller asks for many people."""
    mean, counts = load or _load(history, open_actions)
    mine = counts[_key(name)]
    return mine if mine >= 3 and mine > 2 * mean else None


def overloaded(name: str, meetings: Meetings, open_actions: list[Action]) -> str | None:
    """The gentle warning when an action goes to someone who already carries too much."""
    mine = _too_many(name, history_of(meetings), open_actions)
    if mine is None:
        return None
    return _("{name} already carries {n} open action items, more than twice the usual; could "
             "someone else take this one?").format(name=name, n=mine)


def _in_a_row(name: str, recent: list[MeetingRecord]) -> str | None:
    if len(recent) < IN_A_ROW:
        return None
    held = [{r for r, names in holders(m).items() if _key(name) in map(_key, names)}
            for m in recent[-IN_A_ROW:]]
    same = set.intersection(*held)
    if same:
        role = min(same)
        return _(IN_A_ROW_SAID[role]).format(name=name)
    if all(held):
        return _("{name} has held a role in each of the last three meetings; ask someone "
                 "else.").format(name=name)
    return None


def workload(meetings: Meetings, open_actions: list[Action], roster: list[Person]) -> list[Row]:
    """Per person, by name: {name, open_actions, roles_recent, meetings, warning}.

    `roles_recent` counts the rotating roles held in the last four meetings; `warning` is a
    sentence (or None) when someone carries too much: open items above twice the mean of
    everyone who came to any of the last four meetings and at least three, or a role in
    each of the last three meetings.
    """
    history = history_of(meetings)
    recent = history.last(RECENT)
    counts = attended(history, roster)
    known = {_key(n) for n in counts}
    for action in open_actions:
        owner = action.owner or ""
        if owner and _key(owner) not in known:
            counts[owner] = 0
            known.add(_key(owner))
    opened = _open_counts(open_actions)
    load = _load(history, open_actions)
    rows = []
    for name in sorted(counts, key=_key):
        roles: Counter[str] = Counter()
        for meeting in recent:
            roles.update(r for r, names in holders(meeting).items()
                         if _key(name) in map(_key, names))
        many = _too_many(name, history, open_actions, load)
        carries = _("{name} carries {n} open action items, more than twice the usual; ask "
                    "someone else for the next one.").format(name=name, n=many) if many else None
        warnings = [w for w in (carries, _in_a_row(name, recent)) if w]
        rows.append({"name": name, "open_actions": opened[_key(name)],
                     "roles_recent": dict(sorted(roles.items())), "meetings": counts[name],
                     "warning": " ".join(warnings) or None})
    return rows


def airtime_shares(meetings: Meetings, n: int = RECENT) -> Row:
    """Each person's share of the floor over the last `n` meetings, and how even it was.

    Returns {meetings, seconds: {name: s}, shares: {name: fraction}, evenness, measure};
    everyone present counts, silent people included (with 0 seconds). A `History` must
    keep the last `n` meetings whole (`Group.history(keep=n)`).
    """
    recent = history_of(meetings, keep=max(n, 0)).last(n)
    seconds: dict[str, float] = {}
    for meeting in recent:
        for name in meeting.attendance:
            seconds.setdefault(name, 0.0)
        for entry in meeting.airtime:
            seconds[entry.name] = seconds.get(entry.name, 0.0) + entry.seconds
    total = sum(seconds.values())
    names = sorted(seconds, key=_key)
    return {
        "meetings": len(recent),
        "seconds": {k: round(seconds[k], 1) for k in names},
        "shares": {k: round(seconds[k] / total, 4) if total else 0.0 for k in names},
        "evenness": evenness(list(seconds.values())),
        "measure": MEASURE,
    }


def floor_flag(shares: dict[str, float]) -> list[str]:
    """Names whose share of the floor passes twice an even share (a quiet flag for the
    vibes-watcher). Shares may be fractions or seconds: they are compared to their sum."""
    total = sum(shares.values())
    if len(shares) < 2 or total <= 0:
        return []
    even = total / len(shares)
    return sorted((n for n, s in shares.items() if s > 2 * even), key=_key)


# The moratorium on new initiatives: changes kept in the group's memory.

def current_moratorium(group: Group) -> str | None:
    """The reason of the moratorium on new initiatives in place, or None."""
    active = [m for m in group.moratoria() if not m.lifted_on]
    return active[-1].reason if active else None


def moratorium_since(group: Group) -> str | None:
    """The date the current moratorium was set, or None."""
    active = [m for m in group.moratoria() if not m.lifted_on]
    return active[-1].since if active else None


def set_moratorium(group: Group, reason: str) -> Moratorium:
    """Put a moratorium on new initiatives in place, for `reason`."""
    reason = " ".join(reason.split())
    if not reason:
        raise StoreError(_("Say why the group pauses new initiatives: "
                           "`facilitator moratorium set REASON`."))
    if current_moratorium(group) is not None:
        raise StoreError(_("A moratorium is already in place ({reason}). Lift it first with "
                           "`facilitator moratorium lift REASON`.").format(
            reason=current_moratorium(group)))
    group.set_moratorium(reason)
    return group.moratoria()[-1]


def lift_moratorium(group: Group, reason: str) -> Moratorium:
    """Lift the moratorium in place, saying why; the record of it is kept."""
    reason = " ".join(reason.split())
    if not reason:
        raise StoreError(_("Say why the moratorium ends: `facilitator moratorium lift REASON`."))
    if current_moratorium(group) is None:
        raise StoreError(_("There is no moratorium to lift; the group is open to new "
                           "initiatives."))
    last = max(i for i, m in enumerate(group.moratoria()) if not m.lifted_on)
    group.lift_moratorium(reason)
    return group.moratoria()[last]
