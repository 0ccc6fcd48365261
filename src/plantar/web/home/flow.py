"""The guided flow at `/start`: who is receiving, the safety questions a few per screen, age
and the last meal, the verdict, then goal and minutes into the plan (and from it the player).

Every screen is a plain GET form carrying the answers so far as hidden fields, so Back, a
reload or a bookmark keep them, and any screen can be gone back to and changed. The questions,
their screens and their wording are the questionnaire's (safety.questionnaire.pages); this
module only says which screen comes next.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from plantar.errors import BadInput
from plantar.i18n import N_, _
from plantar.knowledge.vocabulary import RECEIVERS
from plantar.safety import screen
from plantar.safety.questionnaire import (
    LEADS,
    RECEIVER_DEFAULT,
    Receiver,
    pages,
    questions,
)
from plantar.web.deps import KbDep
from plantar.web.forms import Form
from plantar.web.home.session import choices, plan_form_context
from plantar.web.templating import render
from plantar.web.verdict import screening_context

router = APIRouter(include_in_schema=False)
api = APIRouter()  # the flow is pages only: its answers go to /api/v1/screen and /plan

# The answers a screen carries to the next (the flow's own fields, then the safety answers).
CARRY = ("receiver", "conditions", "lesion_zones", "age", "minutes_since_meal", "answered")
# Who massages whom, when the flow goes on to the plan: oneself, or a partner.
PERFORMER_FOR: dict[Receiver, str] = {"self": "self", "other": "partner"}
# The title of the flow's pages (and of its error page).
FLOW_TITLE = N_("Your session")


def _receiver(form: Form) -> Receiver:
    raw = form.text("receiver") or RECEIVER_DEFAULT
    if raw == "self":
        return "self"
    if raw == "other":
        return "other"
    raise BadInput("receiver", raw, RECEIVERS.ids)


def _step(form: Form, last: int) -> int:
    raw = form.text("step")
    if raw is None:
        return 0
    if not raw.isdigit() or int(raw) > last:
        raise BadInput("step", raw, _("a screen number from 0 to {last}").format(last=last))
    return int(raw)


def _link(form: Form, step: int, names: tuple[str, ...] = CARRY) -> str:
    query = form.query(names)
    return f"/start?step={step}" + (f"&{query}" if query else "")


@router.get("/start", response_class=HTMLResponse)
def start(request: Request, kb: KbDep) -> HTMLResponse:
    form = Form.of(request.query_params)
    try:
        receiver = _receiver(form)
        screens = pages(kb, receiver)
        asked = questions(kb, receiver)
        about, check = len(screens) + 1, len(screens) + 2
        step = _step(form, check)
        # An emergency sign ends the questions at once: past its screen the verdict comes
        # next (its own screen, and those before, stay open to change the answer).
        stops = {q.key for q in asked if q.stops}
        ticked_stops = stops.intersection(form.many("conditions"))
        stop_screen = next((i for i, p in enumerate(screens, 1) if p.keys & ticked_stops), None)
        if stop_screen is not None and stop_screen < step < check:
            step = check
        context: dict[str, Any] = {
            "title": _(FLOW_TITLE),
            "form": form,
            "receiver": receiver,
            "receivers": [(r, RECEIVERS.label(r)) for r in RECEIVERS.ids],
            "lead": LEADS[receiver],
            "step": step,
            "count": check,
            "back": _link(form, stop_screen if step == check and stop_screen else step - 1)
            if step > 0
            else None,
            "carry": [(n, v) for n in CARRY if n != "receiver" for v in form.values.get(n, [])],
            "error": None,
        }
        if 1 <= step <= len(screens):
            page = screens[step - 1]
            context.update(
                kind="questions",
                title=page.title,
                page=page,
                carry=[
                    (n, v)
                    for n, v in context["carry"]
                    if not (n == "conditions" and v in page.keys)
                ],
            )
        elif step == about:
            ticked = set(form.many("conditions"))
            context.update(
                kind="about",
                title=_("Age and the last meal"),
                ask_where=any(q.where and q.key in ticked for q in asked),
                regions=choices(kb)["regions"],
                carry=[
                    (n, v)
                    for n, v in context["carry"]
                    if n not in ("lesion_zones", "age", "minutes_since_meal", "answered")
                ],
            )
        elif step == check:
            result = screen(form.intake(), kb)
            context.update(
                kind="check",
                title=_("Is it safe today?"),
                result=result,
                verdict=screening_context(kb, result, check_link=_link(form, 1)),
                changes=[(p.title, _link(form, i)) for i, p in enumerate(screens, 1)]
                + [(_("Age, the last meal and damaged skin"), _link(form, about))],
                ticked=[
                    kb.title(c) for c in (*form.many("conditions"), *form.many("lesion_zones"))
                ],
            )
            if result.massage_now:
                performer = {"performer": [PERFORMER_FOR[receiver]]}
                context.update(plan_form_context(kb, Form({**form.values, **performer})))
        else:
            context.update(kind="who", title=_("Who is the massage for?"))
    except BadInput as exc:
        return render(
            request,
            "home/start.html",
            status=422,
            title=_(FLOW_TITLE),
            kind="error",
            error=exc.message,
            form=form,
        )
    return render(request, "home/start.html", **context)
