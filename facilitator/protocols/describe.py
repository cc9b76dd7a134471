"""Protocols described for people: a plain-text outline and a Mermaid flowchart.

Rules: both read only the model and show the same routes (`routes`); they never fail on
a protocol that `validate` accepted. Both speak the language of the translator given
(default: the current one): its own words from the catalog, the author's texts in that
language; ids, keys and outcomes stay as they are written in the file.
"""

from __future__ import annotations

from facilitator.engine.steps import KINDS
from facilitator.i18n import Translator, current
from facilitator.protocols.model import END, Protocol, Step
from facilitator.protocols.values import format_duration


def routes(protocol: Protocol, index: int) -> list[tuple[str, str]]:
    """(outcome, target) pairs of a step: its `on` and `options`, then where the rest go."""
    step = protocol.steps[index]
    pairs = list(step.options.items()) + list(step.on.items())
    kind = KINDS.get(step.kind)
    outcomes = kind.outcomes or None if kind else None  # choose and use: their own labels
    fallthrough = protocol.route(index, "\0")
    if outcomes == ("done",) and "done" not in step.on:
        pairs.append(("done", fallthrough))
    elif outcomes is None or not set(outcomes) <= set(step.on):
        pairs.append(("otherwise" if pairs else "done", fallthrough))
    return pairs


def _facts(step: Step, t: Translator) -> list[str]:
    facts = [step.kind]
    if step.time is not None:
        facts.append(format_duration(step.time) + (" " + t.gettext("hard") if step.hard else ""))
    kind = KINDS.get(step.kind)
    if kind is not None:
        facts += kind.facts(step)
    if step.every is not None:
        facts.append(t.ngettext("every {n} meeting", "every {n} meetings", step.every).format(
            n=step.every))
    return facts


def outline(protocol: Protocol, t: Translator | None = None) -> str:
    """Readable text: the protocol, then each step with its kind, time and routes."""
    t = t or current()
    _ = t.gettext
    lines = [f"{t.text(protocol.title)} ({protocol.id})"]
    if protocol.summary:
        lines.append(t.text(protocol.summary))
    if protocol.roles:
        lines.append(_("Roles: {roles}").format(roles=", ".join(protocol.roles)))
    if protocol.confidential:
        lines.append(_("Confidential: nothing said reaches the minutes except public records."))
    lines.append("")
    for i, step in enumerate(protocol.steps):
        lines.append(f"{i + 1}. {t.text(step.title) if step.title else step.display_title} "
                     f"[{', '.join(_facts(step, t))}] ({step.id})")
        if step.prompt:
            lines.append("     " + _("prompt: {text}").format(text=t.text(step.prompt)))
        kind = KINDS.get(step.kind)
        if kind is not None:
            lines += [f"     {line}" for line in kind.details(step)]
        for outcome, target in routes(protocol, i):
            said = _("otherwise") if outcome == "otherwise" else outcome
            lines.append(f"     {said} -> {target}")
    return "\n".join(lines) + "\n"


def _label(text: str) -> str:
    # Mermaid's entity codes keep quotes and angle brackets from ending the label.
    return (text.replace("#", "#35;").replace('"', "#quot;")
            .replace("<", "#lt;").replace(">", "#gt;"))


def mermaid(protocol: Protocol, t: Translator | None = None) -> str:
    """A `flowchart TD` of the protocol to paste into Markdown."""
    t = t or current()
    node = {step.id: f"s{i}" for i, step in reversed(list(enumerate(protocol.steps)))}
    node[END] = "finish"
    start, finish = _label(t.gettext("Start")), _label(t.gettext("End"))
    lines = ["flowchart TD", f'    start(["{start}"])']
    for i, step in enumerate(protocol.steps):
        title = t.text(step.title) if step.title else step.display_title
        lines.append(f'    s{i}["{_label(title)}<br/>{_label(step.kind)}"]')
    lines.append(f'    finish(["{finish}"])')
    if protocol.steps:
        lines.append("    start --> s0")
    for i in range(len(protocol.steps)):
        grouped: dict[str, list[str]] = {}
        for outcome, target in routes(protocol, i):
            grouped.setdefault(target, []).append(
                t.gettext("otherwise") if outcome == "otherwise" else outcome)
        for target, outcomes in grouped.items():
            if target in node:
                label = _label(", ".join(outcomes))
                lines.append(f'    s{i} -->|"{label}"| {node[target]}')
    return "\n".join(lines) + "\n"
