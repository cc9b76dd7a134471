"""Protocols described for people: a plain-text outline and a Mermaid flowchart.

Rules: both read only the model and show the same routes (`routes`); they never fail on
a protocol that `validate` accepted.
"""

from __future__ import annotations

from facilitator.protocols.model import END, Protocol, Step
from facilitator.protocols.schema import KIND_OUTCOMES
from facilitator.protocols.values import format_duration


def routes(protocol: Protocol, index: int) -> list[tuple[str, str]]:
    """(outcome, target) pairs of a step: its `on` and `options`, then where the rest go."""
    step = protocol.steps[index]
    pairs = list(step.options.items()) + list(step.on.items())
    outcomes = KIND_OUTCOMES.get(step.kind)
    fallthrough = protocol.route(index, "\0")
    if outcomes == ("done",) and "done" not in step.on:
        pairs.append(("done", fallthrough))
    elif outcomes is None or not set(outcomes) <= set(step.on):
        pairs.append(("otherwise" if pairs else "done", fallthrough))
    return pairs


def _facts(step: Step) -> list[str]:
    facts = [step.kind]
    if step.time is not None:
        facts.append(format_duration(step.time) + (" hard" if step.hard else ""))
    if step.kind == "decide":
        facts.append(f"scale {step.scale}")
        if step.attempts is not None:
            facts.append(f"{step.attempts} attempts")
    elif step.kind == "record":
        facts.append(step.type)
    elif step.kind == "turn" and step.speaker:
        facts.append(f"speaker {step.speaker}")
    elif step.kind == "use" and step.protocol:
        facts.append(f"protocol {step.protocol}")
    elif step.kind == "round":
        facts.append(f"order {step.order}")
    elif step.kind == "discussion":
        facts.append(f"policy {step.policy}")
    if step.every is not None:
        facts.append(f"every {step.every} meetings")
    return facts


def outline(protocol: Protocol) -> str:
    """Readable text: the protocol, then each step with its kind, time and routes."""
    lines = [f"{protocol.title} ({protocol.id})"]
    if protocol.summary:
        lines.append(protocol.summary)
    if protocol.roles:
        lines.append("Roles: " + ", ".join(protocol.roles))
    if protocol.confidential:
        lines.append("Confidential: nothing said reaches the minutes except public records.")
    lines.append("")
    for i, step in enumerate(protocol.steps):
        lines.append(f"{i + 1}. {step.display_title} [{', '.join(_facts(step))}] ({step.id})")
        if step.prompt:
            lines.append(f"     prompt: {step.prompt}")
        if step.kind == "agenda":
            items = step.items
            listed = "asked live" if items is None else "; ".join(
                f"{item.title} ({item.protocol or step.default_protocol})" for item in items)
            lines.append(f"     items: {listed}")
        for outcome, target in routes(protocol, i):
            lines.append(f"     {outcome} -> {target}")
    return "\n".join(lines) + "\n"


def _label(text: str) -> str:
    # Mermaid's entity codes keep quotes and angle brackets from ending the label.
    return (text.replace("#", "#35;").replace('"', "#quot;")
            .replace("<", "#lt;").replace(">", "#gt;"))


def mermaid(protocol: Protocol) -> str:
    """A `flowchart TD` of the protocol to paste into Markdown."""
    node = {step.id: f"s{i}" for i, step in reversed(list(enumerate(protocol.steps)))}
    node[END] = "finish"
    lines = ["flowchart TD", '    start(["Start"])']
    for i, step in enumerate(protocol.steps):
        lines.append(f'    s{i}["{_label(step.display_title)}<br/>{_label(step.kind)}"]')
    lines.append('    finish(["End"])')
    if protocol.steps:
        lines.append("    start --> s0")
    for i in range(len(protocol.steps)):
        grouped: dict[str, list[str]] = {}
        for outcome, target in routes(protocol, i):
            grouped.setdefault(target, []).append(outcome)
        for target, outcomes in grouped.items():
            if target in node:
                label = _label(", ".join(outcomes))
                lines.append(f'    s{i} -->|"{label}"| {node[target]}')
    return "\n".join(lines) + "\n"
