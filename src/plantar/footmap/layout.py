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
# The Cyrillic block U+0400..U+045F (Ё..ё, А..я), measured the same way (PIL's
# ImageFont.getlength on DejaVuSans.ttf and DejaVuSans-Bold.ttf at 2048 units per em): Russian
# lowercase is about as wide as Latin lowercase, its capitals and Ж, Ш, Щ, Ю, Ы wider.
_CYRILLIC_REGULAR = (
    632, 632, 786, 610, 698, 635, 295, 295, 295, 1094, 1045, 786, 710, 748, 609, 752, 684, 686,
    686, 610, 781, 632, 1077, 641, 748, 748, 710, 752, 863, 752, 787, 752, 603, 698, 611, 609,
    861, 685, 776, 686, 1069, 1094, 833, 882, 686, 698, 1080, 695, 613, 617, 589, 525, 691, 615,
    901, 532, 650, 650, 604, 639, 754, 654, 612, 654, 635, 550, 583, 592, 855, 592, 681, 591,
    915, 942, 707, 790, 589, 549, 842, 602, 615, 615, 625, 525, 549, 521, 278, 278, 278, 902,
    898, 652, 604, 650, 592, 654,
)
_CYRILLIC_BOLD = (
    683, 683, 878, 637, 734, 720, 372, 372, 372, 1154, 1130, 878, 817, 837, 771, 837, 774, 762,
    762, 637, 891, 683, 1224, 710, 837, 837, 817, 831, 995, 837, 850, 837, 733, 734, 682, 771,
    992, 771, 928, 808, 1235, 1326, 939, 1036, 762, 734, 1174, 770, 675, 698, 633, 522, 808,
    678, 995, 581, 701, 701, 679, 732, 817, 691, 687, 691, 716, 593, 580, 652, 992, 645, 741,
    687, 1062, 1105, 751, 904, 632, 593, 972, 642, 678, 678, 714, 522, 593, 595, 343, 343, 343,
    991, 956, 734, 679, 701, 652, 691,
)
# fmt: on
# Russian quotation marks (« »), which English texts never hold.
_QUOTES_REGULAR, _QUOTES_BOLD = 612, 646
_CYRILLIC = range(0x400, 0x460)


def _advance(ch: str, bold: bool) -> int:
    code = ord(ch)
    if 32 <= code < 127:
        return (_BOLD if bold else _REGULAR)[code - 32]
    if code in _CYRILLIC:
        return (_CYRILLIC_BOLD if bold else _CYRILLIC_REGULAR)[code - 0x400]
    if ch in "\u00ab\u00bb":
        return _QUOTES_BOLD if bold else _QUOTES_REGULAR
    return 1000


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of ``text`` at ``size`` px, from the metrics tables above.

    Layout needs widths before any font is at hand (the SVG is rendered elsewhere); characters
    outside ASCII, Cyrillic and the Russian quotation marks count as a full em, so an unknown
    glyph widens a column rather than clips. The text is its own key: the same words measure
    the same in every language, so the cache needs no language.
    """
    return sum(_advance(ch, bold) for ch in text) * size / 1000
