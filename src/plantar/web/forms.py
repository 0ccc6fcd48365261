"""Read the pages' forms (query strings) into the domain's own request types.

Field names are DESIGN.md's JSON API names; a repeated field is a list. Only the conversion
from text lives here: every rule about what is valid stays in the safety and planner layers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import msgspec

from plantar.errors import BadInput
from plantar.footmap.request import MapAsk
from plantar.i18n import _
from plantar.planner import PlanRequest
from plantar.safety import Intake

LISTS = ("conditions", "lesion_zones", "goals", "painful_zones", "equipment", "cleared")
INTS = ("age", "minutes_since_meal", "minutes")
BOOLS = ("answered",)
TEXTS = ("style", "performer", "time_of_day", "routine")
SCREEN_FIELDS = (
    "conditions",
    "age",
    "style",
    "performer",
    "minutes_since_meal",
    "lesion_zones",
    # The safety page's hidden answered=1: the questions were gone through (DESIGN.md
    # "Screening: checked or not"); carried from page to page with the answers.
    "answered",
    "cleared",
)
# What a form may say for a yes or a no (a checkbox sends "1" or "on").
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
PLAN_FIELDS = (
    *SCREEN_FIELDS,
    "goals",
    "minutes",
    "time_of_day",
    "painful_zones",
    "equipment",
    "routine",
)


class Form:
    """A query string as lists of values per name (what Starlette's QueryParams gives)."""

    def __init__(self, values: Mapping[str, Sequence[str]]) -> None:
        self.values = {k: [v for v in vs if v.strip()] for k, vs in values.items()}

    @classmethod
    def of(cls, params: Any) -> Form:
        return cls({key: params.getlist(key) for key in params})

    def text(self, name: str) -> str | None:
        found = self.values.get(name) or []
        return found[-1].strip() if found else None

    def number(self, name: str) -> int | None:
        raw = self.text(name)
        if raw is None:
            return None
        try:
            return int(raw)
        except ValueError:
            raise BadInput(name, raw, _("a whole number")) from None

    def flag(self, name: str) -> bool | None:
        raw = self.text(name)
        if raw is None:
            return None
        if raw.lower() in TRUE_WORDS:
            return True
        if raw.lower() in FALSE_WORDS:
            return False
        raise BadInput(name, raw, _("1 or 0 (true or false)"))

    def many(self, name: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.strip() for v in self.values.get(name, [])))

    def fields(self, names: Sequence[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in names:
            if name in LISTS:
                if self.many(name):
                    out[name] = self.many(name)
            elif name in INTS:
                if (value := self.number(name)) is not None:
                    out[name] = value
            elif name in BOOLS:
                if (flag := self.flag(name)) is not None:
                    out[name] = flag
            elif (text := self.text(name)) is not None:
                out[name] = text
        return out

    def intake(self) -> Intake:
        return Intake(**self.fields(SCREEN_FIELDS))

    def plan_request(self) -> PlanRequest:
        return PlanRequest(**self.fields(PLAN_FIELDS))

    def map_ask(self) -> MapAsk:
        """A map's query (the flags of ``plantar map``); ``goal`` is the explorer's filter,
        ``goals`` the plan field: both are goals."""
        shape = self.plan_request()
        goals = tuple(dict.fromkeys((*self.many("goal"), *shape.goals)))
        return MapAsk(
            view=self.text("view") or "all",
            foot=self.text("foot") or "both",
            scheme=self.text("scheme") or "western",
            layer=",".join(self.many("layer")),
            highlight=self.many("highlight"),
            pain=self.many("pain"),
            points=self.flag("points") is not False,
            plan=bool(self.flag("plan")),
            shape=msgspec.structs.replace(shape, goals=goals),
        )

    def query(self, names: Sequence[str]) -> str:
        """The given fields as a query string, to carry answers from one page to the next."""
        pairs = [(n, v) for n in names for v in self.values.get(n, [])]
        return urlencode(pairs)
