"""``plantar map``: files by suffix, exit 2 naming bad values, routines, plans and demos."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from plantar.knowledge.schema import Routine

SVG = "{http://www.w3.org/2000/svg}"


def test_it_writes_an_svg_of_all_views_of_both_feet(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    result = run("map", "-o", str(target))
    assert result.exit_code == 0, result.output
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    panels = {e.get("id") for e in root.iter(f"{SVG}g") if e.get("class") == "panel"}
    assert panels == {
        f"panel-{v}-{f}" for v in ("sole", "top", "inner", "outer") for f in ("left", "right")
    }


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_it_writes_png_and_pdf_by_suffix(
    run: Any, tmp_path: Path, suffix: str, magic: bytes
) -> None:
    target = tmp_path / f"map{suffix}"
    result = run("map", "--view", "sole", "--foot", "left", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(magic)


def test_it_writes_svg_to_stdout_with_a_dash(run: Any) -> None:
    result = run("map", "--view", "top", "--foot", "right", "-o", "-")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    assert root.find(f"{SVG}g[@id='panel-top-right']") is not None


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--view", "front"], ["'front'", "sole", "outer", "all"]),
        (["--foot", "third"], ["'third'", "left", "both"]),
        (["--scheme", "eastern"], ["'eastern'", "western", "article_map"]),
        (["--highlight", "zone_nowhere"], ["'zone_nowhere'", "KI1", "kidneys", "heel"]),
        (["--goal", "immortality"], ["'immortality'", "sleep"]),
        (["--pain", "heel=11"], ["11", "0 to 10"]),
        (["--pain", "knee=3"], ["'knee'", "heel"]),
        (["--routine", "routine_nowhere"], ["'routine_nowhere'", "routine_acupressure"]),
        (["--demo", "moonwalking"], ["'moonwalking'", "pressing"]),
    ],
)
def test_bad_values_exit_2_naming_them_and_the_valid_ones(
    run: Any, tmp_path: Path, args: list[str], named: list[str]
) -> None:
    target = tmp_path / "map.svg"
    result = run("map", *args, "-o", str(target))
    assert result.exit_code == 2
    for word in named:
        assert word in result.output, (word, result.output)
    assert not target.exists()


@pytest.mark.parametrize("name", ["map.jpg", "map.txt", "map"])
def test_an_unknown_output_suffix_exits_2(run: Any, tmp_path: Path, name: str) -> None:
    result = run("map", "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert ".svg" in result.output
    assert ".png" in result.output
    assert ".pdf" in result.output


def test_a_demo_must_be_written_as_svg(run: Any, tmp_path: Path) -> None:
    result = run("map", "--demo", "pressing", "-o", str(tmp_path / "demo.png"))
    assert result.exit_code == 2
    assert ".svg" in result.output


def test_it_writes_an_animated_demo(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "demo.svg"
    result = run("map", "--demo", "pressing", "--direction", "counterclockwise", "-o", str(target))
    assert result.exit_code == 0, result.output
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert root.get("id") == "demo-pressing"


def numbered_points(svg_text: str) -> dict[tuple[str | None, str | None], str]:
    root = ET.fromstring(svg_text)
    return {
        (e.get("data-id"), e.get("data-foot")): e.findtext(f"{SVG}text", "")
        for e in root.iter(f"{SVG}g")
        if e.get("data-kind") == "point"
    }


def test_it_numbers_the_steps_of_a_routine(run: Any, kb: Any, tmp_path: Path) -> None:
    routine = kb.get(Routine, "routine_acupressure")
    order = {s.target: i for i, s in enumerate(routine.steps, start=1) if s.target}
    target = tmp_path / "routine.svg"
    result = run("map", "--view", "sole", "--routine", "routine_acupressure", "-o", str(target))
    assert result.exit_code == 0, result.output
    texts = numbered_points(target.read_text(encoding="utf-8"))
    assert "KI1" in order  # the routine works the kidney point of step 9
    assert texts[("KI1", "left")] == str(order["KI1"])


def test_it_draws_a_plan_made_by_the_planner(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "plan.svg"
    result = run(
        "map",
        "--plan",
        "--goal",
        "sleep",
        "--minutes",
        "20",
        "--view",
        "sole,top",
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.output
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    subtitle = "".join(root.itertext())
    assert "Numbers: the order of" in subtitle


def test_a_plan_that_is_not_advised_now_exits_3_and_still_draws(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "plan.svg"
    result = run(
        "map",
        "--plan",
        "--goal",
        "sleep",
        "--minutes",
        "20",
        "--condition",
        "fever",
        "-o",
        str(target),
    )
    assert result.exit_code == 3, result.output
    assert "No massage now" in result.output
    assert target.exists()


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--minutes", "20"], "--minutes"),
        (["--condition", "fever"], "--condition"),
        (["--time-of-day", "evening"], "--time-of-day"),
        (["--performer", "partner"], "--performer"),
    ],
)
def test_plan_flags_without_plan_exit_2_instead_of_doing_nothing(
    run: Any, tmp_path: Path, args: list[str], flag: str
) -> None:
    result = run("map", *args, "-o", str(tmp_path / "map.svg"))
    assert result.exit_code == 2
    assert flag in result.output
    assert "--plan" in result.output
