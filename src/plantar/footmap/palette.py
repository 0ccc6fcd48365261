"""Colours of the foot map: the Okabe-Ito palette, safe for the common colour-vision deficiencies.

Zones are coloured by the body system of their first organ, so one colour means one kind of
thing on every view and both feet; vermillion is kept for pain and black for points, and the
legend names every colour, so nothing is told by colour alone.
"""

from __future__ import annotations

from plantar.i18n import N_, gettext

# Okabe & Ito (2008), "Color Universal Design".
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

SKIN = "#F6E3D4"
INK = "#4A3428"  # outline of the foot
TEXT = "#1A1A1A"
MUTED = "#8A8A8A"
PAIN = VERMILLION

# group id -> (legend text, colour); the text is English, said in the map's language where the
# legend is drawn (``meaning``).
GROUPS: dict[str, tuple[str, str]] = {
    "head": (N_("Head, neck and senses"), SKY_BLUE),
    "chest": (N_("Chest, heart, lungs and arms"), REDDISH_PURPLE),
    "digestion": (N_("Digestive organs"), ORANGE),
    "urinary": (N_("Kidneys, urinary tract and adrenals"), BLUE),
    "pelvis": (N_("Pelvis, groin and reproductive organs"), BLUISH_GREEN),
    "skeleton": (N_("Spine, joints and legs"), YELLOW),
}

_ORGAN_GROUP: dict[str, str] = {
    **dict.fromkeys(
        [
            "head",
            "brain",
            "pituitary",
            "neck",
            "sinuses",
            "eyes",
            "ears",
            "teeth",
            "jaw",
            "thyroid",
            "parathyroid",
        ],
        "head",
    ),
    **dict.fromkeys(
        [
            "chest",
            "lungs",
            "heart",
            "breast",
            "shoulder",
            "arms",
            "trachea",
            "oesophagus",
            "diaphragm",
            "thymus",
        ],
        "chest",
    ),
    **dict.fromkeys(
        [
            "stomach",
            "liver",
            "gallbladder",
            "pancreas",
            "spleen",
            "intestines",
            "colon",
            "rectum",
            "abdomen",
            "solar_plexus",
        ],
        "digestion",
    ),
    **dict.fromkeys(["kidneys", "bladder", "ureters", "adrenals"], "urinary"),
    **dict.fromkeys(
        [
            "pelvis",
            "lower_back",
            "sciatic_nerve",
            "uterus",
            "prostate",
            "ovaries",
            "testes",
            "groin",
            "lymph",
            "fallopian_tubes",
            "vas_deferens",
        ],
        "pelvis",
    ),
    **dict.fromkeys(["spine", "back", "knee", "hip", "legs"], "skeleton"),
}


def group_of(organs: list[str]) -> str:
    """The body system a zone is coloured by: that of its first organ with a known group."""
    for organ in organs:
        if organ in _ORGAN_GROUP:
            return _ORGAN_GROUP[organ]
    return "digestion"


def colour_of(group: str) -> str:
    return GROUPS[group][1]


def meaning(group: str) -> str:
    """What a group's colour stands for, in the current language (the legend's words)."""
    return gettext(GROUPS[group][0])
