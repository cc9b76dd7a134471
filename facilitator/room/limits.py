"""Rates and wrong codes: what keeps a flood or a guesser from wearing the room down.

Plain functions of a monotonic time handed in (no clock read here), so tests move time
by hand.
"""

from __future__ import annotations

import attrs


@attrs.define
class Bucket:
    """A token bucket: `rate` requests a second on average, `burst` at once."""

    rate: float
    burst: float
    level: float = -1.0
    at: float = 0.0

    def take(self, now: float) -> bool:
        if self.level < 0:
            self.level, self.at = self.burst, now
        self.level = min(self.burst, self.level + (now - self.at) * self.rate)
        self.at = now
        if self.level < 1:
            return False
        self.level -= 1
        return True


@attrs.define
class Buckets:
    """One bucket per key (a token, a client address), forgotten when full again."""

    rate: float
    burst: float
    buckets: dict[str, Bucket] = attrs.field(factory=dict)

    def take(self, key: str, now: float) -> bool:
        if len(self.buckets) > 10_000:  # a flood of new keys cannot grow this without end
            self.buckets = {k: b for k, b in self.buckets.items() if b.level < b.burst}
        bucket = self.buckets.setdefault(key, Bucket(self.rate, self.burst))
        return bucket.take(now)


FREE_TRIES = 3  # wrong codes before the waiting starts
LONGEST_WAIT = 60.0


@attrs.define
class WrongCodes:
    """Repeated wrong room codes from one address wait longer and longer: 1 s, 2 s, 4 s…"""

    failures: dict[str, tuple[int, float]] = attrs.field(factory=dict)  # -> count, until

    def wait(self, client: str, now: float) -> float:
        """Seconds `client` must still wait before trying a code again (0: may try)."""
        _, until = self.failures.get(client, (0, 0.0))
        return max(0.0, until - now)

    def failed(self, client: str, now: float) -> None:
        count, _ = self.failures.get(client, (0, 0.0))
        count += 1
        wait = 0.0 if count < FREE_TRIES else min(LONGEST_WAIT, 2.0 ** (count - FREE_TRIES))
        self.failures[client] = (count, now + wait)

    def succeeded(self, client: str) -> None:
        self.failures.pop(client, None)
