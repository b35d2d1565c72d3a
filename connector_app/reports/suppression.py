"""Small-number suppression for exported summaries.

A count of people from 1 to 4 prints as "<5" (0 prints as 0). Within a
breakdown and its total, a single hidden cell could be worked out by
subtraction, so the next smallest shown cell is hidden too.
"""

from __future__ import annotations

from typing import Hashable

THRESHOLD = 5
SUPPRESSED_TEXT = "<5"


def is_small(value: int | None) -> bool:
    return value is not None and 0 < value < THRESHOLD


def suppress_breakdown(cells: dict[Hashable, int], total: int | None = None) -> tuple[set, bool]:
    """Which cells to hide, and whether to hide the total.

    Primary: every cell (and the total) from 1 to 4. Complementary: while the total
    is shown and exactly one cell is hidden, hide the smallest other non-zero cell.
    """
    hidden = {key for key, value in cells.items() if is_small(value)}
    total_hidden = is_small(total)
    if total is not None and not total_hidden and len(hidden) == 1:
        others = sorted((value, str(key), key) for key, value in cells.items() if key not in hidden and value > 0)
        if others:
            hidden.add(others[0][2])
    return hidden, total_hidden
