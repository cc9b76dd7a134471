"""Killing a writer at a moment it has told us about, not at a moment on the clock.

`Child(work)` forks: the child runs `work(say)` and the parent reads, line by line,
what the child says (`say("ready")`, `say("7")`). `kill_after(n)` lets the child say
`n` lines, then kills it with SIGKILL and reaps it, so the kill lands while it is
working however loaded the machine is, and the lock it held belongs to no live process.
Forked, the child needs no interpreter start-up: every kill costs milliseconds.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable


class Child:
    def __init__(self, work: Callable[[Callable[[str], None]], None]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the test runner
            os.close(read)

            raw_write = os.write  # the work may stand something else in for os.write

            def say(text: str) -> None:
                raw_write(write, (text + "\n").encode())

            try:
                work(say)
            except BaseException as error:  # told to the parent, which fails the test
                say(f"error: {error!r}")
            finally:
                os._exit(0)
        os.close(write)
        self.pid = pid
        self._lines = os.fdopen(read, "rb")
        self.said: list[str] = []

    def kill_after(self, count: int) -> list[str]:
        """Wait until the child has said `count` lines (fewer if it stops), kill it;
        what it said. Asserts that it was still running: the kill is real."""
        while len(self.said) < count:
            line = self._lines.readline()
            if not line:
                break
            self.said.append(line.decode().strip())
            assert not self.said[-1].startswith("error:"), self.said[-1]
        os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        self._lines.close()
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            "the child had stopped before the kill: the test proved nothing")
        return self.said
