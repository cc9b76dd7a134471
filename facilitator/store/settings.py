"""The group's settings (today one: its language), one small file per change.

`facilitator group set language es` writes `settings/<UTC time>-<host>-<random>.json`,
`{"change": 1, "kind": "setting", "name": "language", "value": "es", ...}`, the same
shape as a change file (`store.changes`), in a folder of its own so that reading the
setting at every start opens only these few files, never the group's memory. Files are
written once; the latest by name (its UTC time comes first) holds. Like every file of a
group, they travel with `facilitator sync`.
"""

from __future__ import annotations

import json
from pathlib import Path

FOLDER = "settings"
CHANGE = 1  # the change files' version (store.changes.VERSION; a test says they agree)
NAMES = ("language",)


def set_setting(group: Path, name: str, value: str) -> str:
    """Record `name` = `value` for the group; returns the file's name."""
    from facilitator.i18n import _
    from facilitator.store.changes import write_change
    from facilitator.store.files import ensure_dir, explained

    folder = group / FOLDER
    with explained(_("The group's setting could not be written")):
        ensure_dir(folder)
        return write_change(folder, "setting", name=name, value=value)


def setting(group: Path, name: str) -> str | None:
    """The group's latest value for `name`, or None (no such file, or an unreadable one)."""
    try:
        files = sorted((group / FOLDER).glob("*.json"), reverse=True)
    except OSError:
        return None
    for path in files:
        change = _read(path)
        if change and change.get("kind") == "setting" and change.get("name") == name:
            value = change.get("value")
            return value if isinstance(value, str) else None
    return None


def _read(path: Path) -> dict[str, object] | None:
    """A setting's file, or None when it cannot be read as one (read at every start: the
    change files' module, with what writing them needs, is not imported for this)."""
    try:
        value = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) and value.get("change") == CHANGE else None
