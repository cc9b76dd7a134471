"""The memory cache: derived from the group's files, never shared, never trusted blindly.

A cache file is one header line and a JSON body:

    {"cache": 2, "sources": "<sha256 of the source names>", "sha256": "<of the body>"}
    {...body...}

Rules:
- A file whose header is not ours, whose checksum does not match its body, or that names
  other sources than the folder holds is simply not used: the caller rebuilds it. So a
  damaged, stale or foreign cache (any JSON at all) never reaches a reader.
- Written atomically (temp file, fsync, rename); two processes writing at once leave one
  complete cache, and a cache missing a file is seen as stale by the next reader.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from facilitator.store.files import atomic_write

VERSION = 5  # 3: decisions with a review date come back as agreements; 4: the box;
# 5: the summaries (the history summed up, what is still open)


def digest(names: Iterable[str]) -> str:
    """A fingerprint of the source files a cache was built from."""
    return hashlib.sha256("\n".join(sorted(names)).encode()).hexdigest()


def read(path: Path, sources: str | None = None) -> Any | None:
    """The body of the cache at `path`, or None when it is missing, damaged or stale
    (built from other sources than `sources`, when given)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head, _, body = raw.partition(b"\n")
    try:
        header = json.loads(head)
    except (ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or header.get("cache") != VERSION:
        return None
    if sources is not None and header.get("sources") != sources:
        return None
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def is_cache(path: Path) -> bool:
    """Whether `path` starts with a cache header (of any age)."""
    try:
        with open(path, "rb") as handle:
            header = json.loads(handle.readline())
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(header, dict) and header.get("cache") == VERSION


def write(path: Path, sources: str, body: Any) -> None:
    """Replace the cache at `path` with `body`, built from `sources`."""
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    header = {"cache": VERSION, "sources": sources, "sha256": hashlib.sha256(data).hexdigest()}
    atomic_write(path, json.dumps(header).encode() + b"\n" + data)
