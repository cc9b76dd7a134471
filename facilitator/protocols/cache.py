"""Parsed protocol files kept on disk, keyed by their content, so a start need not parse.

Rules:
- The key is a hash of the file's name and text, of this package's version and of the
  code that reads protocols (its files' sizes and times): any change to either is a miss.
- Only what was read without an error is kept; a file with errors is read again with the
  round-trip parser every time, which is what gives each problem its line and column.
- The cache lives in the user's own cache folder (0o700, files 0o600), never in the
  group's shared folder: it is pickled, and only this user's own processes write it.
- Anything wrong with the cache (missing, damaged, unwritable) is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import types
from pathlib import Path
from typing import Any

from facilitator.protocols.texts import Text

CACHE_ENV = "FACILITATOR_CACHE"
_CODE = Path(__file__).parent


def _proxy(mapping: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    return types.MappingProxyType(mapping)


class _Pickler(pickle.Pickler):
    """Plain values only: the model's read-only mappings (MappingProxyType, which pickle
    does not know) and plain strings for ruamel's string types, so that loading the
    cache needs neither ruamel nor anything else the parse used."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, types.MappingProxyType):
            return _proxy, (dict(obj),)
        if isinstance(obj, Text):  # an author's text keeps its translations
            return Text, (str(obj), {str(k): str(v) for k, v in obj.translations.items()})
        if isinstance(obj, str) and type(obj) is not str:
            return str, (str(obj),)
        if isinstance(obj, int | float) and type(obj) not in (int, float, bool):
            base = int if isinstance(obj, int) else float
            return base, (base(obj),)
        return NotImplemented


def folder() -> Path | None:
    """Where cached parses are kept: $FACILITATOR_CACHE (empty: no cache), else the
    user's cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("facilitator")) / "protocols"


_fingerprint: str | None = None


def _code_fingerprint() -> str:
    global _fingerprint
    if _fingerprint is None:
        parts = []
        for path in sorted(_CODE.glob("*.py")):
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
        _fingerprint = ";".join(parts)
    return _fingerprint


def key(kind: str, *texts: str) -> str:
    """The cache key of `texts` (file names and contents) for a `kind` of result."""
    digest = hashlib.sha256(f"{kind}\0{_code_fingerprint()}".encode())
    for text in texts:
        digest.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load(name: str) -> Any | None:
    """What was kept under `name`, or None."""
    where = folder()
    if where is None:
        return None
    try:
        with open(where / f"{name}.pickle", "rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - a damaged or old cache entry is simply a miss
        return None


def store(name: str, value: Any) -> None:
    """Keep `value` under `name` (atomically); failing to is not an error."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
            os.replace(temp, where / f"{name}.pickle")
        except BaseException:
            os.unlink(temp)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
