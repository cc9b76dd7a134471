"""`decide`: a test for agreement on the current proposal.

The outcome, checked in this order: `no_quorum` (too few stances among those present),
`blocked` (a stance whose option vetoes), `failed` (more stand-asides than allowed, or
too little support among the counted stances), else `passed`. A visit that is the Nth
unsuccessful one, N being `attempts`, ends `exhausted` instead. Stances of people who
have left do not count. Each ended test is one entry in the minutes' decisions. A hard
timebox that runs out closes the test as it stands, with the outcome `timeout`.

A step with `ballot: secret` takes stances only from people's own devices (the command's
source is `own_device(name)`), and says only who took part (`BallotCast`); its
`TestEnded` holds the count and the voters, never who chose what. The journal keeps such
a stance as `stance NAME` marked sealed: on replay its option is `SEALED`, and the count
comes from the journaled `TestEnded`. A live test that holds sealed stances (the laptop
was restarted mid-ballot) asks for them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from facilitator.engine.commands import Command
from facilitator.engine.events import BallotCast, StanceGiven, TestEnded
from facilitator.engine.floor import end_floor, give_floor
from facilitator.engine.kind import Check, StepKind
from facilitator.engine.state import Meeting, Run, evolve, frozen_map
from facilitator.engine.tx import Tx
from facilitator.errors import Refused
from facilitator.i18n import L_, N_, _, current
from facilitator.protocols.model import Library, Protocol, Scale, Step
from facilitator.protocols.shape import listing, suggest

SEALED = "(sealed)"  # a secret stance read back from the journal: its option is not there
NO_PROPOSAL = N_("There is no proposal to test yet; give one first: `propose TEXT`.")


@attrs.frozen
class Stances:
    """A test's own state: which attempt this is, and the stances given so far."""

    attempt: int = 0
    stances: Mapping[str, tuple[str, str | None]] = attrs.field(
        factory=dict, converter=frozen_map
    )
    order: tuple[str, ...] = ()  # `in_turn`: who is asked, in seating order


def stances_of(run: Run | None) -> Stances | None:
    """The test's state of `run`, or None when it is not a test for agreement."""
    state = run.state if run is not None else None
    return state if isinstance(state, Stances) else None


def scale_of(m: Meeting, run: Run) -> Scale:
    scale = m.library.scale(run.step.scale)
    assert scale is not None, "validated at load time"
    return scale


def own_device(name: str) -> str:
    """The source of a command given from `name`'s own phone."""
    return f"{name}'s phone"


def secret(run: Run | None) -> bool:
    """Is `run` a secret ballot?"""
    return stances_of(run) is not None and run is not None and run.step.ballot == "secret"


def enter(tx: Tx) -> str | None:
    frame = tx.m.frames[-1]
    tx.update_state(attempt=frame.visits[tx.run.step.id])
    if tx.m.proposal is None:
        raise Refused(_(NO_PROPOSAL))
    if tx.run.step.in_turn:
        tx.update_state(order=tx.m.present)
        _next_in_turn(tx)
    return None


def _next_in_turn(tx: Tx, leaving: str | None = None) -> None:
    """`in_turn`: the floor goes to the next person in seating order with no stance yet;
    when everyone present has given one, nobody holds it."""
    state = tx.state(Stances)
    waiting = [n for n in state.order
               if n not in state.stances and tx.m.people[n].present and n != leaving]
    if waiting:
        give_floor(tx, waiting[0], "their turn in the round", tx.run.step.time_per_speaker)
    else:
        end_floor(tx)


def _in_turn(tx: Tx, name: str) -> None:
    """In a round of stances, only the person whose turn it is gives one."""
    floor = tx.m.floor
    if floor is not None and floor.name != name:
        raise Refused(_("Stances go round in turn here: it is {speaker}'s turn; {name} gives a "
                        "stance when the round reaches them.").format(speaker=floor.name,
                                                                      name=name))


def stance(tx: Tx, command: Command) -> None:
    run = tx.run
    if tx.m.proposal is None:
        raise Refused(_(NO_PROPOSAL))
    name, key = command.args[0], command.args[1]
    reason = command.args[2] if len(command.args) > 2 else None
    person = tx.m.people.get(name)
    if person is None or not person.present:
        raise Refused(_("{name} is not here; only people present give a stance.").format(
            name=name))
    if run.step.in_turn:
        _in_turn(tx, name)
    if secret(run):
        if tx.source != own_device(name):
            raise Refused(_("This is a secret ballot: stances come only from people's own "
                            "phones, so nobody else sees them."))
        if key == SEALED and tx.journaled is not None:
            tx.update_state(stances={**tx.state(Stances).stances, name: (SEALED, None)})
            tx.emit(BallotCast, name=name)
            return
    scale = scale_of(tx.m, run)
    option = scale.option(key)
    if option is None:
        raise Refused(_("`{key}` is not on the {scale} scale; use one of: {keys}.").format(
            key=key, scale=scale.id, keys=", ".join(scale.keys)))
    if option.reason == "required" and not reason:
        raise Refused(_("A stance of {label} needs a reason; add it in quotes: "
                        "stance {name} {key} \"...\".").format(
            label=current().text(option.label), name=name, key=key))
    if option.reason == "none" and reason:
        raise Refused(_("A stance of {label} takes no reason; choose an option that takes one "
                        "(such as reservations) to add it.").format(
            label=current().text(option.label)))
    tx.update_state(stances={**tx.state(Stances).stances, name: (key, reason)})
    if secret(run):
        tx.emit(BallotCast, name=name)
    else:
        tx.emit(StanceGiven, name=name, stance=key, reason=reason)
    if run.step.in_turn:
        _next_in_turn(tx)


def joined(tx: Tx, name: str) -> None:
    """`in_turn`: a latecomer is asked at the end of the round."""
    state = tx.state(Stances)
    if tx.run.step.in_turn and name not in state.order:
        tx.update_state(order=state.order + (name,))
        if tx.m.floor is None:
            _next_in_turn(tx)


def left(tx: Tx, name: str) -> None:
    """`in_turn`: whoever leaves on their turn hands it on."""
    if tx.run.step.in_turn and tx.m.floor is None:
        _next_in_turn(tx, leaving=name)


def counted_stances(m: Meeting, state: Stances) -> list[tuple[str, str, str | None]]:
    return [(name, key, reason) for name, (key, reason) in state.stances.items()
            if name in m.people and m.people[name].present]


def result(m: Meeting, run: Run) -> tuple[str, dict[str, int]]:
    """The outcome the test would have now, and its tally."""
    state = run.state
    assert isinstance(state, Stances)
    scale = scale_of(m, run)
    rule = run.step.rule
    stances = counted_stances(m, state)
    tally = {o.key: sum(1 for s in stances if s[1] == o.key) for o in scale.options}
    tally = {k: v for k, v in tally.items() if v}
    present = len(m.present)
    options = {o.key: o for o in scale.options}
    if present == 0 or Fraction(len(stances)) < rule.quorum * present:
        return "no_quorum", tally
    stances = [s for s in stances if s[1] in options]  # SEALED counts only for quorum
    if any(options[key].veto for _, key, _ in stances):
        return "blocked", tally
    stand_asides = tally.get("stand_aside", 0)
    if rule.max_stand_asides is not None and stand_asides > rule.max_stand_asides:
        return "failed", tally
    counted = [s for s in stances if options[s[1]].support is not None]
    support = sum(1 for s in counted if options[s[1]].support)
    if not counted or Fraction(support) < rule.threshold * len(counted):
        return "failed", tally
    return "passed", tally


def close_test(tx: Tx, outcome: str | None = None) -> str:
    """End the test: the entry for the minutes, and the outcome the step ends with."""
    run = tx.run
    state = tx.state(Stances)
    computed, tally = result(tx.m, run)
    if secret(run):
        computed, tally = _sealed_count(tx, computed, tally)
    outcome = outcome or computed
    frame = tx.m.frames[-1]
    if outcome != "passed":
        failures = frame.failures.get(run.step.id, 0) + 1
        tx.set_frame(evolve(frame, failures={**frame.failures, run.step.id: failures}))
        if run.step.attempts is not None and failures >= run.step.attempts:
            outcome = "exhausted"
    rule = run.step.rule
    entry: dict[str, Any] = {
        "step": run.step.id, "proposal": tx.m.proposal, "outcome": outcome,
        "attempt": state.attempt, "tally": tally, "scale": run.step.scale,
        "rule": {"quorum": str(rule.quorum), "threshold": str(rule.threshold),
                 "max_stand_asides": rule.max_stand_asides},
        "stances": [{"name": n, "stance": k, "reason": r}
                    for n, k, r in counted_stances(tx.m, state)],
    }
    if secret(run):
        entry.update(stances=[], secret=True,
                     voters=sorted(n for n, _, _ in counted_stances(tx.m, state)))
    tx.emit(TestEnded, index=tx.m.tests, **entry)
    tx.update(last_test={**entry, "index": tx.m.tests}, tests=tx.m.tests + 1)
    return outcome


def _sealed_count(tx: Tx, computed: str, tally: dict[str, int]) -> tuple[str, dict[str, int]]:
    """A secret ballot's outcome and count: live, from the stances in memory; on replay,
    from what the journal holds (the stances themselves were never written)."""
    if tx.journaled is not None:
        for event in tx.journaled:
            if event.get("type") == "TestEnded":
                return str(event["outcome"]), dict(event["tally"])
    sealed = [n for n, (key, _) in tx.state(Stances).stances.items() if key == SEALED]
    if sealed:
        raise Refused(_("The stances of {names} were given before the laptop stopped and, "
                        "being secret, were not kept; ask them to give them again from their "
                        "phones.").format(names=", ".join(sorted(sealed))))
    tally.pop(SEALED, None)
    return computed, tally


def advance(tx: Tx) -> str:
    if tx.m.proposal is None:
        raise Refused(_(NO_PROPOSAL))
    return close_test(tx)


def timeout(tx: Tx) -> str:
    return close_test(tx, "timeout")


def propose(tx: Tx) -> None:
    """A new proposal is refused while stances are being given on the current one."""
    if tx.state(Stances).stances:
        raise Refused(_("Stances are being given on the current proposal; `advance` or `skip` "
                        "the test before changing it."))


def _checks(step: Step, protocol: Protocol, library: Library) -> Iterable[Check]:
    if library.scale(step.scale) is None:
        yield (step.place("scale"), L_("Scale `{scale}` is not defined; use one of {scales}, "
                                       "or define it under `scales:`{hint}",
                                       scale=step.scale, scales=listing(library.scales),
                                       hint=suggest(step.scale, library.scales) or "."), False)
    if "blocked" not in step.on:
        at = protocol.route(protocol.index(step.id), "blocked")
        yield (step.where, L_("Step `{id}` has no route for `blocked`, so a block goes on to "
                              "`{next}`; add `blocked` under `on` to say where a block leads.",
                              id=step.id, next=at), True)


def _facts(step: Step) -> Iterable[str]:
    yield f"scale {step.scale}"
    if step.attempts is not None:
        yield current().ngettext("{n} attempt", "{n} attempts", step.attempts).format(
            n=step.attempts)


KIND = StepKind(
    name="decide",
    noun="test for agreement",
    summary="A test for agreement on the current proposal, with blocks and stand-asides.",
    outcomes=("passed", "blocked", "failed", "no_quorum", "exhausted"),
    keys={
        "scale": "A scale id, built-in or from `scales:` (default consensus).",
        "rule": "{quorum, threshold, max_stand_asides}: when the proposal passes.",
        "attempts": "The Nth unsuccessful visit ends with outcome `exhausted`.",
        "reveal": "together (stances hidden until all are in) or open.",
        "ballot": "secret: stances only from people's own phones; who chose what is never kept.",
        "in_turn": "true: each person in turn gives a stance, the floor going round (a round).",
        "time_per_speaker": "Soft per-person time limit in an `in_turn` round, like 1m.",
    },
    state=lambda step: Stances(),
    enter=enter,
    commands={"stance": stance},
    joined=joined,
    left=left,
    advance=advance,
    timeout=timeout,
    propose=propose,
    checks=_checks,
    facts=_facts,
)
