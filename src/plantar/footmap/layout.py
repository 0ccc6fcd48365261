"""Leader-line label layout: labels stand in columns beside the foot, in the order of their anchors.

Each column is a one-dimensional problem: labels want to sit level with their anchors, must keep
a minimum pitch and stay within the column. Overlapping labels are merged into blocks centred on
the mean of what their members want (the classic cluster-merging method), so no two labels
overlap, their order never changes and leader lines from one column do not cross.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise


def spread(wanted: Sequence[float], pitch: float, low: float, high: float) -> list[float]:
    """Positions for labels that want ``wanted`` (sorted ascending), ``pitch`` apart.

    Results stay in order, are at least ``pitch`` apart and lie within ``low``..``high`` when
    the labels fit (``(n - 1) * pitch <= high - low``); otherwise they start at ``low``.
    """
    n = len(wanted)
    if n == 0:
        return []
    if any(b < a for a, b in pairwise(wanted)):
        raise ValueError("wanted positions must be sorted")
    span = (n - 1) * pitch
    if span > high - low:
        return [low + i * pitch for i in range(n)]
    # A block: [first index, count, top]. Its members sit at top, top + pitch, ...
    blocks: list[list[float]] = []
    for i, want in enumerate(wanted):
        blocks.append([i, 1, _clamp(want, low, high)])
        while len(blocks) > 1:
            first, count, top = blocks[-2]
            _, nxt_count, nxt_top = blocks[-1]
            if top + count * pitch <= nxt_top + 1e-9:
                break
            size = int(count + nxt_count)
            start = int(first)
            # The block's best top: the mean of each member's wish minus its offset.
            best = sum(wanted[start + k] - k * pitch for k in range(size)) / size
            best = _clamp(best, low, high - (size - 1) * pitch)
            blocks[-2:] = [[start, size, best]]
    out: list[float] = []
    for _, count, top in blocks:
        out.extend(top + k * pitch for k in range(int(count)))
    return out


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


# Advance widths of DejaVu Sans (the font cairo uses for PNG and PDF here; Verdana, its
# browser fallback, is as wide) for ASCII 32..126, in thousandths of an em.
# fmt: off
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838,
)
# fmt: on


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of ``text`` at ``size`` px, from the metrics table above.

    Layout needs widths before any font is at hand (the SVG is rendered elsewhere); characters
    outside ASCII count as a full em, so an unknown glyph widens a column rather than clips.
    """
    table = _BOLD if bold else _REGULAR
    total = sum(table[ord(ch) - 32] if 32 <= ord(ch) < 127 else 1000 for ch in text)
    return total * size / 1000
