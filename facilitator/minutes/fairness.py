"""How evenly the floor was shared: one figure, from 0 to 1.

We use 1 minus the normalised Gini coefficient of airtime over everyone present, silent
people included. 1 means everyone held the floor equally long; 0 means one person held
it all. Gini because it is the common measure of inequality, it reads the same for a
group of 4 and of 40 once normalised, and it counts the people who did not speak, which
is the point: a meeting where two people talk and five listen is not even.
"""

from __future__ import annotations

from facilitator.i18n import N_


def evenness(seconds: list[float]) -> float | None:
    """1 - normalised Gini of the given airtimes; None with fewer than two people or no talk."""
    n = len(seconds)
    total = sum(seconds)
    if n < 2 or total <= 0:
        return None
    ordered = sorted(seconds)
    # Gini = sum_i (2i - n - 1) x_i / (n * total), i from 1; normalised by its maximum (n-1)/n
    gini = sum((2 * i - n - 1) * x for i, x in enumerate(ordered, start=1)) / (n * total)
    return round(1.0 - gini * n / (n - 1), 4)


MEASURE = N_(
    "Evenness is 1 minus the normalised Gini coefficient of airtime over everyone present, "
    "silent people included: 1 means everyone held the floor equally long, 0 that one "
    "person held it all. Gini is the usual measure of inequality, and it counts those who "
    "did not speak."
)
