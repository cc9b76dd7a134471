"""The room's address as a QR code drawn in text, for the terminal and the projector.

Drawn inverted (light modules as blocks) so that it reads on a dark terminal, with the
quiet zone the standard asks for; two rows of modules per line of text.
"""

from __future__ import annotations

import segno


def qr_lines(address: str) -> list[str]:
    """Lines of half blocks that a phone's camera reads as `address`."""
    code = segno.make(address, error="m", micro=False)
    rows = [list(row) for row in code.matrix]
    border = 2
    width = len(rows[0]) + 2 * border
    light = [[True] * width for _ in range(border)]
    grid = light + [[True] * border + [not m for m in row] + [True] * border
                    for row in rows] + [r[:] for r in light]
    if len(grid) % 2:
        grid.append([True] * width)
    marks = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return ["".join(marks[(top, bottom)] for top, bottom in zip(grid[y], grid[y + 1],
                                                                  strict=True))
            for y in range(0, len(grid), 2)]
