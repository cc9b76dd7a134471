"""Changes made outside a meeting: one small file each, written once, never rewritten.

A change file is `changes/<UTC time>-<host>-<random>.json`: the name is unique on every
laptop, so two laptops (or twenty processes on one) never write the same file and git
never has to merge a line. Its content is `{"change": 1, "kind", "at", "date", "host",
...fields}`; `facilitator.store.memory.fold` reads the kinds it knows and skips the rest.

Kinds: principle {text}; opt_out {name, role, out}; pronouns {name, pronouns};
moratorium_set {reason}; moratorium_lift {reason}; review {ref, result, to};
legacy {labels, meetings, principles, opt_outs, moratorium} (see `convert_legacy`);
shift, rest, rest_end, backup, action_backup, capacity (see `facilitator.store.care`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
import socket
import time
from pathlib import Path
from typing import Any

from facilitator.i18n import _
from facilitator.store.files import atomic_write, write_new

VERSION = 1
IGNORED = """\
# facilitator: the group's files are shared (journals, changes, minutes);
# these stay on each computer (the memory is a cache rebuilt from the files).
memory.json
memory.*
*.lock
*.alive
*.torn
.*.tmp-*
.*.lock.*
"""


def host() -> str:
    """This computer's name, as it may appear in a file name."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", socket.gethostname()).strip("-")[:40] or "host"


def write_change(folder: Path, kind: str, now: float | None = None,
                 file_name: str | None = None, **fields: Any) -> str:
    """Write one change file into `folder` durably; returns its name (unique, unless
    `file_name` is given: then the same content always gets the same name)."""
    at = time.time() if now is None else now
    stamp = dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = file_name or f"{stamp}-{host()}-{secrets.token_hex(4)}.json"
    change = {"change": VERSION, "kind": kind, "at": at,
              "date": dt.datetime.fromtimestamp(at).date().isoformat(), "host": host(),
              **fields}
    atomic_write(folder / name, (json.dumps(change, ensure_ascii=False) + "\n").encode())
    return name


def read_change(path: Path) -> dict[str, Any] | None:
    """The change in `path`, or None when it cannot be read as one."""
    try:
        value = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) and value.get("change") == VERSION else None


def _table(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """A TinyDB table's rows in insertion order, skipping anything of the wrong shape."""
    table = data.get(name)
    if not isinstance(table, dict):
        return []
    rows = []
    for key, value in table.items():
        if isinstance(value, dict) and str(key).isdigit():
            rows.append((int(key), value))
    return [value for _, value in sorted(rows, key=lambda kv: kv[0])]


def legacy_fields(data: object) -> dict[str, Any]:
    """What only a pre-sync memory.json knew, read defensively from whatever it holds:
    principles, opt-outs, moratoria, and the old action/agreement labels' stable ids."""
    if not isinstance(data, dict):
        return {}
    labels: dict[str, str] = {}
    for table, prefix in (("actions", "A"), ("agreements", "G")):
        per_meeting: dict[str, int] = {}
        for item in _table(data, table):
            label, meeting = item.get("id"), item.get("meeting")
            if not isinstance(label, str) or not isinstance(meeting, str):
                continue
            per_meeting[meeting] = per_meeting.get(meeting, 0) + 1
            labels[label] = f"{meeting}#{prefix}{per_meeting[meeting]}"
    meetings = [m["id"] for m in _table(data, "meetings") if isinstance(m.get("id"), str)]
    principles = [{"text": p["text"], "added": str(p.get("added") or "")}
                  for p in _table(data, "principles") if isinstance(p.get("text"), str)]
    opt_outs: dict[str, list[str]] = {}
    for person in _table(data, "roster"):
        outs = person.get("opt_outs")
        if isinstance(person.get("name"), str) and isinstance(outs, list) and outs:
            opt_outs[person["name"]] = [str(r) for r in outs if isinstance(r, str)]
    moratorium = [m for m in _table(data, "moratorium") if isinstance(m.get("reason"), str)]
    return {"labels": labels, "meetings": meetings, "principles": principles,
            "opt_outs": opt_outs, "moratorium": moratorium}


def convert_legacy(memory: Path, changes: Path) -> str:
    """Turn a memory.json from before sync into a `legacy` change, keeping a backup.

    Returns the sentence to say once. The old file is copied to
    `memory.json.before-sync` (an existing backup is never overwritten).
    """
    raw = memory.read_bytes()  # FileNotFoundError: another process converted it first
    number = 1
    while True:
        backup = memory.with_name(memory.name + ".before-sync"
                                  + (f"-{number}" if number > 1 else ""))
        try:
            write_new(backup, raw)  # private from its first moment, never over another
            break
        except FileExistsError:
            number += 1
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        data = None
    fields = legacy_fields(data)
    if fields:
        # Named by its content: two processes (or two laptops) converting the same memory
        # write the same file, not two.
        digest = hashlib.sha256(raw).hexdigest()[:16]
        write_change(changes, "legacy", now=0.0,
                     file_name=f"00000000-legacy-{digest}.json", **fields)
        return _("This group's memory was converted to one file per change, ready to sync "
                 "between laptops; nothing was lost, and the old file is kept as {file}.").format(
            file=backup.name)
    return _("This group's memory.json could not be read, so it was set aside as {file} and "
             "the memory was rebuilt from the meetings' journals and minutes.").format(
        file=backup.name)
