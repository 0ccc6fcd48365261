"""The organs of the zones (``zones.yaml``'s ``organs``), in words: the map's organ filter.

An organ id is a lowercase English word (``lungs``, ``lower_back``); it stays the id the map's
``highlight`` takes. Its word is the id with spaces (what the English page has always shown),
said in the current language from the catalog (context "organ": "back" here is the body's).
"""

from __future__ import annotations

from collections.abc import Iterable

from plantar.i18n import pgettext


def _words() -> dict[str, str]:
    # Inside a function, so each word is said in the language current when it is asked for.
    return {
        "abdomen": pgettext("organ", "abdomen"),
        "adrenals": pgettext("organ", "adrenals"),
        "arms": pgettext("organ", "arms"),
        "back": pgettext("organ", "back"),
        "bladder": pgettext("organ", "bladder"),
        "brain": pgettext("organ", "brain"),
        "breast": pgettext("organ", "breast"),
        "chest": pgettext("organ", "chest"),
        "colon": pgettext("organ", "colon"),
        "diaphragm": pgettext("organ", "diaphragm"),
        "ears": pgettext("organ", "ears"),
        "eyes": pgettext("organ", "eyes"),
        "fallopian_tubes": pgettext("organ", "fallopian tubes"),
        "gallbladder": pgettext("organ", "gallbladder"),
        "groin": pgettext("organ", "groin"),
        "head": pgettext("organ", "head"),
        "heart": pgettext("organ", "heart"),
        "hip": pgettext("organ", "hip"),
        "intestines": pgettext("organ", "intestines"),
        "jaw": pgettext("organ", "jaw"),
        "kidneys": pgettext("organ", "kidneys"),
        "knee": pgettext("organ", "knee"),
        "legs": pgettext("organ", "legs"),
        "liver": pgettext("organ", "liver"),
        "lower_back": pgettext("organ", "lower back"),
        "lungs": pgettext("organ", "lungs"),
        "lymph": pgettext("organ", "lymph"),
        "neck": pgettext("organ", "neck"),
        "oesophagus": pgettext("organ", "oesophagus"),
        "ovaries": pgettext("organ", "ovaries"),
        "pancreas": pgettext("organ", "pancreas"),
        "parathyroid": pgettext("organ", "parathyroid"),
        "pelvis": pgettext("organ", "pelvis"),
        "pituitary": pgettext("organ", "pituitary"),
        "prostate": pgettext("organ", "prostate"),
        "rectum": pgettext("organ", "rectum"),
        "sciatic_nerve": pgettext("organ", "sciatic nerve"),
        "shoulder": pgettext("organ", "shoulder"),
        "sinuses": pgettext("organ", "sinuses"),
        "solar_plexus": pgettext("organ", "solar plexus"),
        "spine": pgettext("organ", "spine"),
        "spleen": pgettext("organ", "spleen"),
        "stomach": pgettext("organ", "stomach"),
        "teeth": pgettext("organ", "teeth"),
        "testes": pgettext("organ", "testes"),
        "thymus": pgettext("organ", "thymus"),
        "thyroid": pgettext("organ", "thyroid"),
        "trachea": pgettext("organ", "trachea"),
        "ureters": pgettext("organ", "ureters"),
        "uterus": pgettext("organ", "uterus"),
        "vas_deferens": pgettext("organ", "vas deferens"),
    }


def worded() -> frozenset[str]:
    """The organ ids that have a word here (a test holds them to those of zones.yaml)."""
    return frozenset(_words())


def organ_word(organ: str) -> str:
    """An organ id in the current language's word; an id without a word shows as the id with
    spaces (a new organ in zones.yaml reads as before until it is given one here)."""
    return _words().get(organ) or organ.replace("_", " ")


def organ_words(organs: Iterable[str]) -> list[tuple[str, str]]:
    """(id, word) of each organ, in the order of the words (a list to choose from)."""
    return sorted(((o, organ_word(o)) for o in organs), key=lambda pair: pair[1].casefold())
