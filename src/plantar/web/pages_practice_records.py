"""The practice journal's record pages: a client's timeline with its pain charts, the price
list with the article's salon price, the admin's audit log, and a home user's journal."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from plantar.errors import BadInput
from plantar.knowledge import KnowledgeBase
from plantar.practice import audit, clients, courses, journal, timeline
from plantar.practice.accounts import list_users
from plantar.practice.schemas import PriceCreate, TimelinePublic
from plantar.web import practice_forms as forms
from plantar.web.auth import CurrentUser, FormDep, Me, PracticeDep, RecordId
from plantar.web.deps import KbDep
from plantar.web.pages_practice import page, see_other, titles
from plantar.web.pain_chart import pain_charts
from plantar.web.practice_forms import FormInvalid, Shown

router = APIRouter(include_in_schema=False)
PRICE_FIELDS = ("service", "style", "minutes", "amount")


# Timeline --------------------------------------------------------------------------------------


def timeline_charts(kb: KnowledgeBase, history: TimelinePublic) -> list[Any]:
    """Pain before each session, then pain charted per region, on one time axis."""
    series: dict[str, list[Any]] = {}
    reported = [(v.held_at, v.pain_before) for v in history.visits if v.pain_before is not None]
    if reported:
        series["reported"] = reported
    for region, points in history.pain_series.items():
        series[region] = [(p.held_at, p.intensity) for p in points]
    names = {"reported": "Pain reported before the session"}
    names |= {r: f"{titles(kb, [r])[0]} (foot chart)" for r in history.pain_series}
    moments = [v.held_at for v in history.visits]
    span = (min(moments), max(moments)) if moments else None
    return pain_charts(series, names, span=span)


@router.get("/practice/clients/{client_id}/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request, client_id: RecordId, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> HTMLResponse:
    with practice.db.transaction() as session:
        client = clients.get_client(session, owner=me.user, client_id=client_id)
        history = timeline.client_timeline(session, owner=me.user, client_id=client_id)
    return page(
        request,
        "practice_timeline.html",
        me,
        title=f"{client.name}: timeline",
        client=client,
        visits=list(reversed(history.visits)),
        charts=timeline_charts(kb, history),
        region_titles={r: titles(kb, [r])[0] for r in kb.ids("regions")},
        alternate=f"/api/v1/clients/{client_id}/timeline",
    )


# Price list ------------------------------------------------------------------------------------


def _prices_page(
    request: Request,
    me: Me,
    practice: PracticeDep,
    kb: KnowledgeBase,
    *,
    shown: Shown | None = None,
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    with practice.db.transaction() as session:
        listed = courses.price_list(session, owner=me.user, kb=kb)
    styles = [{"id": s, "title": titles(kb, [s])[0]} for s in kb.ids("styles")]
    return page(
        request,
        "practice_prices.html",
        me,
        status=422 if errors else 200,
        title="Price list",
        prices=listed,
        styles=styles,
        shown=shown or Shown({}),
        errors=errors or {},
        currency=practice.settings.currency,
        alternate="/api/v1/prices",
    )


@router.get("/practice/prices", response_class=HTMLResponse)
def prices_page(
    request: Request, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> HTMLResponse:
    return _prices_page(request, me, practice, kb)


@router.post("/practice/prices", response_class=HTMLResponse)
def add_price_submit(
    request: Request, me: CurrentUser, practice: PracticeDep, kb: KbDep, form: FormDep
) -> Response:
    try:
        body = forms.parse(PriceCreate, forms.filled(form, PRICE_FIELDS))
        with practice.db.transaction() as session:
            courses.add_price(
                session, owner=me.user, data=body, currency=practice.settings.currency, kb=kb
            )
    except FormInvalid as exc:
        errors = exc.errors
    except BadInput as exc:
        errors = forms.bad_input(exc)
    else:
        return see_other("/practice/prices")
    return _prices_page(request, me, practice, kb, shown=Shown.of(form), errors=errors)


@router.post("/practice/prices/{price_id}/delete")
def remove_price_submit(price_id: RecordId, me: CurrentUser, practice: PracticeDep) -> Response:
    with practice.db.transaction() as session:
        courses.remove_price(session, owner=me.user, price_id=price_id)
    return see_other("/practice/prices")


# Audit log and journal -------------------------------------------------------------------------


def _optional_id(request: Request, name: str) -> int | None:
    raw = (request.query_params.get(name) or "").strip()
    return forms.record_id(raw, name, "a record id (a whole number)") if raw else None


@router.get("/practice/audit", response_class=HTMLResponse)
def audit_page(request: Request, me: CurrentUser, practice: PracticeDep) -> HTMLResponse:
    client_id = _optional_id(request, "client_id")
    actor_id = _optional_id(request, "actor_id")
    before_id = _optional_id(request, "before_id")
    with practice.db.transaction() as session:
        events = audit.read_log(
            session, actor=me.user, client_id=client_id, actor_id=actor_id, before_id=before_id
        )
        accounts = {u.id: u.email for u in list_users(session)}
    return page(
        request,
        "practice_audit.html",
        me,
        title="Audit log",
        events=events,
        accounts=accounts,
        client_id=client_id,
        actor_id=actor_id,
        older=events[-1].id if len(events) == 200 else None,
        alternate="/api/v1/audit",
    )


@router.get("/practice/journal", response_class=HTMLResponse)
def journal_page(request: Request, me: CurrentUser, practice: PracticeDep) -> HTMLResponse:
    with practice.db.transaction() as session:
        entries = journal.journal_entries(session, owner=me.user)
        own = journal.self_client(session, owner=me.user).id
    return page(
        request,
        "practice_journal.html",
        me,
        title="My journal",
        entries=entries,
        own=own,
        alternate="/api/v1/journal",
    )
