"""PNG and PDF export produce real files of the expected size (cairosvg on the system's cairo)."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from plantar.errors import BadInput
from plantar.footmap import MapRequest, render_svg
from plantar.footmap.export import PNG_SCALE, convert, format_of, write
from plantar.knowledge import KnowledgeBase


@pytest.fixture(scope="module")
def svg(kb: KnowledgeBase) -> str:
    return render_svg(kb, MapRequest(views=("sole", "top")))


def svg_size(svg: str) -> tuple[float, float]:
    match = re.search(r'<svg [^>]*width="([\d.]+)" height="([\d.]+)"', svg)
    assert match is not None
    return float(match.group(1)), float(match.group(2))


def test_png_export_is_a_png_of_the_maps_size_times_the_scale(svg: str, tmp_path: Path) -> None:
    target = write(svg, tmp_path / "map.png")
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    w, h = svg_size(svg)
    assert width == pytest.approx(w * PNG_SCALE, abs=2)
    assert height == pytest.approx(h * PNG_SCALE, abs=2)


def test_pdf_export_is_a_pdf(svg: str, tmp_path: Path) -> None:
    data = write(svg, tmp_path / "map.PDF").read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"%%EOF" in data[-64:]


def test_svg_export_writes_the_svg_unchanged(svg: str, tmp_path: Path) -> None:
    assert write(svg, tmp_path / "map.svg").read_text(encoding="utf-8") == svg


@pytest.mark.parametrize("name", ["map.jpg", "map", "map.svg.gz"])
def test_an_unknown_suffix_is_bad_input(name: str) -> None:
    with pytest.raises(BadInput) as caught:
        format_of(name)
    assert name in caught.value.message
    assert ".png" in caught.value.message


def test_an_unknown_format_is_bad_input(svg: str) -> None:
    with pytest.raises(BadInput):
        convert(svg, "gif")
