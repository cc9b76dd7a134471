"""Fuzz: protocol files, scripts and templates, mutated from the ones the project ships,
through the command line as a person would give them (issue 12, "What it must show").

Whatever the input: no traceback (no exception out of `main`), an exit code of 0, or of
1 (2 for arguments argparse refuses) with at least one sentence saying why. A fixed seed
makes every run try the same inputs in the same order; a time budget (BUDGET seconds)
bounds the run, so a slower machine tries a prefix of the same sequence.
"""

from __future__ import annotations

import io
import os
import random
import signal
import time
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.minutes import bounds

# Longer or other runs: FACILITATOR_FUZZ_SEED=7 FACILITATOR_FUZZ_SECONDS=600 pytest ...
SEED = int(os.environ.get("FACILITATOR_FUZZ_SEED", "12"))
BUDGET = float(os.environ.get("FACILITATOR_FUZZ_SECONDS", "6"))  # all three kinds together
HERE = Path(__file__).parent
ROOT = HERE.parent

# What broke before (issue 12), and what usually breaks parsers.
NASTY = [
    '"\\ud800"', "1e-99999999", "99999999999999w", "0x" + "9" * 10_000, "9" * 4_500,
    "99999999999999999h", "[" * 3_000, "{" * 200, "=?utf-8?q?Budget=0ABcc:_x@example.com?=",
    "\x1b]8;;http://x\x07", "\x1b[2J", "\u2028", "\x85", "\v", "\f", "\r", "\t", "\x00",
    "{role.presenter}", "{proposal}", "~~~", "1. item", "&amp;", "`", "'", '"', ": ", "- ",
    "? ", "!!python/object:os.system", "&a", "*a", "!!int x", "%YAML 1.1", "---", "...",
    "yes", "no", "on", "null", "~", "-1", "0", "2**64", "1/0", "nan", ".inf", "\ufeff",
    "{{", "}}", "{%", "%}", "{#", "{{ 'x' * 10**9 }}", "{{ range(10**6)|list }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{{ ''.__class__ }}", "{{ '{:>999999999}'.format(1) }}", "{{ 'x'|center(10**9) }}",
    "{% include 'x' %}", "{% extends 'x' %}", "{{ meeting.title }}", "{{ nothing }}",
    "{{ 10**100000 }}", "{{ '%999999999s' % 1 }}", "{{ '\\ud800' }}", "😀", "é", "\\",
]
TEMPLATES = [
    "# {{ meeting.title }}\n{% for d in decisions %}- {{ d.proposal }}: {{ d.outcome }}\n"
    "{% endfor %}Present: {{ attendance | map(attribute='name') | join(', ') }}\n",
    "{% for a in airtime %}{{ a.name }} {{ a.seconds | duration }} {{ a.share | percent }}\n"
    "{% endfor %}{{ meeting.duration_s | clock }}\n",
]


# Values that fit where a YAML value goes, so that the file still parses and the value
# reaches the code behind the parser.
VALUES = [
    '"\\ud800"', '"1e-99999999"', "99999999999999w", "0x" + "9" * 10_000, "9" * 4_500,
    "99999999999999999h", "[" * 3_000 + "]" * 3_000, '"=?utf-8?q?Budget=0ABcc:_x@example.com?="',
    '"\\e]8;;http://x\\a\\e[2J"', '"a\\u2028b\\x85c\\vd\\fe\\rf"', '"{role.presenter}"',
    '"~~~"', '"1. item"', '"&amp;"', "-1", "0", "1e308", ".nan", "null", "[]", "{}", "yes",
    '"2026-02-30"', "5", "Ana", "[Ana, Ana]", "{name: 5}", '"\\x00"', "999999999", "1/0",
]
# Commands with arguments that once broke something.
WORDS = ["Ana", "Ben", '"\\e[2J"', '"{role.presenter}"', "9" * 5_000, "²", "99999999999999999h",
         "2026-02-30", "99999-12-01", '"=?utf-8?q?x=0ABcc:_y?="', '"~~~"', "''", "-1", "0"]
VERBS = ["join", "leave", "role facilitator", "role presenter", "hand", "lower", "next", "done",
         "pass", "invite", "propose", "stance Ana", "collect Ana", "record note",
         "record action x", "record agreement", "record decision", "choose", "item", "defer",
         "move", "review", "extend", "pause", "resume", "advance", "skip", "back", "goto",
         "note", "undo", "start", "end", "wait"]
EXPRESSIONS = [
    "'x' * 10**9", "[1] * 10**9", "'x' | center(10**9)", "'x' | indent(10**9)",
    "'{:>999999999}'.format(1)", "'{:{w}}'.format(1, w=10**9)", "'%999999999s' % 1",
    "'%*s' % (9, 1)", "range(100000) | join('x' * 100000)", "10 ** 100000", "2 ** 64",
    "'\\ud800'", "meeting.title", "meeting.__class__", "attendance | length", "nothing",
    "decisions | map(attribute='proposal') | join(', ')", "meeting.duration_s | duration",
    "'x' * 100000", "lipsum(1000)", "range(10**6) | list | length", "cycler", "joiner()",
]
BODIES = [
    "{{ %s }}", "{%% for i in range(100000) %%}{%% for j in range(100000) %%}{%% endfor %%}"
    "{%% endfor %%}{{ %s }}", "{%% set ns = namespace(s='x' * 1000000) %%}{%% for i in "
    "range(40) %%}{%% set ns.s = ns.s ~ ns.s %%}{%% endfor %%}{{ %s }}",
    "{%% macro f(n) %%}{{ f(n + 1) }}{%% endmacro %%}{{ f(0) }}{{ %s }}",
    "{%% for a in attendance %%}{{ %s }}{%% endfor %%}", "{%% if %s %%}x{%% endif %%}",
]


def mutate(rng: random.Random, text: str, kind: str) -> str:
    """One to four edits of `text`. Most keep the file well formed (a YAML value
    replaced, a command line replaced, an expression put into a template), so that
    the input gets past the parser; the rest break it (tokens in, text out, lines
    doubled or dropped, characters flipped, the end cut off)."""
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        lines = text.split("\n")
        i = rng.randrange(len(lines))
        if choice < 0.35 and kind != "templates":
            keyed = [j for j, line in enumerate(lines) if ": " in line or "- " in line]
            i = rng.choice(keyed) if keyed else i
            head = lines[i].split(": ", 1)[0] if ": " in lines[i] else None
            if head is not None and not lines[i].lstrip().startswith("- "):
                lines[i] = f"{head}: {rng.choice(VALUES)}"
            elif lines[i].lstrip().startswith("- "):
                indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
                line = f"{rng.choice(VERBS)} {rng.choice(WORDS)}".replace("'", "''")
                lines[i] = f"{indent}- '{line}'"
            text = "\n".join(lines)
        elif choice < 0.6 and kind == "templates":
            body = rng.choice(BODIES) % rng.choice(EXPRESSIONS)
            text = text + body if rng.random() < 0.5 else body
        elif choice < 0.7:
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(NASTY) + text[at:]
        elif choice < 0.78:
            at = rng.randint(0, len(text))
            text = text[:at] + text[at + rng.randint(1, 20):]
        elif choice < 0.86:
            lines.insert(i, lines[i]) if rng.random() < 0.5 else lines.pop(i)
            text = "\n".join(lines)
        elif choice < 0.95 and text:
            at = rng.randrange(len(text))
            text = text[:at] + chr(rng.choice([0, 9, 10, 13, 27, 32, 34, 35, 39, 45, 58, 91,
                                               93, 123, 125, 0x85, 0x2028, 0xFFFF,
                                               rng.randrange(32, 0x3000)])) + text[at + 1:]
        else:
            text = text[:rng.randint(0, len(text))]
    return text


HANG = 10.0  # seconds of CPU for one command: a hang is a failure, not a stuck suite


class Hang(BaseException):
    """Raised by the CPU timer (SIGVTALRM: not the SIGALRM the template limit uses)."""


def _hang(signum: int, frame: object) -> None:
    raise Hang(f"still running after {HANG:g} s of CPU")


def run(words: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGVTALRM, _hang)
    signal.setitimer(signal.ITIMER_VIRTUAL, HANG)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(words)
            except SystemExit as stop:  # argparse
                code = int(stop.code or 0)
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
    return code, out.getvalue(), err.getvalue()


def check(words: list[str], case: str, failures: list[str]) -> None:
    try:
        code, out, err = run(words)
    except BaseException as error:  # noqa: BLE001 -- a traceback is what this test looks for
        if isinstance(error, KeyboardInterrupt):
            raise
        failures.append(f"{case}: {type(error).__name__}: {error}\n"
                        + "".join(traceback.format_exception(error))[-1500:])
        return
    said = [line for line in (err + out).splitlines() if line.strip()]
    if "Traceback" in err:
        failures.append(f"{case}: a traceback on stderr:\n{err[-1500:]}")
    elif code not in (0, 1, 2):
        failures.append(f"{case}: exit code {code}")
    elif code and not any(line.rstrip().endswith((".", "?", ")", "`")) for line in said):
        failures.append(f"{case}: exit code {code} with no sentence: {said[-3:]!r}")


def write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


@pytest.fixture
def corpus() -> dict[str, list[str]]:
    scripts = sorted((HERE / "library" / "scripts").glob("*.yaml"))
    return {
        "protocols": [(ROOT / "protocols.yaml").read_text(encoding="utf-8"),
                      (HERE / "minutes" / "everything.protocols.yaml").read_text("utf-8")],
        "scripts": [p.read_text(encoding="utf-8") for p in scripts],
        "templates": TEMPLATES,
    }


def test_no_input_gives_a_traceback(tmp_path: Path, corpus: dict[str, list[str]],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Mutated protocol files (`validate`, `show`, `simulate` with them), scripts
    (`simulate`) and templates (`simulate --template`): never a traceback."""
    monkeypatch.setattr(bounds, "MAX_SECONDS", 0.3)  # a looping template stops soon
    monkeypatch.setenv("FACILITATOR_GROUP", str(tmp_path / "default-group"))
    rng = random.Random(SEED)
    base_script = tmp_path / "base.yaml"
    write(base_script, (HERE / "library" / "scripts" / "quick-decision.yaml").read_text())
    tried = {"protocols": 0, "scripts": 0, "templates": 0}
    failures: list[str] = []
    deadline = time.monotonic() + BUDGET
    n = 0
    while time.monotonic() < deadline:
        n += 1
        kind = ("protocols", "scripts", "templates")[n % 3]
        source = rng.choice(corpus[kind])
        text = mutate(rng, source, kind)
        path = tmp_path / f"{kind}-{n}.{'md.j2' if kind == 'templates' else 'yaml'}"
        write(path, text)
        case = f"{kind} #{n} (seed {SEED})"
        if kind == "protocols":
            check(["validate", str(path)], case + " validate", failures)
            check(["simulate", str(base_script), "--protocols", str(path), "--format", "md"],
                  case + " simulate", failures)
            check(["show", "quick-decision", "--protocols", str(path)], case + " show",
                  failures)
        elif kind == "scripts":
            group = str(tmp_path / f"g{n % 5}")
            fmt = rng.choice(["json", "md", "txt", "html", "eml"])
            check(["simulate", str(path), "--group", group, "--format", fmt], case, failures)
        else:
            fmt = rng.choice(["md", "txt", "html"])
            check(["simulate", str(base_script), "--format", fmt, "--template", str(path)],
                  case, failures)
        tried[kind] += 1
    total = sum(tried.values())
    print(f"\nfuzz: {total} inputs tried ({tried}), {len(failures)} failures")
    assert total >= 10, f"only {total} inputs in {BUDGET} s"  # a slow machine tries fewer
    assert not failures, f"{len(failures)} of {total} inputs failed:\n\n" + "\n\n".join(
        failures[:5])
