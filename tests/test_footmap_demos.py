"""Technique demonstrations: an animated SVG for each manipulation the routines use."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from plantar.errors import BadInput
from plantar.footmap.demos import CIRCULAR, RECIPES, demo_svg
from plantar.knowledge import KnowledgeBase

SVG = "{http://www.w3.org/2000/svg}"
# The manipulations the issue names and the acupressure and self-massage routines use.
REQUIRED = [
    "pressing",
    "circular_rubbing",
    "stroking",
    "rubbing",
    "kneading",
    "vibration",
    "rotation",
    "stretching",
    "toe_pulling",
]


def test_every_demo_is_of_a_technique_in_the_knowledge_base(kb: KnowledgeBase) -> None:
    assert set(RECIPES) <= set(kb.ids("techniques"))


@pytest.mark.parametrize("technique", REQUIRED)
def test_each_named_manipulation_has_an_animated_demo(kb: KnowledgeBase, technique: str) -> None:
    root = ET.fromstring(demo_svg(technique, kb=kb))
    assert root.get("id") == f"demo-{technique}"
    assert root.findtext(f"{SVG}title")
    assert root.findtext(f"{SVG}desc")  # how it is done, from the knowledge base
    animations = [
        e
        for e in root.iter()
        if e.tag in {f"{SVG}animate", f"{SVG}animateMotion", f"{SVG}animateTransform"}
    ]
    assert animations
    assert all(a.get("repeatCount") == "indefinite" for a in animations)


@pytest.mark.parametrize("technique", sorted(RECIPES))
def test_every_demo_parses(kb: KnowledgeBase, technique: str) -> None:
    ET.fromstring(demo_svg(technique, kb=kb))


def motion_path(svg: str) -> str:
    root = ET.fromstring(svg)
    motion = next(root.iter(f"{SVG}animateMotion"))
    return motion.get("path") or ""


def test_pressing_circles_clockwise_unless_told_otherwise(kb: KnowledgeBase) -> None:
    clockwise = motion_path(demo_svg("pressing", kb=kb))
    counter = motion_path(demo_svg("pressing", "counterclockwise", kb=kb))
    # The SVG arc's sweep flag: 1 turns clockwise on screen, 0 counterclockwise.
    assert " 0 1 1 " in clockwise
    assert " 0 1 0 " in counter
    assert "counterclockwise" in (
        ET.fromstring(demo_svg("pressing", "counterclockwise", kb=kb)).findtext(f"{SVG}title") or ""
    )


def test_stroking_moves_toward_the_ankle(kb: KnowledgeBase) -> None:
    path = motion_path(demo_svg("stroking", kb=kb))
    end_y = float(path.split("L")[1].split()[1])
    assert end_y > 0  # down the page: from the toes toward the ankle


@pytest.mark.parametrize(
    ("technique", "direction"),
    [("moonwalking", None), ("pressing", "sideways"), ("stroking", "clockwise")],
)
def test_bad_demo_requests_raise_bad_input(
    kb: KnowledgeBase, technique: str, direction: str | None
) -> None:
    with pytest.raises(BadInput):
        demo_svg(technique, direction, kb=kb)


def test_only_circular_techniques_take_a_direction() -> None:
    assert {"pressing", "circular_rubbing"} == CIRCULAR


# What each drawn hand is, in the knowledge base's words for parts of the hand.
DRAWN_PARTS = {
    "thumb": {"thumb"},
    "fingers": {"fingers", "fingertips"},
    "knuckles": {"knuckles"},
    "palm_heel": {"palm_heel"},
    "palm": {"palm", "both_hands"},
    "foot": {"foot"},
    "device": {"device", "foot"},
}


@pytest.mark.parametrize("technique", sorted(RECIPES))
def test_each_demo_draws_the_part_of_the_hand_its_technique_uses(
    kb: KnowledgeBase, technique: str
) -> None:
    found = kb.find(technique)
    assert found is not None
    parts = set(found[1].hand_parts)  # type: ignore[attr-defined]
    root = ET.fromstring(demo_svg(technique, kb=kb))
    hands = [e for e in root.iter(f"{SVG}g") if "hand" in (e.get("class") or "").split()]
    assert hands, "no hand drawn"
    kinds = {
        c.removeprefix("hand-")
        for h in hands
        for c in h.get("class", "").split()
        if c.startswith("hand-")
    }
    assert len(kinds) == 1
    assert DRAWN_PARTS[kinds.pop()] & parts, (technique, parts)
    # The hand moves (or the foot does, about the hand), looping for ever.
    loops = [e for e in root.iter() if e.get("repeatCount") == "indefinite"]
    assert loops


@pytest.mark.parametrize("technique", sorted(RECIPES))
def test_a_demo_stays_light_enough_for_the_player(kb: KnowledgeBase, technique: str) -> None:
    assert len(demo_svg(technique, kb=kb).encode()) < 10_000
