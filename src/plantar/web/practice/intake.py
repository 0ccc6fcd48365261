"""A visit's intake and foot chart, as JSON (`/api/v1/visits/{id}/intake`, `/chart`) and as
pages (`/practice/visits/{id}/intake`, `/chart`) side by side.

A visit's first two pages: the intake ("anything changed since last time?" and the
screening questionnaire) and the foot chart drawn on the foot map.

The questionnaire is the one ``plantar screen --ask`` and the safety page use
(``plantar.safety.questionnaire.questions``), with a doctor's clearance offered for the
relative contraindications the last screening found; screening itself, what may be cleared,
the chart's rules (which region or zone, on which foot and view) and the lesions fed to
screening are the practice services'. These pages read forms and draw.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

import msgspec
from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from plantar.errors import BadInput
from plantar.footmap import MapRequest, render_svg
from plantar.footmap.scene import scheme_title
from plantar.i18n import N_, Words, _
from plantar.knowledge import KnowledgeBase, title_of
from plantar.knowledge.schema import Point, Region, Shape, Zone
from plantar.knowledge.vocabulary import FEET, FINDING_KINDS, VIEWS
from plantar.practice import chart, clients, screenings, visits
from plantar.practice.columns import utcnow
from plantar.practice.models import SIDES
from plantar.practice.models import VIEWS as CHART_VIEWS
from plantar.practice.schemas import FindingCreate, FindingPublic, IntakeCreate, IntakePublic
from plantar.safety import Screening
from plantar.safety.questionnaire import GROUP_ORDER, GROUP_TITLES, questions
from plantar.web.deps import KbDep
from plantar.web.practice import forms
from plantar.web.practice.auth import CurrentUser, FormDep, Me, PracticeDep, RecordId
from plantar.web.practice.forms import FormInvalid, Shown
from plantar.web.practice.shared import (
    ERRORS,
    OnVisit,
    PracticeRoute,
    VisitPage,
    client_name,
    error_doc,
    page,
    see_other,
)
from plantar.web.verdict import screening_context

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["practice"], route_class=PracticeRoute, responses=ERRORS)


@api.post(
    "/visits/{visit_id}/intake",
    status_code=201,
    summary=(
        "Screen the visit's questionnaire and store it with the verdict and a doctor's "
        "clearance (`cleared`, `cleared_by`, `cleared_on`, `clearance_note`), if any"
    ),
    responses={409: error_doc("The visit is signed and locked")},
)
def intake_route(
    visit_id: RecordId, body: IntakeCreate, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> IntakePublic:
    with practice.db.transaction() as session:
        return screenings.record_intake(session, owner=me.user, visit_id=visit_id, data=body, kb=kb)


@api.get("/visits/{visit_id}/intakes", summary="The screenings of a visit, in order")
def intakes_route(visit_id: RecordId, me: CurrentUser, practice: PracticeDep) -> list[IntakePublic]:
    with practice.db.transaction() as session:
        return screenings.intakes_of_visit(session, owner=me.user, visit_id=visit_id)


@api.get("/visits/{visit_id}/chart", summary="The foot chart of a visit")
def chart_route(visit_id: RecordId, me: CurrentUser, practice: PracticeDep) -> list[FindingPublic]:
    with practice.db.transaction() as session:
        return chart.list_findings(session, owner=me.user, visit_id=visit_id)


@api.post(
    "/visits/{visit_id}/chart",
    status_code=201,
    summary="Mark a finding on a region or zone of the map",
    responses={409: error_doc("The visit is signed and locked")},
)
def add_finding_route(
    visit_id: RecordId, body: FindingCreate, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> FindingPublic:
    with practice.db.transaction() as session:
        return chart.add_finding(session, owner=me.user, visit_id=visit_id, data=body, kb=kb)


@api.delete(
    "/visits/{visit_id}/chart/{finding_id}",
    status_code=204,
    summary="Take a mark off an unsigned chart",
    responses={409: error_doc("The visit is signed and locked")},
)
def remove_finding_route(
    visit_id: RecordId, finding_id: RecordId, me: CurrentUser, practice: PracticeDep
) -> Response:
    with practice.db.transaction() as session:
        chart.remove_finding(session, owner=me.user, visit_id=visit_id, finding_id=finding_id)
    return Response(status_code=204)


def kind_titles() -> dict[str, str]:
    """The chart's choices, in the vocabulary's words in the current language (a lesion is
    said to be kept off: screening avoids its zone)."""
    kept_off = _("{kind} (kept off)").format(kind=FINDING_KINDS.label("lesion"))
    return FINDING_KINDS.labels() | {"lesion": kept_off}


# The charts a finding can be placed on (the acupressure areas are points, not findings).
CHART_SCHEMES = ("western", "article_home", "article_map")


# The doctor's clearance on the intake form (the fields of IntakeCreate).
CLEARANCE_FIELDS = ("cleared", "cleared_by", "cleared_on", "clearance_note")


def verdict_context(kb: KnowledgeBase, stored: IntakePublic) -> dict[str, Any]:
    """What ``_verdict.html`` shows, from the screening stored with the intake (as it was
    judged then, not as today's knowledge base would judge it)."""
    return screening_context(kb, msgspec.convert(stored.screening, Screening))


def clearance_context(kb: KnowledgeBase, stored: IntakePublic | None) -> dict[str, Any] | None:
    """What ``practice/_clearance.html`` shows of the doctor's clearance stored with an intake
    (None without one)."""
    if stored is None or not stored.cleared or stored.cleared_on is None:
        return None
    return {
        "by": stored.cleared_by,
        "on": stored.cleared_on,
        "note": stored.clearance_note,
        "titles": [kb.title(c) for c in stored.cleared],
    }


def visit_header(session: Any, me: Me, visit_id: RecordId) -> dict[str, Any]:
    """The visit and its client's name and id, for every visit page's heading."""
    visit = visits.get_visit(session, owner=me.user, visit_id=visit_id)
    client = clients.owned_client(session, owner=me.user, client_id=visit.client_id)
    return {
        "visit": visit,
        "client": {
            "id": client.id,
            "name": client_name(client),
            "date_of_birth": client.date_of_birth,
        },
    }


def _intake_page(
    at: OnVisit, *, shown: Shown | None = None, errors: dict[str, str] | None = None
) -> HTMLResponse:
    request, me, practice, kb, visit_id = at
    with practice.db.transaction() as session:
        header = visit_header(session, me, visit_id)
        visit = header["visit"]
        done = screenings.intakes_of_visit(session, owner=me.user, visit_id=visit_id)
        before = screenings.previous_intake(
            session, owner=me.user, client_id=visit.client_id, before=visit.held_at
        )
    has_birth_date = header["client"]["date_of_birth"] is not None
    current = done[-1] if done else None
    last = current or before
    if shown is None:
        answers = dict(last.answers) if last is not None else {}
        answers.pop("minutes_since_meal", None)  # a meal time is never the same twice
        if has_birth_date:
            answers.pop("age", None)  # follows from the date of birth
        if current is not None:  # screening this visit again: its clearance still stands
            answers |= {
                "cleared_by": current.cleared_by,
                "cleared_on": current.cleared_on,
                "clearance_note": current.clearance_note,
            }
        else:  # another visit's clearance is asked about again, never carried over unseen
            answers.pop("cleared", None)
        shown = Shown(answers)
    offered = screenings.clearable_conditions(kb, last) if last is not None else []
    offered = list(dict.fromkeys([*offered, *shown.all("cleared")]))
    asked = [q for q in questions(kb) if q.answer == "yes_no"]
    groups = [(GROUP_TITLES[g], [q for q in asked if q.group == g]) for g in GROUP_ORDER]
    return page(
        request,
        "practice/intake.html",
        me,
        status=422 if errors else 200,
        title=_("{name}: intake").format(name=header["client"]["name"]),
        **header,
        current=current,
        verdict=verdict_context(kb, current) if current else None,
        clearance=clearance_context(kb, current),
        before=before,
        before_clearance=clearance_context(kb, before) if current is None else None,
        clearable=[{"id": c, "title": kb.title(c)} for c in offered],
        clearance_fields=CLEARANCE_FIELDS,
        today=screenings.latest_date(utcnow()).isoformat(),
        has_birth_date=has_birth_date,
        groups=[(t, qs) for t, qs in groups if qs],
        regions=[{"id": r, "title": kb.title(r)} for r in kb.ids("regions")],
        styles=[{"id": s, "title": kb.title(s)} for s in kb.ids("styles")],
        shown=shown,
        errors=errors or {},
    )


@router.get("/practice/visits/{visit_id}/intake", response_class=HTMLResponse)
def intake_page(at: VisitPage) -> HTMLResponse:
    return _intake_page(at)


@router.post("/practice/visits/{visit_id}/intake", response_class=HTMLResponse)
def intake_submit(at: VisitPage, form: FormDep) -> Response:
    me, practice, kb, visit_id = at.me, at.practice, at.kb, at.visit_id
    data: dict[str, Any] = forms.filled(
        form, ("age", "minutes_since_meal", "style", *CLEARANCE_FIELDS[1:])
    )
    data |= {
        "conditions": forms.many(form, "conditions"),
        "lesion_zones": forms.many(form, "lesion_zones"),
        "performer": "therapist",
        # The page asks every question: what is not ticked does not apply.
        "answered": True,
        "cleared": forms.many(form, "cleared"),
    }
    try:
        body = forms.parse(IntakeCreate, data)
        with practice.db.transaction() as session:
            screenings.record_intake(session, owner=me.user, visit_id=visit_id, data=body, kb=kb)
    except FormInvalid as exc:
        errors = exc.errors
    except BadInput as exc:
        errors = forms.bad_input(exc)
    else:
        return see_other(f"/practice/visits/{visit_id}/intake#verdict")
    return _intake_page(at, shown=Shown.of(form), errors=errors)


LAYERS = Words({"regions": N_("Regions"), "zones": N_("Reflex zones (Western chart)")})


@dataclass(frozen=True)
class Place:
    """Which map the chart page shows: one foot (the work goes foot by foot, and the map's
    pain overlay is per region, so one foot at a time keeps each foot's pain its own), one
    view, regions or the reflex zones."""

    view: str = "sole"
    foot: str = "left"
    layer: str = "regions"

    @classmethod
    def checked(cls, view: str, foot: str, layer: str) -> Place:
        if view not in CHART_VIEWS:
            raise BadInput("view", view, CHART_VIEWS)
        if foot not in SIDES:
            raise BadInput("foot", foot, SIDES)
        if layer not in LAYERS:
            raise BadInput("layer", layer, LAYERS)
        return cls(view, foot, layer)

    def query(self, **change: str) -> str:
        return urlencode(asdict(self) | change)


def _record(kb: KnowledgeBase, record_id: str) -> object:
    found = kb.find(record_id)
    return found[1] if found else None


def chart_map(kb: KnowledgeBase, findings: list[FindingPublic], place: Place) -> str:
    """One foot in one view: its regions outlined (or the Western zones), what is charted on
    that foot highlighted, and the strongest pain of each region drawn over it."""
    mine = [f for f in findings if f.side == place.foot]
    pain: dict[str, int] = {}
    for f in mine:
        if f.kind == "pain":
            pain[f.region] = max(f.intensity, pain.get(f.region, 0))
    if place.layer == "regions":
        # Every region outlined, so that each can be seen and tapped.
        highlight = {r.id for r in kb.all(Region) if place.view in r.views}
    else:
        # Only the charted zones: a highlighted region would light up every zone inside it.
        highlight = {f.target for f in mine if isinstance(_record(kb, f.target), Zone)}
    request = MapRequest(
        views=(place.view,),  # type: ignore[arg-type]  # checked by Place.checked
        feet=(place.foot,),  # type: ignore[arg-type]
        schemes=("western",) if place.layer == "zones" else (),
        highlight=tuple(sorted(highlight)),
        pain=tuple(sorted(pain.items())),
        points=False,
    )
    return render_svg(kb, request)


def targets(kb: KnowledgeBase, place: Place) -> list[dict[str, Any]]:
    """What can be marked on this foot in this view: its regions, then its zones by chart."""
    regions = [{"id": r.id, "title": title_of(r)} for r in kb.all(Region) if place.view in r.views]
    groups: list[dict[str, Any]] = [{"title": _("Regions"), "options": regions}]
    for scheme in CHART_SCHEMES:
        zones = [
            {"id": z.id, "title": title_of(z)}
            for z in kb.all(Zone)
            if z.view == place.view and z.scheme == scheme and z.foot in ("both", place.foot)
        ]
        if zones:
            title = _("Zones: {chart}").format(chart=scheme_title(scheme))
            groups.append({"title": title, "options": zones})
    drawn = {s.of for s in kb.all(Shape) if s.view == place.view}
    points = [
        {"id": p.id, "title": title_of(p)}
        for p in kb.all(Point)
        if p.id in drawn and p.foot in ("both", place.foot)
    ]
    if points:
        title = _("Points: the article's and the standard acupoints")
        groups.append({"title": title, "options": points})
    return groups


def _chart_page(
    at: OnVisit, place: Place, *, shown: Shown | None = None, errors: dict[str, str] | None = None
) -> HTMLResponse:
    request, me, practice, kb, visit_id = at
    with practice.db.transaction() as session:
        header = visit_header(session, me, visit_id)
        findings = chart.list_findings(session, owner=me.user, visit_id=visit_id)
    return page(
        request,
        "practice/chart.html",
        me,
        status=422 if errors else 200,
        title=_("{name}: foot chart").format(name=header["client"]["name"]),
        **header,
        findings=findings,
        target_titles={f.target: kb.title(f.target) for f in findings},
        place=place,
        views={view: VIEWS.label(view) for view in CHART_VIEWS},
        feet={side: FEET.label(side) for side in SIDES},
        layers=LAYERS,
        kinds=kind_titles(),
        map_svg=chart_map(kb, findings, place),
        targets=targets(kb, place),
        shown=shown or Shown({"side": place.foot, "kind": "pain", "intensity": "5"}),
        errors=errors or {},
    )


@router.get("/practice/visits/{visit_id}/chart", response_class=HTMLResponse)
def chart_page(
    at: VisitPage, view: str = "sole", foot: str = "left", layer: str = "regions"
) -> HTMLResponse:
    place = Place.checked(view, foot, layer)
    return _chart_page(at, place)


def _place_of(form: Any) -> Place:
    """The map the form was sent from (a tampered value falls back to the first map: the
    finding itself is checked by the service, this only chooses what to show next)."""
    try:
        return Place.checked(
            forms.text(form, "view") or "sole",
            forms.text(form, "foot") or forms.text(form, "side") or "left",
            forms.text(form, "layer") or "regions",
        )
    except BadInput:
        return Place()


@router.post("/practice/visits/{visit_id}/chart", response_class=HTMLResponse)
def chart_submit(at: VisitPage, form: FormDep) -> Response:
    me, practice, kb, visit_id = at.me, at.practice, at.kb, at.visit_id
    place = _place_of(form)
    try:
        body = forms.parse(
            FindingCreate,
            forms.filled(form, ("target", "side", "view", "kind", "intensity", "comment")),
        )
        with practice.db.transaction() as session:
            chart.add_finding(session, owner=me.user, visit_id=visit_id, data=body, kb=kb)
    except FormInvalid as exc:
        errors = exc.errors
    except BadInput as exc:
        errors = forms.bad_input(exc)
    else:
        return see_other(f"/practice/visits/{visit_id}/chart?{place.query()}")
    return _chart_page(at, place, shown=Shown.of(form), errors=errors)


@router.post("/practice/visits/{visit_id}/chart/{finding_id}/delete")
def remove_finding_submit(
    visit_id: RecordId, finding_id: RecordId, me: CurrentUser, practice: PracticeDep, form: FormDep
) -> Response:
    with practice.db.transaction() as session:
        chart.remove_finding(session, owner=me.user, visit_id=visit_id, finding_id=finding_id)
    return see_other(f"/practice/visits/{visit_id}/chart?{_place_of(form).query()}")
