"""A meeting's state as plain JSON data and back, for the journal's snapshots. Pure.

Rules:
- `freeze(meeting)` gives JSON-ready data; `thaw(data, setup, library)` gives back a meeting
  equal to it. The setup and the library are not in the data (the journal's header holds
  their sources); protocols and steps are named by id and index.
- The undo history is not kept: a meeting taken up from a snapshot cannot undo past it.
- `freeze` refuses (raises `Unfaithful`) a meeting that would not come back equal, so a
  snapshot that is written is always true to the meeting it was taken from.
- Encoding follows the attrs fields' types, so a field added to the state is kept
  without a change here; a type this module does not know is refused, never guessed.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from facilitator.engine.kind import StepKind
from facilitator.engine.state import Frame, Meeting, Run, Setup
from facilitator.engine.steps import KINDS
from facilitator.protocols.model import Library, Protocol, Step

VERSION = 1
_SKIPPED = {"setup", "library", "undo", "undo_cut"}


class Unfaithful(ValueError):
    """The meeting holds something a snapshot cannot carry back unchanged."""


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls, localns={"StepKind": StepKind})
    except NameError as error:  # a name only imported for type checkers
        raise Unfaithful(f"The fields of {cls.__name__} cannot be read ({error}).") from None


def _engine_class(name: str) -> type:
    """An attrs class of the engine named `module:qualname` (a kind's run state); nothing
    else may be named (a snapshot is data, and builds only the engine's own records)."""
    module_name, _, qualname = name.partition(":")
    if not module_name.startswith("facilitator.engine."):
        raise Unfaithful(f"A snapshot names {name}, which is not the engine's.")
    import importlib

    found: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        found = getattr(found, part)
    if not (isinstance(found, type) and attrs.has(found)):
        raise Unfaithful(f"A snapshot names {name}, which is not a record of the engine.")
    return found


def freeze(meeting: Meeting) -> dict[str, Any]:
    """The meeting as JSON data; Unfaithful if it would not come back equal."""
    data = _encode_attrs(meeting, Meeting, meeting.library)
    back = thaw(data, meeting.setup, meeting.library)
    if back != meeting or back.seq != meeting.seq:
        raise Unfaithful("The meeting does not come back equal from its snapshot.")
    return {"v": VERSION, **data}


def thaw(data: Mapping[str, Any], setup: Setup, library: Library) -> Meeting:
    """The meeting a snapshot describes, opened with `setup` on `library`."""
    fields = {k: v for k, v in data.items() if k != "v"}
    meeting: Meeting = _decode_attrs(fields, Meeting, library, setup=setup, library=library)
    return meeting


def _encode_attrs(value: Any, cls: type, library: Library) -> dict[str, Any]:
    hints = _hints(cls)
    out: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if cls is Meeting and field.name in _SKIPPED:
            continue
        item = getattr(value, field.name)
        if cls is Run and field.name in ("step", "kind"):
            continue  # the frame's protocol and the run's index name them
        out[field.name] = _encode(item, hints[field.name], library)
    if cls is Frame:
        frame: Frame = value
        if library.protocol(frame.protocol.id) is not frame.protocol:  # by id, as thaw does
            raise Unfaithful(f"The protocol {frame.protocol.id} is not the library's.")
        run = frame.run
        steps = frame.protocol.steps
        if run is not None and (run.index >= len(steps) or steps[run.index] is not run.step):
            raise Unfaithful("A run's step is not its protocol's step at its index.")
    return out


def _optional(hint: Any) -> Any:
    """`X | None` -> X; any other type as it is. A union of two types is refused: a
    snapshot could not tell which it holds."""
    if typing.get_origin(hint) not in (types.UnionType, typing.Union):
        return hint
    inner = [a for a in typing.get_args(hint) if a is not type(None)]
    if len(inner) != 1:
        raise Unfaithful(f"Cannot tell which of {hint} a snapshot holds.")
    return inner[0]


def _encode(value: Any, hint: Any, library: Library) -> Any:
    if value is None:
        return None
    hint = _optional(hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Protocol:
        return value.id
    if hint is Any:
        kind = type(value)
        if attrs.has(kind):  # a kind's own run state
            return {"$class": f"{kind.__module__}:{kind.__qualname__}",
                    **_encode_attrs(value, kind, library)}
        return value  # plain data: checked by the round trip in `freeze`
    if isinstance(hint, type) and attrs.has(hint):
        return _encode_attrs(value, hint, library)
    if hint in (str, int, float, bool):
        return value
    if origin is frozenset:
        return sorted(_encode(v, args[0], library) for v in value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return [_encode(v, args[0], library) for v in value]
        return [_encode(v, a, library) for v, a in zip(value, args, strict=True)]
    if origin in (Mapping, dict):
        return [[_encode(k, args[0], library), _encode(v, args[1], library)]
                for k, v in value.items()]
    raise Unfaithful(f"A snapshot cannot hold a {hint}.")


def _decode_attrs(data: Mapping[str, Any], cls: type, lib: Library,
                  **given: Any) -> Any:
    library = lib
    hints = _hints(cls)
    kwargs: dict[str, Any] = dict(given)
    for field in attrs.fields(cls):
        if field.name in data:
            kwargs[field.name] = _decode(data[field.name], hints[field.name], library)
    if cls is Frame and kwargs.get("run") is not None:
        step = kwargs["protocol"].steps[kwargs["run"].index]
        kwargs["run"] = attrs.evolve(kwargs["run"], step=step, kind=KINDS[step.kind])
    return cls(**kwargs)


_NO_STEP = Step(id="", kind="")


def _decode(value: Any, hint: Any, library: Library) -> Any:
    if value is None:
        return None
    hint = _optional(hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Protocol:
        protocol = library.protocol(value)
        if protocol is None:
            raise Unfaithful(f"The snapshot names a protocol {value} the meeting lacks.")
        return protocol
    if hint is Any:
        if isinstance(value, Mapping) and "$class" in value:
            kind = _engine_class(value["$class"])
            return _decode_attrs({k: v for k, v in value.items() if k != "$class"}, kind,
                                 library)
        return value
    if hint is Run:  # step and kind: set by the Frame
        return _decode_attrs(value, Run, library, step=_NO_STEP, kind=None)
    if isinstance(hint, type) and attrs.has(hint):
        return _decode_attrs(value, hint, library)
    if hint is float:
        return float(value)
    if hint in (str, int, bool):
        return value
    if origin is frozenset:
        return frozenset(_decode(v, args[0], library) for v in value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(v, args[0], library) for v in value)
        return tuple(_decode(v, a, library) for v, a in zip(value, args, strict=True))
    if origin in (Mapping, dict):
        return {_decode(k, args[0], library): _decode(v, args[1], library) for k, v in value}
    raise Unfaithful(f"A snapshot cannot hold a {hint}.")
