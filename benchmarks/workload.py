"""The meeting the benchmarks run: a long discussion of twelve people, hands, the floor
moving on, notes. (bench_engine runs this file's text in the trees it compares.)"""

PROTOCOL = """
version: 1
protocols:
  long:
    title: Long meeting
    steps:
      - {id: talk, kind: discussion, time: 8h}
"""
PEOPLE = [f"P{i}" for i in range(12)]
CYCLE = ([f"hand {p}" for p in PEOPLE[::2]] + ["next"] * 6 + ['note "a point"', "done"]
         + [f"hand {p} clarify" for p in PEOPLE[1::4]] + ["next"] * 3 + ["done"])
