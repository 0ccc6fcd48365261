"""Export an SVG map to PNG or PDF at print quality (cairosvg, imported only when needed)."""

from __future__ import annotations

from pathlib import Path

from plantar.errors import BadInput

FORMATS = ("svg", "png", "pdf")
PNG_SCALE = 2.0  # twice the SVG's px: sharp on screens and about 150 dpi for A4 prints


def format_of(path: str | Path) -> str:
    """The output format named by a file's suffix; BadInput for any other suffix."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise BadInput(
            "output", str(path), "a file name ending in " + ", ".join(f".{f}" for f in FORMATS)
        )
    return suffix


def convert(svg: str, fmt: str, scale: float = PNG_SCALE) -> bytes:
    """The map as bytes of ``fmt`` (svg, png or pdf)."""
    if fmt == "svg":
        return svg.encode("utf-8")
    if fmt not in FORMATS:
        raise BadInput("format", fmt, FORMATS)
    import cairosvg  # lazy: pulls in cairo, only needed for PNG and PDF

    data = svg.encode("utf-8")
    out: bytes | None
    if fmt == "png":
        out = cairosvg.svg2png(bytestring=data, scale=scale)
    else:
        out = cairosvg.svg2pdf(bytestring=data)
    assert out is not None  # cairosvg returns bytes when no write_to is given
    return out


def write(svg: str, path: str | Path, scale: float = PNG_SCALE) -> Path:
    """Write the map to ``path`` in the format its suffix names."""
    target = Path(path)
    target.write_bytes(convert(svg, format_of(target), scale))
    return target
