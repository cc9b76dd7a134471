"""How much one durable Journal.append costs, against a bare write+fsync measured in the
same run, as a meeting's journal and the group grow. Also: opening a group of 500 meetings.

Bars: an append within 3x of the bare write+fsync, and flat (no worse at 100,000 events
than at 100); Group(...).meetings() plus unfinished_meetings() under 0.5 s at 500 meetings.

Run: python benchmarks/bench_journal.py [--appends 300]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from facilitator.store.group import Group
from facilitator.store.journal import Journal
from facilitator.store.journal_lines import encode


def entry(seq: int) -> dict:
    """A typical accepted command: a few events."""
    return {
        "seq": seq,
        "at": seq * 2.5,
        "command": f'hand "Ana María" clarify #{seq}',
        "events": [
            {"type": "HandRaised", "name": "Ana María", "kind": "clarify", "at": seq * 2.5},
            {"type": "StackChanged", "stack": ["Ana María", "Ben", "Cy"]},
        ],
    }


def header(meeting_id: str, created_at: str = "2026-03-01T19:00:00") -> dict:
    return {
        "meeting": {
            "id": meeting_id,
            "title": "Bench",
            "protocol": "consensus",
            "created_at": created_at,
        },
        "setup": {"participants": ["Ana", "Ben"]},
    }


def measure(path: Path, bare_path: Path, count: int) -> tuple[list[float], list[float], float]:
    """Open the journal, then alternate: one bare write+fsync of a pre-encoded JSON line on
    a raw file (the baseline), one durable Journal.append. Interleaving makes a busy disk
    or a file-system commit hit both alike. Returns both timings and the open time."""
    start = time.perf_counter()
    journal, contents = Journal.open(path)
    opened = time.perf_counter() - start
    fd = os.open(bare_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    line = encode(entry(1))
    seq = len(contents.entries)
    bare, appended = [], []
    for _ in range(count):
        start = time.perf_counter()
        os.write(fd, line)
        os.fsync(fd)
        bare.append(time.perf_counter() - start)
        seq += 1
        item = entry(seq)
        start = time.perf_counter()
        journal.append(item)
        appended.append(time.perf_counter() - start)
    os.close(fd)
    journal.close()
    return bare, appended, opened


def prefill(path: Path, events: int) -> None:
    """A journal already holding `events` entries, written plainly and fsynced once."""
    created = "2027-01-01T19:00:00" if path.stem == "fresh" else "2026-03-01T19:00:00"
    lines = [encode({"journal": 1, **header(path.stem, created)})]
    lines += [encode(entry(seq)) for seq in range(1, events + 1)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(b"".join(lines))
        handle.flush()
        os.fsync(handle.fileno())  # set-up: the measured appends should not pay for it


def minutes(number: int) -> dict:
    day = f"2026-{1 + number // 28 % 12:02d}-{1 + number % 28:02d}"
    people = [{"name": n, "pronouns": None} for n in ("Ana", "Ben", "Cy", f"P{number % 40}")]
    return {
        "meeting": {
            "id": f"m{number:04d}",
            "title": f"Meeting {number}",
            "protocol": "consensus",
            "started_at": f"{day}T19:00:00",
            "ended_at": f"{day}T20:30:00",
            "duration_s": 5400,
        },
        "attendance": people,
        "roles": {"facilitator": "Ana", "notetaker": "Ben"},
        "steps": [{"protocol": "consensus", "step": "s", "kind": "discussion"}] * 6,
        "decisions": [
            {
                "step": "test",
                "proposal": f"Proposal {number}",
                "outcome": "passed",
                "attempt": 1,
                "tally": {"agree": 4},
                "stances": [],
            }
        ],
        "actions": [{"what": f"Task {number}", "owner": "Cy", "due": None}],
        "agreements": [],
        "notes": [{"text": "A note", "at_s": 60}],
        "airtime": [{"name": p["name"], "seconds": 300, "turns": 3, "share": 0.25} for p in people],
        "overrides": [],
        "deferred": [{"title": "Budget", "protocol": "consent"}],
    }


def build_group(folder: Path, meetings: int) -> Group:
    """A group with `meetings` ended meetings (journals, minutes) and one open; the memory
    cache is built by the first read."""
    (folder / "minutes").mkdir(parents=True, exist_ok=True)
    group = Group(folder)
    for number in range(meetings):
        meeting_id = f"m{number:04d}"
        prefill(group.journal_path(meeting_id), 200)
        with open(group.journal_path(meeting_id), "ab") as handle:
            handle.write(encode({"seq": 201, "at": 5400.0, "command": "end", "events": []}))
        # As record_minutes leaves it, without 500 durable writes for the set-up.
        (folder / "minutes" / f"{meeting_id}.json").write_text(json.dumps(minutes(number)))
    prefill(group.journal_path("open-one"), 50)
    return Group(folder)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appends", type=int, default=300)
    count = parser.parse_args().appends
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-journal-") as tmp:
        folder = Path(tmp)
        rows = []
        for events in (100, 10_000, 100_000):
            path = folder / "journals" / f"size-{events}.jsonl"
            prefill(path, events)
            os.sync()
            bare, times, opened = measure(path, folder / f"bare-{events}.jsonl", count)
            rows.append((f"{events:,} events in the meeting", times, opened, bare))
        start = time.perf_counter()
        group = build_group(folder / "group", 500)
        group.meetings()  # the memory cache, built from the 500 minutes
        built = time.perf_counter() - start
        prefill(group.journal_path("fresh"), 100)
        os.sync()
        bare, times, opened = measure(group.journal_path("fresh"), folder / "bare-g.jsonl", count)
        rows.append(("100 events, 500 meetings in the group", times, opened, bare))

        print(
            f"{count} appends per case, each against a bare write+fsync of one JSON line on a "
            "raw file, interleaved one for one (medians)"
        )
        print(f"{'case':40} {'baseline':>10} {'append':>10} {'p90':>10} {'ratio':>6} {'open':>11}")
        medians, ratios = [], []
        for name, times, opened, bare in rows:
            baseline = statistics.median(bare)
            median = statistics.median(times)
            p90 = statistics.quantiles(times, n=10)[-1]
            medians.append(median)
            ratios.append(median / baseline)
            print(
                f"{name:40} {ms(baseline):>10} {ms(median):>10} {ms(p90):>10} "
                f"{median / baseline:>5.2f}x {ms(opened):>11}"
            )
            ok &= median / baseline <= 3.0
        flat = ratios[2] / ratios[0]
        print(
            f"flatness (ratio at 100,000 events / ratio at 100): {flat:.2f}; "
            f"500-meeting group / 100 events: {ratios[3] / ratios[0]:.2f}"
        )
        ok &= flat <= 1.5

        print(
            f"set-up of the 500-meeting group: {built:.1f} s "
            f"(memory.json {(folder / 'group' / 'memory.json').stat().st_size / 1e6:.2f} MB)"
        )
        opens = []
        for _ in range(3):
            start = time.perf_counter()
            fresh = Group(folder / "group")
            listed, unfinished = fresh.meetings(), fresh.unfinished_meetings()
            opens.append(time.perf_counter() - start)
        assert len(listed) == 500, len(listed)
        assert [m.id for m in unfinished] == ["fresh", "open-one"], unfinished
        print(
            f"Group(...).meetings() + unfinished_meetings() at 500 meetings: first "
            f"{ms(opens[0])}, best {ms(min(opens))} (bar 500 ms)"
        )
        ok &= max(opens) < 0.5
        print(
            json.dumps(
                {
                    "append_ms": [round(m * 1000, 4) for m in medians],
                    "ratios": [round(r, 3) for r in ratios],
                    "open_group_s": round(max(opens), 4),
                }
            )
        )
    print("PASS" if ok else "FAIL: a bar was missed")


if __name__ == "__main__":
    main()
