"""Every problem in a protocol file comes as `FILE:LINE:COL: sentence`, all in one run.

Positions are asserted against where the offending text sits in the test's own YAML
(`at(text, token)`), so a test fails if a problem points anywhere else.
"""

from __future__ import annotations

from protocol_helpers import at, lines, one, problems

KINDS = "round, discussion, turn, decide, record, choose, agenda, use, review, pause"


def protocol(steps: str, extra: str = "") -> str:
    """A file with one protocol `p` whose steps are `steps` (indented list lines)."""
    return f"version: 1\n{extra}protocols:\n  p:\n    title: P\n    steps:\n{steps}"


def test_unknown_kind_lists_the_kinds() -> None:
    text = protocol("      - {id: a, kind: discusion}\n")
    assert one(text) == (f"{at(text, 'discusion')} `discusion` is not a step kind; use one of "
                         f"{KINDS}; did you mean `discussion`?")


def test_bad_duration() -> None:
    text = protocol("      - {id: a, kind: pause, time: 10 minutes}\n")
    assert one(text) == (f"{at(text, '10 minutes')} `time`: `10 minutes` is not a duration; "
                         "write it like `45s`, `2m`, `1m30s` or `1h15m`.")


def test_days_are_not_a_step_duration() -> None:
    text = protocol("      - {id: a, kind: pause, time: 2d}\n")
    assert one(text).startswith(f"{at(text, '2d')} `time`: `2d` uses days or weeks")


def test_bad_fraction() -> None:
    text = protocol("      - {id: a, kind: decide, rule: {quorum: two thirds}, on: {blocked: end}}\n")
    assert one(text) == (f"{at(text, 'two thirds')} `quorum`: `two thirds` is not a fraction; "
                         "write it like `2/3`, `0.75` or `75%`.")


def test_unknown_step_in_next_on_and_options() -> None:
    text = protocol(
        "      - {id: a, kind: pause, next: write-upp}\n"
        "      - {id: b, kind: pause, on: {done: nowhere}}\n"
        "      - {id: write-up, kind: choose, options: {again: a, stop: ned}}\n"
    )
    assert lines(text) == [
        (f"{at(text, 'write-upp')} `write-upp` is not a step of protocol `p`; use one of a, b, "
        "write-up, or `end`; did you mean `write-up`?"),
        (f"{at(text, 'nowhere')} `nowhere` is not a step of protocol `p`; use one of a, b, "
        "write-up, or `end`."),
        (f"{at(text, 'ned')} `ned` is not a step of protocol `p`; use one of a, b, write-up, or "
        "`end`."),
    ]


def test_duplicate_step_id() -> None:
    text = protocol("      - {id: a, kind: pause}\n      - {id: a, kind: review}\n")
    assert one(text) == (f"{at(text, 'a, kind: review')} Step id `a` is used twice in protocol `p` "
                         "(first on line 6); give each step its own id.")


def test_undeclared_roles() -> None:
    """A turn's speaker, a role's `not` list and `{role.NAME}` placeholders name roles."""
    text = (
        "version: 1\nprotocols:\n  p:\n    title: P\n"
        "    roles:\n      mediator: {not: [party]}\n      party_a: {}\n"
        "    steps:\n"
        "      - {id: a, kind: turn, speaker: presenter}\n"
        "      - {id: b, kind: turn, speaker: choose, prompt: 'Over to {role.party_b}'}\n"
        "      - {id: c, kind: turn, speaker: notetaker, title: '{role.facilitator} sums up'}\n"
    )
    assert lines(text) == [
        (f"{at(text, 'party]')} The role `party` is not a role of protocol `p`; declare it "
        "under `roles:` (`party: {}`); did you mean `party_a`?"),
        (f"{at(text, 'presenter')} The speaker `presenter` is not a role of protocol `p`; "
        "declare it under `roles:` (`presenter: {}`)."),
        (f"{at(text, chr(39) + 'Over')} `party_b` in `{{role.party_b}}` is not a role of "
        "protocol `p`; declare it under `roles:` (`party_b: {}`); did you mean `party_a`?"),
    ]


def test_unknown_scale() -> None:
    text = protocol("      - {id: a, kind: decide, scale: consensu, on: {blocked: end}}\n")
    assert one(text, include_builtin=False) == (f"{at(text, 'consensu')} Scale `consensu` is not defined; use one of "
                         "consensus, consent, fist-to-five, gradients, vote, or define it "
                         "under `scales:`; did you mean `consensus`?")


def test_use_recursion_names_the_cycle() -> None:
    text = (
        "version: 1\nprotocols:\n"
        "  a: {title: A, steps: [{id: s, kind: use, protocol: b}]}\n"
        "  b: {title: B, steps: [{id: s, kind: agenda, items: [{title: T, protocol: c}]}]}\n"
        "  c: {title: C, steps: [{id: s, kind: use, protocol: a}]}\n"
        "  d: {title: D, steps: [{id: s, kind: agenda, items: ask, default_protocol: d}]}\n"
    )
    assert lines(text) == [
        (f"{at(text, 'a}]')} Protocol `a` runs itself through a -> b -> c -> a; a protocol "
        "cannot use itself, directly or through others. Break the cycle."),
        (f"{at(text, 'd}]')} Protocol `d` runs itself through d -> d; a protocol cannot use "
        "itself, directly or through others. Break the cycle."),
    ]


def test_unknown_protocol_in_use_agenda_items_and_default_protocol() -> None:
    text = protocol(
        "      - {id: a, kind: use, protocol: quick-decisoin}\n"
        "      - {id: b, kind: agenda, items: [{title: T, protocol: nope}], default_protocol: x}\n"
        "      - {id: c, kind: agenda, default_protocol: talk}\n"
    )
    found = lines(text)
    assert [line.split(" Protocol ")[0] for line in found] == [
        at(text, "quick-decisoin"), at(text, "nope"), at(text, "x}"), at(text, "talk")]
    assert found[0].endswith("or define it under `protocols:`; did you mean `quick-decision`?")
    assert "Protocol `talk` is not in the library; use one of " in found[3]


def test_unknown_keys_suggest_the_closest() -> None:
    text = ("version: 1\nprotocol: {}\nprotocols:\n  p:\n    titel: P\n    steps:\n"
            "      - {id: a, kind: decide, scal: vote, rule: {treshold: 1}, bogus: 1, "
            "on: {blocked: end}}\n")
    assert lines(text) == [
        (f"{at(text, 'protocol:')} `protocol` is not a key of a protocol file; did you mean "
        "`protocols`?"),
        f"{at(text, 'p:')} Protocol `p` has no `title`; add it.",
        f"{at(text, 'titel')} `titel` is not a key of a protocol; did you mean `title`?",
        f"{at(text, 'scal:')} `scal` is not a key of a decide step; did you mean `scale`?",
        f"{at(text, 'treshold')} `treshold` is not a key of a rule; did you mean `threshold`?",
        (f"{at(text, 'bogus')} `bogus` is not a key of a decide step; remove it (known keys: "
        "id, kind, title, prompt, time, hard, next, on, max_visits, every, confidential, "
        "scale, rule, attempts, reveal, ballot, in_turn, time_per_speaker)."),
    ]


def test_keys_of_another_kind() -> None:
    text = protocol("      - {id: a, kind: discussion, speaker: presenter, think: 1m}\n")
    assert lines(text) == [
        (f"{at(text, 'speaker')} `speaker` belongs to a turn step, not to a discussion step; "
        "remove it or change the kind."),
        (f"{at(text, 'think')} `think` belongs to a round step, not to a discussion step; "
        "remove it or change the kind."),
    ]


def test_missing_required_keys() -> None:
    text = ("version: 1\nprotocols:\n  p:\n    summary: S\n  q:\n    title: Q\n    steps:\n"
            "      - {kind: pause}\n      - {id: b}\n      - {id: c, kind: use}\n")
    assert lines(text) == [
        f"{at(text, 'p:')} Protocol `p` has no `title`; add it.",
        f"{at(text, 'p:')} Protocol `p` has no `steps`; add it.",
        f"{at(text, '{kind')} Step 1 of protocol `q` has no `id`; add it.",
        f"{at(text, '{id: b')} Step `b` has no `kind`; add one of {KINDS}.",
        f"{at(text, '{id: c')} Step `c` has no `protocol`; add it.",
    ]


def test_missing_and_unsupported_version() -> None:
    assert one("protocols: {}\n") == ("p.yaml:1:1: The file has no `version`; add `version: 1` "
                                      "at the top.")
    assert one("protocols: {}\nversion: 2\n") == (
        "p.yaml:2:10: Version `2` is not supported; this facilitator reads `version: 1`.")
    assert one("version: '1'\nprotocols: {}\n").startswith("p.yaml:1:10: Version `1` is not")


def test_bad_ids() -> None:
    text = ("version: 1\nscales:\n  Mine: [{key: Ok}]\nprotocols:\n  P_1:\n    title: P\n"
            "    roles: {Chair: {}}\n    steps:\n      - {id: 1st, kind: pause}\n")
    rule = "use lower-case letters, digits, `-` and `_`, starting with a letter."
    assert lines(text) == [
        f"{at(text, 'Mine')} `Mine` is not a valid scale id; {rule}",
        (f"{at(text, 'Ok')} `Ok` is not a valid scale key; use lower-case letters, digits, `-` "
        "and `_`."),
        f"{at(text, 'P_1')} `P_1` is not a valid protocol id; {rule}",
        f"{at(text, 'Chair')} `Chair` is not a valid role id; {rule}",
        f"{at(text, '1st')} `1st` is not a valid step id; {rule}",
    ]


def test_scale_keys_may_start_with_a_digit() -> None:
    assert problems("version: 1\nprotocols: {}\nscales:\n  five: [{key: 0}, {key: 5a}]\n") == []


def test_yaml_syntax_errors_carry_their_position() -> None:
    text = "version: 1\nprotocols:\n  p: {title: P, steps: [}\n"
    found = one(text)
    assert found.startswith(f"{at(text, '}')} This is not valid YAML: ")
    assert found.endswith("; fix the syntax here.")
    assert one("version: 1\nversion: 1\n") == ("p.yaml:2:1: `version` appears twice in the same "
                                               "mapping; keep one.")


def test_wrong_types() -> None:
    text = protocol(
        "      - id: a\n        kind: round\n        time: [1m]\n        allow_pass: yes\n"
        "        every: two\n        collect: {capacity: 3}\n        title: {x: 1}\n",
        extra="scales:\n  s: {key: a}\n",
    )
    assert lines(text) == [
        f"{at(text, '{key')} Scale `s` must be a list (`- item` lines), not a mapping.",
        f"{at(text, '[1m]')} `time` must be a duration like `2m` or `1m30s`, not a list.",
        f"{at(text, 'yes')} `allow_pass` must be `true` or `false`, not the text `yes`.",
        f"{at(text, 'two')} `every` must be a whole number from 1 to 1,000,000, not the text `two`.",
        (f"{at(text, '3}')} `capacity` must be `text` or a list of choices like "
        "`[green, yellow, red]`, not the number `3`."),
        f"{at(text, '{x: 1}')} `title` must be text, not a mapping.",
    ]


def test_on_keys_must_be_outcomes_of_the_kind() -> None:
    text = protocol(
        "      - {id: a, kind: round, on: {done: b, passed: b}}\n"
        "      - {id: b, kind: decide, on: {passd: a, blocked: a, no_quorum: a}}\n"
        "      - {id: c, kind: choose, options: {more: a, stop: end}, on: {more: a, less: a}}\n"
        "      - {id: d, kind: use, protocol: quick-decision, on: {anything: a}}\n"
        "      - {id: e, kind: pause, on: {timeout: a, skipped: a, exhausted: a}}\n"
    )
    assert lines(text) == [
        (f"{at(text, 'passed')} `passed` is not an outcome of a round step; use one of done, "
        "timeout, exhausted, skipped."),
        (f"{at(text, 'passd')} `passd` is not an outcome of a decide step; use one of passed, "
        "blocked, failed, no_quorum, exhausted, timeout, skipped; did you mean `passed`?"),
        (f"{at(text, 'less')} `less` is not an outcome of a choose step; use one of more, stop, "
        "timeout, exhausted, skipped."),
        (f"{at(text, 'timeout')} warning: Step `e` never ends with `timeout` because it is not "
        "`hard: true`; add `hard: true` or remove this route."),
    ]


def test_warnings_for_unreachable_steps_and_unrouted_blocks() -> None:
    """Warnings are Problems with warning=True; the file is still usable."""
    text = protocol(
        "      - {id: a, kind: decide}\n"
        "      - {id: b, kind: record, type: decision, next: end}\n"
        "      - {id: orphan, kind: pause}\n"
    )
    found = problems(text)
    assert all(p.warning for p in found)
    assert [str(p) for p in found] == [
        (f"{at(text, '{id: a')} warning: Step `a` has no route for `blocked`, so a block goes "
        "on to `b`; add `blocked` under `on` to say where a block leads."),
        (f"{at(text, '{id: orphan')} warning: Step `orphan` of protocol `p` cannot be reached "
        "from the first step; route to it with `next` or `on`, or remove it."),
    ]


def test_every_problem_of_a_file_comes_in_one_run() -> None:
    """Problems of every class, from shape to semantics, in file order."""
    text = (
        "version: 1\nprotocols:\n  p:\n    title: P\n    steps:\n"
        "      - {id: a, kind: nap}\n"
        "      - {id: b, kind: pause, time: soon, next: c}\n"
        "      - {id: b, kind: turn, speaker: boss}\n"
        "      - {id: d, kind: decide, scale: nope, on: {blocked: end}}\n"
    )
    found = lines(text)
    assert [line.split(" ")[0] for line in found] == [
        at(text, "nap"), at(text, "soon"), at(text, "c}"), at(text, "b", 1),
        at(text, "boss"), at(text, "nope")]
