"""The group's memory as this computer keeps it: tables derived from the shared files.

Files (none shared; `.gitignore` keeps them on this computer):

    memory.json              the small tables (roster, deferred, counts, principles,
                             moratorium, suggestions), with the fingerprint of the files
                             they come from
    memory.<table>.json      each large table (meetings, decisions, actions, agreements,
                             roles, shifts), and each summary of them
                             (`facilitator.store.history`: the history summed up, the
                             actions and agreements still open)
    memory.facts.json        each source file's facts, so a new file is folded in without
                             reading the others again

Rules:
- A table is read at most once per `Derived` (one per process), and only when asked for:
  `principles` never pays for the meetings' history, and `roles suggest` reads the history
  summed up, not every meeting.
- The summaries are computed from the folded tables whenever they are rebuilt, so they
  always agree with them.
- A table file that is missing, stale (the group's files changed), damaged or of any other
  shape is not used: all tables are rebuilt from the files (`facilitator.store.cache`).
- The fold is canonical (`facilitator.store.memory.fold`): the same files give the same
  tables, whatever order they arrived in.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, cast

from facilitator.errors import StoreError
from facilitator.store import cache
from facilitator.store.changes import IGNORED, convert_legacy, read_change, write_change
from facilitator.store.files import atomic_write, ensure_dir
from facilitator.store.history import SUMMARIES, summaries
from facilitator.store.memory import Row, Tables, fold, meeting_facts

SMALL = ("roster", "deferred", "counts", "principles", "moratorium", "suggestions", "rests",
         "backups", "capacity")
LARGE = ("meetings", "decisions", "actions", "agreements", "roles", "shifts", *SUMMARIES)


def _names(folder: Path) -> list[str]:
    try:
        return sorted(n for n in os.listdir(folder)
                      if n.endswith(".json") and not n.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


class Derived:
    """The memory of the group in `path`, derived from its minutes and change files."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.memory_path = path / "memory.json"
        self.facts_path = path / "memory.facts.json"
        self.minutes_path = path / "minutes"
        self.changes_path = path / "changes"
        self.notice: str | None = None  # a sentence to say once (the group was converted)
        self.reads: Counter[str] = Counter()  # cache files read, by name (each once at most)
        self._tables: Tables = {}
        self._listing: tuple[list[str], list[str]] | None = None
        self._recorded: set[str] | None = None
        self._facts: dict[str, Any] | None = None

    def prepare(self) -> None:
        """Convert a group from before this layout, once; mark the folder's shared files."""
        ignore = self.path / ".gitignore"
        if not self.path.is_dir() or ignore.exists():
            return
        if self.memory_path.exists() and not cache.is_cache(self.memory_path):
            try:
                self.notice = convert_legacy(self.memory_path, self.changes_path)
            except FileNotFoundError:
                pass  # another process converted it a moment ago
            self.memory_path.unlink(missing_ok=True)
        try:
            atomic_write(ignore, IGNORED.encode())
        except StoreError:
            pass  # written next time: a full or read-only disk must not stop a read

    def listing(self) -> tuple[list[str], list[str]]:
        """The minutes and change files the memory is made of (looked at once)."""
        if self._listing is None:
            self.prepare()
            self._listing = _names(self.minutes_path), _names(self.changes_path)
        return self._listing

    def recorded(self) -> set[str]:
        """The ids of the meetings whose minutes are kept (no table read needed)."""
        if self._recorded is None:
            self._recorded = {name.removesuffix(".json") for name in self.listing()[0]}
        return self._recorded

    def _digest(self) -> str:
        minutes, changes = self.listing()
        return cache.digest([f"m/{n}" for n in minutes] + [f"c/{n}" for n in changes])

    def table(self, name: str) -> list[Row]:
        """One table's rows (not copies: callers copy what they hand out)."""
        if name not in self._tables:
            self._load(name)
        return self._tables[name]

    def _load(self, name: str) -> None:
        path = self.memory_path if name in SMALL else self.path / f"memory.{name}.json"
        self.reads[path.name] += 1
        body = cache.read(path, self._digest())
        if name in SMALL:
            tables = body.get("tables") if isinstance(body, dict) else None
            if isinstance(tables, dict) and all(isinstance(tables.get(t), list) for t in SMALL):
                self._tables.update({t: tables[t] for t in SMALL})
                return
        elif isinstance(body, dict) and isinstance(body.get("rows"), list):
            self._tables[name] = body["rows"]
            return
        self.rebuild()

    def _load_facts(self) -> dict[str, Any]:
        if self._facts is None:
            body = cache.read(self.facts_path)
            ok = (isinstance(body, dict) and isinstance(body.get("meetings"), dict)
                  and isinstance(body.get("changes"), dict))
            self._facts = cast(dict[str, Any], body) if ok else {"meetings": {}, "changes": {}}
        return self._facts

    def rebuild(self) -> None:
        """Fold the files into every table, reading only those the facts cache lacks."""
        minutes, changes = self.listing()
        facts = self._load_facts()
        meetings = {n: facts["meetings"][n] for n in minutes if n in facts["meetings"]}
        for name in minutes:
            if name not in meetings:
                found = _read_json(self.minutes_path / name)
                meetings[name] = meeting_facts(found) if found is not None else None
        kept = {n: facts["changes"][n] for n in changes if n in facts["changes"]}
        for name in changes:
            if name not in kept:
                kept[name] = read_change(self.changes_path / name)
        # An unreadable file is not remembered as such: it is tried again next time.
        self._facts = {"meetings": {n: f for n, f in meetings.items() if f is not None},
                       "changes": {n: c for n, c in kept.items() if c is not None}}
        unique: dict[str, Row] = {}
        for value in self._facts["meetings"].values():
            unique.setdefault(str(value["meeting"]["id"]), value)
        self._tables = fold(list(unique.values()), self._facts["changes"])
        self._tables.update(summaries(self._tables))
        if self.path.is_dir():
            digest = self._digest()
            cache.write(self.facts_path, digest, self._facts)
            for name in LARGE:
                cache.write(self.path / f"memory.{name}.json", digest,
                            {"rows": self._tables[name]})
            cache.write(self.memory_path, digest,
                        {"tables": {t: self._tables[t] for t in SMALL}})

    def added(self) -> None:
        """This process wrote a file: look at the folder again and fold it in."""
        self._listing, self._recorded = None, None
        self.rebuild()

    def change(self, kind: str, **fields: Any) -> str:
        """Write one change file; returns its stable id (the file's name)."""
        ensure_dir(self.path)
        self.prepare()
        name = write_change(self.changes_path, kind, **fields)
        self.added()
        return name.removesuffix(".json")

    def all(self) -> Tables:
        """Every table (for tests and tools that compare whole memories)."""
        return {name: self.table(name) for name in (*SMALL, *LARGE)}
