"""Loading protocol files in stages: YAML -> shape check and model -> semantic validation.

Rules:
- YAML is read as 1.2 with ruamel.yaml's round-trip loader, which keeps every node's line
  and column: `yes`, `no`, `on` and `off` stay strings (the step key `on` relies on it).
- What was read without an error is kept on disk keyed by content
  (`facilitator.protocols.cache`): per file, and the merged library per set of sources.
  Only a changed file is parsed again; errors are always found by the round-trip parse.
  Nothing heavy (ruamel, the readers, validation) is imported until a miss needs it.
- Whatever the input, the result is a model and a list of Problems, never a traceback;
  all problems of every file are reported in one run.
- Sources merge in order: the built-in library first, later ones override earlier ones
  by protocol id and by scale id. Built-in scales are always there unless overridden.
- Validation runs on the merged library, so a file may use another file's protocols.
"""

from __future__ import annotations

import functools
import pathlib
import re
import warnings
from typing import Any

from facilitator.errors import Problem, ProtocolError
from facilitator.i18n import L_
from facilitator.protocols import cache
from facilitator.protocols.model import Library, Protocol, Scale

_YAML_11 = re.compile(r"^%YAML[ \t]+1\.1(?=\s|$)", re.MULTILINE)
_SPACES = re.compile(r"\s+")
_LONG_NUMBER = re.compile(r"\d{4000,}")
_SURROGATE = re.compile("[\ud800-\udfff]")
Parsed = tuple[dict[str, Protocol], dict[str, Scale], list[Problem]]


def _internal(file: str, error: BaseException) -> Problem:
    # Only reached through a bug; a Problem still beats a traceback for the author.
    return Problem(file, 1, 1, L_("internal error while reading this file ({error}); please "
                                  "report it with the file attached.", error=repr(error)))


def parse_yaml(text: str, file: str) -> tuple[Any, list[Problem]]:
    """YAML text -> round-trip data, or a Problem at the syntax error."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError

    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    # A `%YAML 1.1` directive would turn `yes`/`no`/`on`/`off` into booleans; the language
    # is YAML 1.2 whatever the file says (same length, so positions do not move).
    text = _YAML_11.sub("%YAML 1.2", text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. reused anchors: legal YAML, not our concern
            data = yaml.load(text)
        return data, _surrogates(data, file)
    except DuplicateKeyError as error:
        mark = error.problem_mark
        key = str(error.problem).split('"')[1] if '"' in str(error.problem) else "a key"
        return None, [Problem(file, mark.line + 1, mark.column + 1,
                              L_("`{key}` appears twice in the same mapping; keep one.",
                                 key=key))]
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = f" ({error.context})" if error.context else ""
        said = _SPACES.sub(" ", f"{error.problem}{context}")
        return None, [Problem(file, line, col, L_("This is not valid YAML: {said}; fix the "
                                                  "syntax here.", said=said))]
    except RecursionError:
        return None, [Problem(file, 1, 1, L_("The YAML is nested too deeply to read; "
                                             "flatten it."))]
    except Exception as error:  # noqa: BLE001 - any YAML failure must become a Problem
        found = _LONG_NUMBER.search(text)
        if isinstance(error, ValueError) and "digits" in str(error) and found:
            # Python refuses to read an integer of thousands of digits (and says how to
            # lift the limit, which is no advice for a protocol author).
            line = text.count("\n", 0, found.start()) + 1
            col = found.start() - text.rfind("\n", 0, found.start())
            return None, [Problem(file, line, col, L_("This number has thousands of digits, "
                                                      "more than any value here takes; "
                                                      "write a short one."))]
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        said = _SPACES.sub(" ", str(error))
        return None, [Problem(file, line, col, L_("This is not valid YAML ({said}); fix it.",
                                                  said=said))]


def lone_surrogate(data: Any) -> tuple[int, int] | None:
    """Line and column (1-based) of the first text in YAML data holding a lone surrogate
    (`"\\ud800"`): it is no character, and no file, terminal or journal could take it."""
    todo: list[tuple[Any, Any, Any]] = [(data, None, None)]
    seen: set[int] = set()  # aliases can make the data refer to itself
    while todo:  # a loop, not recursion: the data may be nested deeply
        node, parent, key = todo.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                continue
            seen.add(id(node))
        if isinstance(node, dict):
            todo += [(k, node, k) for k in node] + [(v, node, k) for k, v in node.items()]
        elif isinstance(node, list):
            todo += [(v, node, i) for i, v in enumerate(node)]
        elif isinstance(node, str) and _SURROGATE.search(node):
            return _position(parent, key)
    return None


def _surrogates(data: Any, file: str) -> list[Problem]:
    where = lone_surrogate(data)
    if where is None:
        return []
    return [Problem(file, *where, L_("This text holds a lone surrogate (an escape like "
                                     "`\\ud800`), which is no character; write the "
                                     "character itself."))]


def _position(parent: Any, key: Any) -> tuple[int, int]:
    where = getattr(parent, "lc", None)  # ruamel's round-trip nodes keep positions
    try:
        if isinstance(parent, dict):
            line, col = where.value(key)[:2]  # type: ignore[union-attr]
        else:
            line, col = where.item(key)[:2]  # type: ignore[union-attr]
        return int(line) + 1, int(col) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return 1, 1


@functools.lru_cache(maxsize=32)
def _parse_cached(text: str, file: str) -> Parsed:
    name = cache.key("file", file, text)
    kept = cache.load(name)
    if isinstance(kept, tuple) and len(kept) == 3:
        return kept  # written by `store` below, in this shape
    parsed = _parse_fresh(text, file)
    if not any(not problem.warning for problem in parsed[2]):
        cache.store(name, parsed)
    return parsed


def _parse_fresh(text: str, file: str) -> Parsed:
    from facilitator.protocols.build import build_file

    data, problems = parse_yaml(text, file)
    if problems:
        return {}, {}, problems
    try:
        return build_file(data, file)
    except Exception as error:  # noqa: BLE001 - never a traceback for a protocol author
        return {}, {}, [_internal(file, error)]


def parse_source(text: str, file: str) -> Parsed:
    """One file's text -> its protocols, its scales and the problems of its shape.

    Cross-references are not checked here; `build_library` does that on the merged library.
    """
    protocols, scales, problems = _parse_cached(text, file)
    return dict(protocols), dict(scales), list(problems)


def builtin_source() -> tuple[str, str]:
    """(file name, text) of the shipped protocols.yaml (the package is installed as files,
    so its path is read directly: importlib.resources would cost every start ~2 ms)."""
    packaged = pathlib.Path(__file__).resolve().parents[1] / "data" / "protocols.yaml"
    try:
        if packaged.is_file():
            return str(packaged), packaged.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    # An editable install: the repository's top-level file.
    path = pathlib.Path(__file__).resolve().parents[2] / "protocols.yaml"
    try:
        return str(path), path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return str(path), ""  # reported as an empty file


def build_library(sources: list[tuple[str, str]],
                  include_builtin: bool = True) -> tuple[Library, list[Problem]]:
    """Merge (file name, text) sources after the built-in library; check the result.

    Returns the library and every problem (errors and warnings), sorted by file and place.
    """
    everything = ([builtin_source()] if include_builtin else []) + list(sources)
    name = cache.key("library", *(part for source in everything for part in source))
    kept = cache.load(name)
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], Library):
        return kept[0], list(kept[1])
    library, problems = _build_library(everything)
    if not any(not problem.warning for problem in problems):
        cache.store(name, (library, problems))
    return library, problems


def _build_library(everything: list[tuple[str, str]]) -> tuple[Library, list[Problem]]:
    from facilitator.protocols.scales import BUILTIN_SCALES
    from facilitator.protocols.validate import validate_library

    protocols: dict[str, Protocol] = {}
    scales: dict[str, Scale] = dict(BUILTIN_SCALES)
    defined: list[Protocol] = []
    problems: list[Problem] = []
    for file, text in everything:
        found, more_scales, found_problems = parse_source(text, file)
        problems += found_problems
        scales.update(more_scales)
        protocols.update(found)
        defined += found.values()
    library = Library(protocols=protocols, scales=scales)
    try:
        problems += validate_library(library, defined)
    except Exception as error:  # noqa: BLE001 - never a traceback for a protocol author
        problems.append(_internal(everything[-1][0] if everything else "<none>", error))
    order = {file: i for i, (file, _) in reversed(list(enumerate(everything)))}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line, p.col))
    return library, _unique(problems)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def read_sources(paths: list[pathlib.Path]) -> tuple[list[tuple[str, str]], list[Problem]]:
    """Read files as sources; a file that cannot be read is a Problem."""
    sources: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            sources.append((str(path), pathlib.Path(path).read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            problems.append(Problem(str(path), 1, 1, L_("This file is not UTF-8 text; save "
                                                        "it as UTF-8.")))
        except OSError as error:
            reason = error.strerror or str(error)
            problems.append(Problem(str(path), 1, 1, L_("This file cannot be read ({reason}); "
                                                        "check the path.", reason=reason)))
    return sources, problems


def load_library(paths: list[pathlib.Path],
                 include_builtin: bool = True) -> tuple[Library, list[Problem]]:
    """Load the built-in library and `paths`, in order; return it with its warnings.

    Raises ProtocolError holding every problem (warnings too) if any is an error.
    """
    sources, problems = read_sources(paths)
    library, more = build_library(sources, include_builtin)
    problems += more
    if any(not problem.warning for problem in problems):
        raise ProtocolError(problems)
    return library, problems
