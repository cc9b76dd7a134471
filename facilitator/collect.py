"""Python's garbage collector while facilitator starts.

Starting the full screen builds a few hundred thousand objects that live as long as the
process: modules, classes, the protocol library, the meeting, the app's widgets and
styles. The collector walks them again and again while they are built, a sixth of the
time to the first screen (benchmarks/bench_start.py). So it waits while the full screen
starts (`hold`), and once the first screen is up, what was built is frozen (`gc.freeze`:
left out of every later collection, as a room of 200 phones needs: full collections that
walked it all took 80 to 200 ms) and collecting goes on (`settle`). Every other command
collects as usual from the moment its words are read.
"""

from __future__ import annotations

import gc

_held = False
_frozen = False


def hold() -> None:
    """No collections until `settle` (the start of the process)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def settle() -> None:
    """Collect as usual again; the first time in a process, freeze what was built."""
    global _held, _frozen
    if not _held:
        return
    _held = False
    if not _frozen:
        gc.freeze()
        _frozen = True
    gc.enable()
