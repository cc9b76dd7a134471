"""Care for the people who carry the work: shifts, rest, backups and gentle check-ins.

Rules:
- Pure functions of the typed rows `Group` returns and `today` (an ISO date): no clock here,
  so a simulated month reads the same on any day. The meetings' history is
  `Group.history()` or the meetings themselves, as in `facilitator.fairshare`.
- Kindness over arithmetic: results are sentences about people, never a score. A reason
  for resting is never repeated here; check-in notes are for the facilitator's eyes only
  and never reach the minutes.
- Three shifts within seven days earn a week off: the warning holds while they are in the
  last seven days, and the person is not asked for a role until a week after the third.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from facilitator import fairshare
from facilitator.i18n import _, current
from facilitator.store.care import CareFacts, Rest
from facilitator.store.rows import Action, Person

SHIFTS_A_WEEK = 3
ABSENT_IN_A_ROW = 3
ABSENT_AT_MOST = 6  # after that, someone has likely moved on: the note stops nagging
RED_RUNNING = 2
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _key(name: str) -> str:
    return name.casefold()


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def spoken(date: str) -> str:
    """`2026-11-03` as people say it: `3 November` (`3 de noviembre` in Spanish)."""
    day = _day(date)
    if day is not None and not current().english:
        return current().day_month(day)
    return f"{day.day} {MONTHS[day.month - 1]}" if day else date


def _they(name: str, roster: Iterable[Person]) -> tuple[str, str]:
    """The pronoun and the verb's ending for `name`: ("she", "s"), ("they", "")."""
    for person in roster:
        if _key(person.name) == _key(name) and person.pronouns:
            first = person.pronouns.split("/")[0].strip().casefold()
            if first in ("she", "he"):
                return first, "s"
    return "they", ""


def shift_days(facts: CareFacts, name: str) -> list[dt.date]:
    """The days `name` did a shift, oldest first."""
    days = (_day(s.day) for s in facts.shifts if _key(s.name) == _key(name))
    return sorted(d for d in days if d)


def shifts_this_week(facts: CareFacts, name: str, today: str) -> int:
    """Shifts in the seven days ending `today`."""
    end = dt.date.fromisoformat(today)
    return sum(1 for d in shift_days(facts, name) if end - dt.timedelta(days=6) <= d <= end)


def week_off_until(facts: CareFacts, name: str, today: str) -> dt.date | None:
    """The day a week off ends, when `name` did three shifts within seven days and the
    third was at most a week before `today`; else None."""
    days = [d for d in shift_days(facts, name) if d <= dt.date.fromisoformat(today)]
    found = None
    for i in range(SHIFTS_A_WEEK - 1, len(days)):
        if (days[i] - days[i - SHIFTS_A_WEEK + 1]).days <= 6:
            found = days[i] + dt.timedelta(days=7)
    return found if found and found >= dt.date.fromisoformat(today) else None


def shift_warning(facts: CareFacts, name: str, today: str,
                  roster: Iterable[Person] = ()) -> str | None:
    """"Ana has done 3 shifts this week; suggest she takes next week off", or None."""
    they, _s = _they(name, roster)
    count = shifts_this_week(facts, name, today)
    if count >= SHIFTS_A_WEEK:
        # One message per pronoun: another language says it its own way.
        said = {"she": _("{name} has done {count} shifts this week; suggest she takes next "
                         "week off."),
                "he": _("{name} has done {count} shifts this week; suggest he takes next week "
                        "off."),
                "they": _("{name} has done {count} shifts this week; suggest they take next "
                          "week off.")}
        return said[they].format(name=name, count=count)
    if week_off_until(facts, name, today):
        said = {"she": _("{name} did {count} shifts last week; let she take this week off."),
                "he": _("{name} did {count} shifts last week; let he take this week off."),
                "they": _("{name} did {count} shifts last week; let they take this week off.")}
        return said[they].format(name=name, count=SHIFTS_A_WEEK)
    return None


def resting(facts: CareFacts, today: str) -> dict[str, Rest]:
    """Who is resting on `today`, by casefolded name (their latest rest)."""
    return {_key(r.name): r for r in facts.rests if r.active(today)}


def rest_warning(name: str, facts: CareFacts, today: str) -> str | None:
    """The terminal's word when an action goes to someone resting (never their reason)."""
    rest = resting(facts, today).get(_key(name))
    if rest is None:
        return None
    return _("{name} is resting until {day}; could someone else take this one, or hold it "
             "until then?").format(name=name, day=spoken(rest.until))


def hand_on(owners: Iterable[tuple[str, str]], facts: CareFacts, today: str) -> list[str]:
    """For the review step: a sentence for each (label, owner) whose owner is resting."""
    away = resting(facts, today)
    return [_("{name} is resting until {day}: {label} could be handed on (`review {label} "
              "hand NAME`).").format(name=owner, day=spoken(away[_key(owner)].until),
                                     label=label)
            for label, owner in owners if owner and _key(owner) in away]


def check_in_notes(meetings: fairshare.Meetings, facts: CareFacts, today: str,
                   roster: Iterable[Person] = ()) -> list[str]:
    """Quiet notes for the facilitator at the check-in: someone missed the last three
    meetings (and did no shift since; up to six, then they have likely moved on), or had
    no room in the last two capacity checks. Nobody resting is noted: they told the group
    they are away."""
    history = fairshare.history_of(meetings)
    away = resting(facts, today)
    notes: list[str] = []
    for name in sorted(history.attended, key=_key):
        # By date: the last meeting they came to, the latest, and how many came after.
        came, latest, missed = history.seen[_key(name)]
        last = max([latest] + [str(d) for d in shift_days(facts, name)])
        if (ABSENT_IN_A_ROW <= missed <= ABSENT_AT_MOST and last <= came
                and _key(name) not in away):
            notes.append(_("Nobody has heard from {name} since {day}; someone might check "
                           "in.").format(name=name, day=spoken(last)))
    checks = sorted(facts.capacity, key=lambda c: c.date)[-RED_RUNNING:]
    if len(checks) == RED_RUNNING:
        red = set.intersection(*({_key(n) for n in c.red} for c in checks))
        for name in sorted({n for n in checks[-1].red if _key(n) in red}, key=_key):
            if _key(name) not in away:
                notes.append(_("{name} has had little room for a while; someone might check "
                               "in.").format(name=name))
    return notes


def _carrying(rows: list[fairshare.Row]) -> set[str]:
    return {_key(r["name"]) for r in rows if r["warning"]}


def workload(meetings: fairshare.Meetings, open_actions: list[Action], roster: list[Person],
             facts: CareFacts, today: str, backups: bool = True) -> list[fairshare.Row]:
    """`fairshare.workload` with shifts, rest and backups: per person also `shifts_week`
    (shifts in the last seven days), `resting_until`, and `backups`, a sentence for each
    open action of someone carrying too much naming who could back it up (left empty
    without `backups`, for a caller that reads only the warnings)."""
    history = fairshare.history_of(meetings)
    rows = fairshare.workload(history, open_actions, roster)
    known = {_key(r["name"]) for r in rows}
    for shift in facts.shifts:
        if _key(shift.name) not in known:
            known.add(_key(shift.name))
            rows.append({"name": shift.name, "open_actions": 0, "roles_recent": {},
                         "meetings": 0, "warning": None})
    rows.sort(key=lambda r: _key(r["name"]))
    away = resting(facts, today)
    for row in rows:
        name = row["name"]
        row["shifts_week"] = shifts_this_week(facts, name, today)
        rest = away.get(_key(name))
        row["resting_until"] = rest.until if rest else None
        words = [w for w in (row["warning"], shift_warning(facts, name, today, roster)) if w]
        row["warning"] = " ".join(words) or None
    busy = _carrying(rows) | set(away)
    # Who could back up a task: not carrying too much, not resting, and at one of the last
    # two meetings (around, not someone nobody has seen); the fewest open items first,
    # counting the tasks named here.
    around = {_key(n) for m in history.last(2) for n in m.attendance}
    free = {r["name"]: r["open_actions"] for r in rows
            if _key(r["name"]) not in busy and _key(r["name"]) in around}
    owned: dict[str, list[Action]] = {}  # open actions by owner: one pass, not one a person
    for action in open_actions if backups else ():
        owned.setdefault(_key(action.owner or ""), []).append(action)
    for row in rows:
        row["backups"] = []
        if not backups or (not row["warning"] and not row["resting_until"]):
            continue
        for action in owned.get(_key(row["name"]), ()):
            row["backups"].append(_backup_for(action, free, away))
    return rows


def _backup_for(action: Action, free: dict[str, int], away: dict[str, Rest]) -> str:
    task = _("{owner}'s {id} ({what})").format(owner=action.owner, id=action.id,
                                                what=action.what)
    named = ""
    if action.backup and _key(action.backup) not in away:
        return _("{task}: {name} is its backup.").format(task=task, name=action.backup)
    if action.backup:
        named = " " + _("{name}, its backup, is resting;").format(name=action.backup)
    if not free:
        return _("{task}:{named} nobody has room for it now; it could wait.").format(
            task=task, named=named)
    chosen = min(free, key=lambda n: (free[n], _key(n)))
    free[chosen] += 1  # the next task goes to someone else
    return _("{task}:{named} {name} could back it up.").format(task=task, named=named,
                                                               name=chosen)


def suggest_roles(meetings: fairshare.Meetings, roster: list[Person],
                  open_actions: list[Action], facts: CareFacts,
                  today: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Who to ask for each role, and who is not asked (by name: why, in a kind word).

    The rotation of `fairshare.suggest_roles`, then: people resting or owed a week off
    after three shifts are left out; people carrying too much are asked last; a role's
    backups come before the others (cross-training), unless they held it last time; and
    nobody is asked first for two roles while someone as free could be."""
    history = fairshare.history_of(meetings)
    order = fairshare.suggest_roles(history, roster)
    rows = {_key(r["name"]): r
            for r in workload(history, open_actions, roster, facts, today, backups=False)}
    left_out: dict[str, str] = {}
    for rest in resting(facts, today).values():
        left_out[rest.name] = _("resting until {day}").format(day=spoken(rest.until))
    for row in rows.values():
        off = week_off_until(facts, row["name"], today)
        if off and row["name"] not in left_out:
            left_out[row["name"]] = _("a week off after {n} shifts").format(n=SHIFTS_A_WEEK)
    out = {_key(n) for n in left_out}
    counts = fairshare.attended(history, roster)
    last = history.last(1)
    result: dict[str, list[str]] = {}
    firsts: set[str] = set()
    for role, names in order.items():
        backups = {_key(b.name) for b in facts.backups if b.role == role}
        held_last = {_key(n) for m in last for n in fairshare.holders(m).get(role, [])}

        def key(name: str, backups: set[str] = backups, held: set[str] = held_last,
                role: str = role) -> tuple[bool, bool, bool]:
            k = _key(name)
            row = rows.get(k)
            newcomer = role == "facilitator" and counts.get(name, 0) < 2
            return (bool(row and row["warning"]), newcomer, not (k in backups and k not in held))

        result[role] = sorted((n for n in names if _key(n) not in out), key=key)
        _spread(result[role], firsts, key)
    return result, left_out


def _spread(names: list[str], firsts: set[str], key: Callable[[str], tuple[bool, ...]]) -> None:
    """Nobody is asked first for two roles while someone as free could be: bring forward
    the first person not yet first elsewhere, if they carry no more than the first."""
    if names and _key(names[0]) in firsts:
        spare = next((n for n in names if _key(n) not in firsts
                      and key(n) == key(names[0])), None)
        if spare is not None:
            names.remove(spare)
            names.insert(0, spare)
    if names:
        firsts.add(_key(names[0]))
