"""`agree: true`: an agenda with items waiting is agreed before its first item starts."""

from __future__ import annotations

from facilitator.engine.steps.agenda import agenda_of
from tests.conftest import library_from

LIB = library_from("""
version: 1
protocols:
  weekly:
    title: Weekly
    steps:
      - {id: agenda, kind: agenda, items: ask, agree: true}
      - {id: close, kind: discussion}
  planned:
    title: Planned
    steps:
      - id: agenda
        kind: agenda
        agree: true
        items: [{title: Budget}, {title: Rota}]
""")


def test_an_agenda_with_items_waits_to_be_agreed_and_advance_starts_the_first(driver) -> None:
    d = driver(LIB, "weekly")
    d.do("item Budget", "start", "item Rota", "move Rota 1")
    state = agenda_of(d.m.run)
    assert d.step == "agenda" and state is not None and state.item == -1
    assert [i.title for i in state.to_come] == ["Rota", "Budget"]
    assert not d.of("ItemStarted")
    d.do("advance")
    assert [e["title"] for e in d.of("ItemStarted")] == ["Rota"]
    assert len(d.m.frames) == 2  # the item runs through its protocol


def test_a_planned_agenda_is_agreed_first_too(driver) -> None:
    d = driver(LIB, "planned")
    d.do("start")
    assert not d.of("ItemStarted")
    d.do("advance")
    assert [e["title"] for e in d.of("ItemStarted")] == ["Budget"]


def test_without_items_the_agenda_waits_for_them_as_before(driver) -> None:
    d = driver(LIB, "weekly")
    d.do("start", "item Budget")
    assert [e["title"] for e in d.of("ItemStarted")] == ["Budget"]
