"""A step kind is one record: a toy kind, registered in this test only, runs through
`validate`, `simulate` and the minutes without a line changed anywhere else."""

from __future__ import annotations

import json
from collections.abc import Iterable

import attrs
import pytest

from facilitator.cli import main
from facilitator.engine.commands import Command
from facilitator.engine.floor import end_floor, give_floor, must_be_here
from facilitator.engine.kind import StepKind
from facilitator.engine.steps import KINDS
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.protocols.model import Step


@attrs.frozen
class Popcorn:
    spoken: frozenset[str] = frozenset()


def _speak(tx: Tx, command: Command) -> None:
    """Popcorn: whoever is named speaks next, in any order; naming them is the way."""
    name = command.args[0]
    must_be_here(tx, name)
    state = tx.state(Popcorn)
    if name in state.spoken:
        raise Refused(f"{name} has spoken in this popcorn round already.")
    tx.update_state(spoken=state.spoken | {name})
    give_floor(tx, name, "popped up", tx.run.step.time_per_speaker)


def _done(tx: Tx, command: Command) -> None:
    end_floor(tx)


def _advance(tx: Tx) -> str:
    return "done" if tx.state(Popcorn).spoken else "nobody"


def _facts(step: Step) -> Iterable[str]:
    yield "anyone, any order"


POPCORN = StepKind(
    name="popcorn",
    noun="popcorn round",
    summary="Whoever is ready speaks next; each once.",
    outcomes=("done", "nobody"),
    keys={"time_per_speaker": "Soft per-person time limit, like 1m."},
    state=lambda step: Popcorn(),
    commands={"invite": _speak, "done": _done, "next": _done},
    own=frozenset({"invite"}),
    advance=_advance,
    facts=_facts,
)

PROTOCOLS = """\
version: 1
protocols:
  popcorn-check-in:
    title: Popcorn check-in
    steps:
      - {id: pop, kind: popcorn, time_per_speaker: 1m, on: {nobody: end}}
      - {id: after, kind: discussion}
"""
SCRIPT = """\
protocol: popcorn-check-in
title: Popcorn
participants: [Ana, Ben, Cy]
commands:
  - start
  - invite Cy
  - wait 40s
  - invite Ana
  - wait 20s
  - done
  - advance
  - hand Ben
  - advance
  - end
"""


@pytest.fixture
def popcorn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(KINDS, "popcorn", POPCORN)


def test_the_toy_kind_validates_its_keys_and_outcomes(popcorn, tmp_path, capsys) -> None:
    good = tmp_path / "popcorn.yaml"
    good.write_text(PROTOCOLS, encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(PROTOCOLS.replace("nobody: end", "nobodi: end")
                   .replace("time_per_speaker: 1m", "policy: fifo"), encoding="utf-8")
    assert main(["validate", str(bad)]) != 0
    said = capsys.readouterr()
    out = said.out + said.err
    assert ("`nobodi` is not an outcome of a popcorn step; use one of done, nobody, timeout, "
            "exhausted, skipped; did you mean `nobody`?") in out
    assert "`policy` belongs to a discussion step, not to a popcorn step" in out


def test_show_describes_the_toy_kind_with_its_own_facts(popcorn, tmp_path, capsys) -> None:
    (tmp_path / "popcorn.yaml").write_text(PROTOCOLS, encoding="utf-8")
    assert main(["show", "popcorn-check-in", "--protocols", str(tmp_path / "popcorn.yaml")]) == 0
    out = capsys.readouterr().out
    assert "1. Pop [popcorn, anyone, any order] (pop)" in out
    assert "nobody -> end" in out and "otherwise -> after" in out


def test_the_toy_kind_runs_in_simulate_and_reaches_the_minutes(popcorn, tmp_path,
                                                                capsys) -> None:
    (tmp_path / "popcorn.yaml").write_text(PROTOCOLS, encoding="utf-8")
    (tmp_path / "script.yaml").write_text(SCRIPT, encoding="utf-8")
    code = main(["simulate", str(tmp_path / "script.yaml"),
                 "--protocols", str(tmp_path / "popcorn.yaml"), "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0, out
    minutes = json.loads(out)
    assert [(s["step"], s["kind"], s["outcome"]) for s in minutes["steps"]] == [
        ("pop", "popcorn", "done"), ("after", "discussion", "done")]
    airtime = {r["name"]: (r["seconds"], r["turns"]) for r in minutes["airtime"]}
    assert airtime == {"Ana": (20.0, 1), "Ben": (0.0, 0), "Cy": (40.0, 1)}
    assert minutes["overrides"] == []  # naming the speaker is the popcorn's own way


def test_the_toy_kind_refuses_what_it_does_not_take(popcorn, tmp_path, capsys) -> None:
    (tmp_path / "popcorn.yaml").write_text(PROTOCOLS, encoding="utf-8")
    script = SCRIPT.replace("  - invite Cy\n", "  - stance Cy agree\n")
    (tmp_path / "script.yaml").write_text(script, encoding="utf-8")
    code = main(["simulate", str(tmp_path / "script.yaml"),
                 "--protocols", str(tmp_path / "popcorn.yaml")])
    assert code == 1
    assert ("Stances are given in a test for agreement; this step is a popcorn round."
            in capsys.readouterr().err)


def test_without_registration_the_kind_is_unknown(tmp_path, capsys) -> None:
    (tmp_path / "popcorn.yaml").write_text(PROTOCOLS, encoding="utf-8")
    assert main(["validate", str(tmp_path / "popcorn.yaml")]) != 0
    said = capsys.readouterr()
    assert "`popcorn` is not a step kind" in said.out + said.err
