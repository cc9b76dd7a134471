"""Property: any interleaving of changes on up to three laptops, merged in any order, gives
the same memory (the files are the truth; the cache is folded in one canonical order).
The changes include care's: shifts, rests and their ends, role and action backups, and
capacity checks."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sample_minutes import make_minutes, memory

from facilitator.store.group import Group

SHARED = ("minutes", "changes", "journals")


def merge(source: Path, target: Path) -> None:
    """What sync does to the shared folders: new files only, never a line merged."""
    for folder in SHARED:
        if not (source / folder).is_dir():
            continue
        (target / folder).mkdir(parents=True, exist_ok=True)
        for path in (source / folder).iterdir():
            if not (target / folder / path.name).exists():
                shutil.copyfile(path, target / folder / path.name)



NAMES = st.sampled_from(["Ana", "Ben", "Cy"])
OPS = st.one_of(
    st.tuples(st.just("principle"), st.sampled_from(["Start on time", "Consent", "Rotate"])),
    st.tuples(st.just("opt_out"), NAMES, st.sampled_from(["facilitator", "notetaker"]),
              st.booleans()),
    st.tuples(st.just("meeting"), st.integers(1, 28), st.booleans()),
    st.tuples(st.just("review"), st.sampled_from(["done", "drop", "hand", "keep"])),
    st.tuples(st.just("pronouns"), NAMES, st.sampled_from(["she/her", "they/them"])),
    st.tuples(st.just("moratorium"), st.booleans()),
    st.tuples(st.just("merge"), st.integers(0, 2)),
    st.tuples(st.just("shift"), NAMES, st.integers(1, 28)),
    st.tuples(st.just("rest"), NAMES, st.booleans()),
    st.tuples(st.just("backup"), NAMES, st.sampled_from(["facilitator", "notetaker", "A"])),
    st.tuples(st.just("capacity"), st.integers(1, 28), st.lists(NAMES, max_size=3)),
)


def apply(op: tuple, laptop: Path, laptops: list[Path], n: int) -> None:
    group = Group(laptop)
    kind = op[0]
    if kind == "principle":
        group.add_principle(op[1])
    elif kind == "opt_out":
        group.set_opt_out(op[1], op[2], op[3])
    elif kind == "meeting":
        # a meeting that reviews the first open action this laptop knows of, by stable id
        reviews = [{"id": a.ref, "label": a.id, "result": "done", "to": None}
                   for a in group.open_actions()[:1]] if op[2] else []
        group.record_minutes(make_minutes(f"m{n}-{laptop.name}", f"2026-03-{op[1]:02d}",
                                          reviews=reviews,
                                          deferred=[{"title": f"Item {n}", "protocol": None}]))
    elif kind == "review":
        items = group.open_actions() + [g for g in group.agreements() if g.status == "open"]
        if items:
            group.review(items[-1].id, op[1], "Cy" if op[1] == "hand" else None)
    elif kind == "pronouns":
        group.set_pronouns(op[1], op[2])
    elif kind == "moratorium":
        active = any(not m.lifted_on for m in group.moratoria())
        if op[1] and not active:
            group.set_moratorium("Stretched")
        elif active:
            group.lift_moratorium("Rested")
    elif kind == "merge":
        merge(laptops[op[1]], laptop)
    elif kind == "shift":
        group.add_care("shift", name=op[1], what="Food drive", day=f"2026-03-{op[2]:02d}")
    elif kind == "rest":
        if op[2]:
            group.add_care("rest", name=op[1], until="2026-04-30", why="away")
        else:
            group.add_care("rest_end", name=op[1])
    elif kind == "backup" and op[2] == "A":
        actions = group.open_actions()
        if actions:
            group.add_care("action_backup", ref=actions[-1].ref, name=op[1])
    elif kind == "backup":
        group.add_care("backup", role=op[2], name=op[1])
    elif kind == "capacity":
        group.add_care("capacity", file_name=f"capacity-m{n}-{laptop.name}.json",
                       meeting=f"m{n}-{laptop.name}", red=op[2], answered=["Ana", *op[2]])


@settings(max_examples=25, deadline=None)
@given(count=st.integers(1, 3),
       steps=st.lists(st.tuples(st.integers(0, 2), OPS), max_size=10),
       order=st.permutations([0, 1, 2]))
def test_any_interleaving_merged_in_any_order_gives_the_same_memory(
        count: int, steps: list, order: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        laptops = [Path(folder) / f"laptop{i}" for i in range(count)]
        for n, (which, op) in enumerate(steps):
            laptop = laptops[which % count]
            if op[0] == "merge":
                op = ("merge", op[1] % count)
            apply(op, laptop, laptops, n)
        # every laptop takes in every other, in the order drawn, twice over (sync repeated)
        for laptop in laptops:
            for _ in range(2):
                for i in (i for i in order if i < count):
                    merge(laptops[i], laptop)
        union = Path(folder) / "fresh"
        for i in reversed(range(count)):
            merge(laptops[i], union)
        expected = memory(union)
        for laptop in laptops:
            if laptop.exists():
                assert memory(laptop) == expected


def test_a_review_never_lands_on_another_action_after_a_merge(tmp_path: Path) -> None:
    """Both laptops record an action labelled A1; Ben's laptop reviews its own A1 done.
    Merged, the labels shift, but the review names the stable id: Ben's action is done and
    Ana's (now A1 or A2) is still open, on both laptops."""
    ana, ben = Group(tmp_path / "ana"), Group(tmp_path / "ben")
    ana.record_minutes(make_minutes("ana-1", "2026-03-01", agreements=[],
                                    actions=[{"what": "Ana's task", "owner": "Ana", "due": None}]))
    ben.record_minutes(make_minutes("ben-1", "2026-03-02", agreements=[],
                                    actions=[{"what": "Ben's task", "owner": "Ben", "due": None}]))
    [mine] = ben.open_actions()
    assert mine.id == "A1"
    ben.record_minutes(make_minutes("ben-2", "2026-03-09", actions=[], agreements=[], reviews=[
        {"id": mine.ref, "label": "A1", "result": "done", "to": None}]))
    merge(ana.path, ben.path)
    merge(ben.path, ana.path)
    for laptop in (ana.path, ben.path):
        assert [a.what for a in Group(laptop).open_actions()] == ["Ana's task"]
