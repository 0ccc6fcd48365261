"""Large digits for the countdown, readable from across the room with oily hands.

Three columns by five rows of block characters per digit: no font files, no dependency.
"""

from __future__ import annotations

_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" ██", "  █", "  █", "  █", "  █"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", "███", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ":": ("   ", " █ ", "   ", " █ ", "   "),
    " ": ("   ", "   ", "   ", "   ", "   "),
}
ROWS = 5


def clock_text(seconds: float) -> str:
    """``75.2`` -> ``"1:16"``: whole seconds rounded up, so 0:00 shows only at the end."""
    whole = int(-(-seconds // 1))
    minutes, rest = divmod(max(0, whole), 60)
    return f"{minutes}:{rest:02d}"


def big(text: str) -> str:
    """``text`` (digits, colon, space) drawn five rows high."""
    rows = []
    for row in range(ROWS):
        rows.append(" ".join(_GLYPHS.get(ch, _GLYPHS[" "])[row] for ch in text))
    return "\n".join(rows)
