"""TinyDB storage that replaces its file atomically, and a middleware for transactions.

Rules:
- A write goes to a private temporary file in the same folder, is fsynced, renamed over
  the real file, and the folder fsynced: after a crash the file is the old one or the
  new one, never half of each.
- Nothing is created until the first write.
- A file that cannot be read as JSON is never overwritten: it is copied to
  `<name>.corrupt-<timestamp>` and every read or write raises StoreError saying so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.middlewares import Middleware
from tinydb.storages import Storage

from facilitator.errors import StoreError
from facilitator.store.files import atomic_write, write_new

Data = dict[str, dict[str, Any]]


class AtomicJSONStorage(Storage):
    """A TinyDB storage for one JSON file, written atomically (temp file, fsync, rename)."""

    def __init__(self, path: str | os.PathLike[str], **_: Any) -> None:
        self.path = Path(path)
        self._damaged: str | None = None

    def read(self) -> Data | None:
        """The whole database, or None when the file does not exist yet."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise self._damage(raw)
        return data

    def write(self, data: Data) -> None:
        """Replace the file with `data`; refused while the file on disk is damaged."""
        if self._damaged is not None:
            raise StoreError(self._damaged)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic_write(self.path, text.encode())

    def close(self) -> None:
        """Nothing stays open between reads and writes."""

    def _damage(self, raw: bytes) -> StoreError:
        backup = self._backup(raw)
        self._damaged = (
            f"The group's memory file {self.path} is damaged (it is not complete JSON), so "
            f"nothing was changed; a copy is kept in {backup.name}. Restore memory.json from "
            "a backup, or move it away to start a fresh memory (journals and minutes are kept)."
        )
        return StoreError(self._damaged)

    def _backup(self, raw: bytes) -> Path:
        """Copy the damaged file aside once (an identical earlier copy is reused)."""
        for earlier in sorted(self.path.parent.glob(self.path.name + ".corrupt-*")):
            with contextlib.suppress(OSError):
                if earlier.read_bytes() == raw:
                    return earlier
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        number = 1
        while True:
            suffix = f"-{number}" if number > 1 else ""
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}{suffix}")
            try:
                # Private from its first moment: never readable by others, even for an
                # instant, whatever a kill interrupts.
                write_new(backup, raw)
            except FileExistsError:
                number += 1
                continue
            return backup


class Transactions(Middleware):
    """Passes reads and writes through, except inside `transaction()`: there the file is
    read once and written once at the end (not at all if the block raises)."""

    def __init__(self, storage_cls: type[Storage] = AtomicJSONStorage) -> None:
        super().__init__(storage_cls)
        self._pending: Data | None = None
        self._depth = 0
        self._dirty = False

    def read(self) -> Data | None:
        """The database: the pending state inside a transaction, else the file's."""
        if self._depth:
            if self._pending is None:
                self._pending = self.storage.read() or {}
            return self._pending
        return self.storage.read()

    def write(self, data: Data) -> None:
        """Write now, or at the end of the current transaction."""
        if self._depth:
            self._pending = data
            self._dirty = True
        else:
            self.storage.write(data)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group every write inside the block into one atomic write of the file."""
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if not self._depth:
                self._pending, self._dirty = None, False
            raise
        self._depth -= 1
        if not self._depth:
            pending, dirty = self._pending, self._dirty
            self._pending, self._dirty = None, False
            if dirty and pending is not None:
                self.storage.write(pending)
