"""Parsed protocol files are cached on disk, keyed by their content."""

from __future__ import annotations

import pytest

from facilitator.protocols import cache, loader
from facilitator.protocols.loader import build_library

ONE = """
version: 1
protocols:
  tiny:
    title: Tiny
    steps:
      - {id: talk, kind: discussion}
"""


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder and no parses remembered in this process."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    loader._parse_cached.cache_clear()
    yield tmp_path / "cache"
    loader._parse_cached.cache_clear()


def test_a_second_start_reads_the_cache_and_a_change_of_content_is_parsed_again(
        fresh, monkeypatch):
    """Same text: no parse. Changed text (same file name): parsed, and what it says is used."""
    parses = []
    real = loader._parse_fresh
    monkeypatch.setattr(loader, "_parse_fresh",
                        lambda text, file: parses.append(file) or real(text, file))
    library, _ = build_library([("mine.yaml", ONE)], include_builtin=False)
    assert parses == ["mine.yaml"] and library.protocols["tiny"].title == "Tiny"
    loader._parse_cached.cache_clear()
    library, _ = build_library([("mine.yaml", ONE)], include_builtin=False)
    assert parses == ["mine.yaml"]  # from the cache
    assert library.protocols["tiny"].steps[0].where.line == 7  # positions are kept
    loader._parse_cached.cache_clear()
    changed = ONE.replace("title: Tiny", "title: Small")
    library, _ = build_library([("mine.yaml", changed)], include_builtin=False)
    assert parses == ["mine.yaml", "mine.yaml"]
    assert library.protocols["tiny"].title == "Small"


def test_a_file_with_errors_is_never_cached_and_its_errors_keep_their_place(fresh):
    """Errors come from the round-trip parse each time, with line and column."""
    broken = ONE.replace("kind: discussion", "kind: discusion")
    for _ in range(2):
        loader._parse_cached.cache_clear()
        _, problems = build_library([("mine.yaml", broken)], include_builtin=False)
        errors = [p for p in problems if not p.warning]
        assert errors and (errors[0].file, errors[0].line) == ("mine.yaml", 7)
    assert not fresh.exists() or not any(fresh.iterdir())


def test_a_damaged_cache_entry_is_a_miss_not_an_error(fresh):
    """Garbage in the cache folder is parsed around, and replaced."""
    build_library([("mine.yaml", ONE)], include_builtin=False)
    for entry in fresh.iterdir():
        entry.write_bytes(b"not a pickle")
    loader._parse_cached.cache_clear()
    library, problems = build_library([("mine.yaml", ONE)], include_builtin=False)
    assert library.protocols["tiny"].title == "Tiny" and not problems


def test_the_key_follows_the_content_and_the_file_name():
    """One character of difference is another key."""
    assert cache.key("file", "a.yaml", ONE) == cache.key("file", "a.yaml", ONE)
    assert cache.key("file", "a.yaml", ONE) != cache.key("file", "a.yaml", ONE + " ")
    assert cache.key("file", "a.yaml", ONE) != cache.key("file", "b.yaml", ONE)


def test_validate_reads_the_built_in_file_once(fresh, monkeypatch, tmp_path, capsys):
    """`facilitator validate protocols.yaml` parses it once, not once as itself and once
    as the built-in library."""
    from facilitator.cli import main

    parses = []
    real = loader._parse_fresh
    monkeypatch.setattr(loader, "_parse_fresh",
                        lambda text, file: parses.append(file) or real(text, file))
    path = tmp_path / "protocols.yaml"
    path.write_text(loader.builtin_source()[1], encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert parses == [str(path)]
    assert capsys.readouterr().out.strip().endswith(f"{path}: ok")
