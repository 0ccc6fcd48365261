"""Bad input is named, with the valid values; never a traceback, never a silent default."""

from __future__ import annotations

import pytest

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.safety import Intake, screen


@pytest.mark.parametrize(
    ("intake", "field", "named", "valid"),
    [
        (Intake(conditions=("flu",)), "conditions", "'flu'", "acute_infection"),
        (Intake(conditions=("fever", "")), "conditions", "''", "fever"),
        (Intake(conditions=("recent_meal",)), "conditions", "'recent_meal'", "minutes since"),
        (Intake(style="swedish"), "style", "'swedish'", "acupressure"),
        (Intake(performer="robot"), "performer", "'robot'", "partner"),
        (Intake(age=-1), "age", "-1", "from 0 to 120"),
        (Intake(age=121), "age", "121", "from 0 to 120"),
        (Intake(age=True), "age", "True", "from 0 to 120"),  # type: ignore[arg-type]
        (Intake(minutes_since_meal=-5), "minutes_since_meal", "-5", "0 or more"),
        (Intake(lesion_zones=("knee",)), "lesion_zones", "'knee'", "heel"),
    ],
)
def test_it_rejects_bad_input_naming_the_value_and_the_valid_ones(
    kb: KnowledgeBase, intake: Intake, field: str, named: str, valid: str
) -> None:
    with pytest.raises(BadInput) as caught:
        screen(intake, kb)
    assert caught.value.field == field
    assert named in caught.value.message
    assert valid in caught.value.message


@pytest.mark.parametrize("age", [0, 1, 64, 65, 120])
def test_it_accepts_every_age_from_0_to_120(kb: KnowledgeBase, age: int) -> None:
    assert screen(Intake(age=age), kb).verdict in {"ok", "adapt"}


def test_it_accepts_a_zone_or_point_as_a_lesion_zone(kb: KnowledgeBase) -> None:
    zone = kb.ids("zones")[0]
    point = kb.ids("points")[0]
    assert screen(Intake(lesion_zones=(zone, point)), kb).verdict == "adapt"
