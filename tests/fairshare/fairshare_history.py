"""Build a group's history the way a live group does: one scripted meeting at a time."""

from __future__ import annotations

import json
import shlex
from functools import cache

from facilitator.protocols.loader import build_library, builtin_source
from facilitator.protocols.model import Library
from facilitator.script import load_script, run_script
from facilitator.store.group import Group


@cache
def builtin() -> tuple[Library, tuple[tuple[str, str], ...]]:
    sources = (builtin_source(),)
    library, problems = build_library(list(sources), include_builtin=False)
    assert [p for p in problems if not p.warning] == []
    return library, sources


def meeting(group: Group, people: list[str], roles: dict[str, str],
            actions: tuple[tuple[str, str], ...] = (),
            talk: dict[str, int] | None = None) -> dict:
    """Run one quick-decision meeting into `group`: who came, the roles, the actions given
    (what, owner) and minutes of talk per person (default: the first person, one minute).
    The last person present presents the proposal (a role that is not a chore)."""
    talk = talk or {people[0]: 1}
    commands = ['propose "Paint the shed"', "start"]
    commands += [f"hand {shlex.quote(n)}" for n in talk]
    for minutes in talk.values():
        commands += ["next", f"wait {minutes}m"]
    commands += ["done"]
    commands += [f"record action {shlex.quote(what)} {shlex.quote(owner)}"
                 for what, owner in actions]
    commands += ["advance", *(f"stance {shlex.quote(n)} agree" for n in people),
                 "advance", "advance", "end"]
    script = {"protocol": "quick-decision", "title": "Weekly", "participants": people,
              "roles": {"presenter": people[-1], **roles}, "commands": commands}
    number = len(group.meetings()) + 1
    path = group.path.parent / f"meeting-{group.path.name}-{number}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(script), encoding="utf-8")  # JSON is YAML
    library, sources = builtin()
    live = run_script(load_script(path), library, list(sources), group)
    assert live.meeting.ended
    return live.finish()
