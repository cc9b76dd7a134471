"""What a phone is shown: what the projector shows (`ui.view`, the same functions) and its
own person's airtime, stack place and choices, in the phone's language.

The caller speaks the phone's language while these run (`ui.speaking`): every sentence
comes through the catalog; names, proposals and what people typed are as typed.
"""

from __future__ import annotations

import json
from typing import Any

from facilitator.engine.state import Meeting
from facilitator.engine.steps.decide import scale_of, secret, stances_of
from facilitator.engine.steps.discussion import stack_of
from facilitator.engine.steps.round import round_of
from facilitator.i18n import current
from facilitator.ui import view
from facilitator.ui.kinds import engine_words


def dumps(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"))


def projector(m: Meeting, now: float | None = None) -> dict[str, Any]:
    """What `facilitator display` shows, as data (`held_s` as of `now`, if given)."""
    floor = m.floor
    board = view.stance_board(m)
    state: dict[str, Any] = {
        "where": view.header(m), "prompt": view.prompt(m), "ended": m.ended,
        "paused": m.paused_since is not None,
        "floor": None if floor is None else {
            "name": floor.name,
            "held_s": round(m.active(now) - floor.since, 1) if now is not None else 0.0,
            "limit_s": floor.limit, "reason": engine_words(floor.reason, m)},
        "stack": [{"name": n, "why": engine_words(why, m)} for n, why in view.stack(m)],
        "round": view.round_queue(m),
        "stances": None,
    }
    if board is not None:
        state["stances"] = {
            "proposal": board.proposal, "given": board.given, "expected": board.expected,
            "hidden": board.hidden,
            "rows": [] if board.hidden else [
                {"key": k, "label": label, "count": c, "names": names}
                for k, label, c, names in board.rows]}
    return state


def own(m: Meeting, now: float, name: str, spoken: float | None = None,
        stack: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """One person's own view: their airtime and place, and what they can do now (as
    `view.people` counts it, for one person)."""
    floor = m.floor
    running = m.active(now) - floor.since if floor is not None else 0.0
    mine = m.speech(name).airtime + (running if floor and floor.name == name else 0.0)
    total = (view.spoken(m) if spoken is None else spoken) + running
    run = m.run
    me: dict[str, Any] = {
        "name": name, "airtime_s": round(mine), "turns": m.speech(name).turns,
        "share": round(mine / total, 3) if total else 0.0, "total_s": round(total, 1),
        "on_stack": None, "can_hand": stack_of(run) is not None,
        "can_pass": False, "collect": None, "ballot": None,
    }
    places = [h["name"] for h in (stack if stack is not None else projector(m)["stack"])]
    if name in places:
        me["on_stack"] = places.index(name) + 1
    state = round_of(run)
    if run is not None and state is not None:
        floor = m.floor
        me["can_pass"] = bool(run.step.allow_pass and floor and floor.name == name)
        field = run.step.collect
        if field is not None:
            me["collect"] = {"field": current().text(field.field), "choices": field.choices,
                             "given": state.collected.get(name), "private": run.step.private}
    stances = stances_of(run)
    if run is not None and stances is not None and m.proposal is not None:
        scale = scale_of(m, run)
        given = stances.stances.get(name)
        me["ballot"] = {
            "proposal": m.proposal, "secret": secret(run),
            "options": [{"key": o.key, "label": current().text(o.label), "reason": o.reason}
                        for o in scale.options],
            "given": given[0] if given else None}
    return me
