"""What a group remembers, as its `Group` answers it: typed rows read from the cache (its
memory, folded from minutes and changes by facilitator.store.derived), and the changes made
outside a meeting, each written as one new file.

Rules:
- A `Group` reads each part of the cache at most once (each process makes one `Group`),
  and answers with typed rows (facilitator.store.rows); what it writes itself it folds in
  from the facts it keeps, without reading the other files again.
- A cache that is missing, stale (the files changed), damaged or of any other shape is
  rebuilt from the files, and comes out the same whatever order they arrived in.
- A group from before this layout (a memory.json that was the truth) is converted on
  first open: a backup is kept, and `notice` says so once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from facilitator.errors import StoreError
from facilitator.i18n import _
from facilitator.store.care import KINDS, Backup, CapacityCheck, CareFacts, Rest, Shift
from facilitator.store.derived import Derived
from facilitator.store.history import KEEP, History, newest_first
from facilitator.store.rows import (
    Action,
    Agreement,
    Decision,
    Deferred,
    MeetingRecord,
    Moratorium,
    Person,
    Principle,
    RoleHeld,
)


class GroupMemory:
    """The memory half of `facilitator.store.group.Group`, which sets `_derived`."""

    _derived: Derived

    # The memory: derived from the files (facilitator.store.derived)

    @property
    def notice(self) -> str | None:
        """A sentence to say once: the group was converted to this layout."""
        return self._derived.notice

    @property
    def reads(self) -> Counter[str]:
        """The cache files this Group read, by name: each once at most."""
        return self._derived.reads

    def prepare(self) -> None:
        """Convert a group from before this layout, once; write its `.gitignore`."""
        self._derived.prepare()

    def recorded(self) -> set[str]:
        """The ids of the meetings whose minutes are kept (one look at the folder)."""
        return self._derived.recorded()

    # Queries

    def roster(self) -> list[Person]:
        """Everyone who has come to a meeting (or opted out of a role), by name."""
        return sorted((Person.from_row(r) for r in self._derived.table("roster")),
                      key=lambda p: p.name)

    def meetings(self) -> list[MeetingRecord]:
        """The index of ended meetings, newest first."""
        return newest_first(MeetingRecord.from_row(r) for r in self._derived.table("meetings"))

    def history(self, keep: int = KEEP) -> History:
        """The index of ended meetings summed up, with the last `keep` meetings whole: read
        from the cache (its size does not grow with the history) unless `keep` asks for
        more than it holds."""
        if keep <= KEEP:
            try:
                return History.from_row(self._derived.table("history")[0])
            except (IndexError, KeyError, TypeError, ValueError, AttributeError):
                pass  # not what the cache writes: fold it from the index instead
        return History.of(self.meetings(), keep)

    def meeting_count(self, protocol_id: str) -> int:
        """How many recorded meetings ran protocol `protocol_id` (for `every: N`)."""
        for found in self._derived.table("counts"):
            if found.get("protocol") == protocol_id:
                return int(found["count"])
        return 0

    def actions(self) -> list[Action]:
        """Every action item, open or not, oldest first (A1, A2, ...)."""
        return [Action.from_row(r) for r in self._derived.table("actions")]

    def open_actions(self) -> list[Action]:
        """Action items still open, oldest first (A1, A2, ...)."""
        return [Action.from_row(r) for r in self._derived.table("open_actions")]

    def open_agreements(self) -> list[Agreement]:
        """Agreements still open, in order (G1, G2, ...)."""
        return [Agreement.from_row(r) for r in self._derived.table("open_agreements")]

    def agreements_due(self, today: dt.date) -> list[Agreement]:
        """Open agreements whose review date is today or earlier, earliest first."""
        due = [a for a in self.open_agreements()
               if a.review_on and a.review_on <= today.isoformat()]
        return sorted(due, key=lambda a: a.review_on or "")

    def agreements(self) -> list[Agreement]:
        """Every agreement the group has made, in order."""
        return [Agreement.from_row(r) for r in self._derived.table("agreements")]

    def deferred_items(self) -> list[Deferred]:
        """Agenda items deferred to a later meeting, as the newest list left them."""
        return [Deferred.from_row(r) for r in self._derived.table("deferred")]

    def decisions(self, search: str | None = None) -> list[Decision]:
        """The decision log in the order decided; with `search`, only entries whose
        proposal, stance reasons or meeting title contain it (any case)."""
        rows = [Decision.from_row(r) for r in self._derived.table("decisions")]
        rows.sort(key=lambda d: d.date)
        if not search:
            return rows
        needle = search.casefold()

        def text(entry: Decision) -> str:
            reasons = " ".join(s.reason or "" for s in entry.stances)
            return f"{entry.proposal} {entry.meeting_title} {reasons}".casefold()

        return [entry for entry in rows if needle in text(entry)]

    def principles(self) -> list[Principle]:
        """The group's principles, in the order added."""
        return [Principle.from_row(r) for r in self._derived.table("principles")]

    def suggestions(self) -> list[str]:
        """What is in the anonymous suggestion box since the last process review (no names
        were ever kept), oldest first."""
        return [str(r.get("text")) for r in self._derived.table("suggestions")]

    def role_history(self) -> list[RoleHeld]:
        """Who held which role in which meeting, oldest first."""
        rows = [RoleHeld.from_row(r) for r in self._derived.table("roles")]
        return sorted(rows, key=lambda r: r.date)

    def moratoria(self) -> list[Moratorium]:
        """Every moratorium on new initiatives, set or lifted, in order."""
        return [Moratorium.from_row(r) for r in self._derived.table("moratorium")]

    # Changes made outside a meeting: one new file each

    def add_principle(self, text: str) -> Principle:
        """Add a principle the group has agreed on; returns it."""
        text = " ".join(text.split())
        if not text:
            raise StoreError(_("A principle needs some text: say what the group holds to."))
        ref = self._derived.change("principle", text=text)
        return next(p for p in self.principles() if p.ref == ref)

    def set_opt_out(self, name: str, role: str, out: bool) -> Person:
        """Record that `name` does (out=True) or no longer does not want `role`."""
        self._derived.change("opt_out", name=name, role=role, out=out)
        return next(p for p in self.roster() if p.name.casefold() == name.casefold())

    def set_pronouns(self, name: str, pronouns: str | None) -> Person:
        """Record `name`'s pronouns (None: not given)."""
        self._derived.change("pronouns", name=name, pronouns=pronouns or None)
        return next(p for p in self.roster() if p.name.casefold() == name.casefold())

    def set_moratorium(self, reason: str) -> None:
        """Put a moratorium on new initiatives in place."""
        self._derived.change("moratorium_set", reason=reason)

    def lift_moratorium(self, reason: str) -> None:
        """Lift the moratorium in place, saying why; the record of it is kept."""
        self._derived.change("moratorium_lift", reason=reason)

    def review(self, item_id: str, result: str, to: str | None = None) -> Action | Agreement:
        """Review an action or agreement outside a meeting (`done`, `drop`, `keep`, `hand`
        to someone), by its label (A2) or stable id; returns the item as it now is."""
        items: list[Action | Agreement] = [*self.actions(), *self.agreements()]
        found = [i for i in items if item_id in (i.id, i.ref)]
        if not found:
            raise StoreError(_("There is no action or agreement {id}; `facilitator actions` "
                               "lists the open ones.").format(id=item_id))
        if result not in ("done", "keep", "drop", "hand"):
            raise StoreError(_("`{result}` is not a review result; use done, keep, drop or "
                               "hand NAME.").format(result=result))
        if (result == "hand") != bool(to):
            raise StoreError(_("Say who takes it over: `hand NAME`.") if result == "hand"
                             else _("`{result}` takes no name.").format(result=result))
        ref = found[0].ref
        self._derived.change("review", ref=ref, result=result, to=to)
        now: list[Action | Agreement] = [*self.actions(), *self.agreements()]
        return next(i for i in now if i.ref == ref)

    # Care (facilitator.store.care): shifts, rests, backups, capacity checks

    def care(self) -> CareFacts:
        """Shifts, rests, backups and capacity checks, as typed rows, in the fold's order."""
        table = self._derived.table
        return CareFacts(tuple(Shift.from_row(r) for r in table("shifts")),
                         tuple(Rest.from_row(r) for r in table("rests")),
                         tuple(Backup.from_row(r) for r in table("backups")),
                         tuple(CapacityCheck.from_row(r) for r in table("capacity")))

    def add_care(self, kind: str, **fields: Any) -> str:
        """Write one care change (`facilitator.store.care.KINDS`); returns its stable id.
        `now` and `file_name` go to `write_change`, the rest into the file."""
        if kind not in KINDS:
            raise StoreError(_("`{kind}` is not a kind of care change.").format(kind=kind))
        return self._derived.change(kind, **fields)
