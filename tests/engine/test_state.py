"""The engine's `evolve` is attrs.evolve, only quicker: same result, converters run."""

from __future__ import annotations

from types import MappingProxyType

import attrs
import pytest

from facilitator.engine.state import Floor, Meeting, Person, Setup, evolve
from facilitator.protocols.loader import build_library

LIBRARY, _ = build_library([])


def test_evolve_gives_what_attrs_evolve_gives_and_freezes_new_mappings() -> None:
    m = Meeting.open(Setup("m", "t", "quick-decision", 0.0), LIBRARY)
    changes = {"people": {"Ana": Person("Ana")}, "seating": ("Ana",),
               "floor": Floor("Ana", 1.0), "hand_seq": 3}
    ours, theirs = evolve(m, **changes), attrs.evolve(m, **changes)
    assert ours == theirs and ours is not m
    assert isinstance(ours.people, MappingProxyType)
    assert ours.setup is m.setup and ours.library is m.library
    assert m.people == {}  # the old state is untouched


def test_evolve_refuses_a_field_the_class_does_not_have() -> None:
    with pytest.raises(TypeError, match=r"Floor has no field \['nmae'\]"):
        evolve(Floor("Ana", 1.0), nmae="Ben")
