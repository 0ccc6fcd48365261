"""What every page and API route of the practice journal shares: the API's route class
(never cached) and error documentation, the page renderer (never cached, the account in
context) and the redirect after a form.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any, NamedTuple

from fastapi import Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel

from plantar.i18n import _
from plantar.knowledge import KnowledgeBase
from plantar.practice.journal import JOURNAL_NAME
from plantar.practice.models import Client
from plantar.web.deps import KbDep
from plantar.web.practice.auth import NO_STORE, CurrentUser, Me, PracticeApp, PracticeDep, RecordId
from plantar.web.templating import render


class PracticeRoute(APIRoute):
    """Keeps every answer of the journal's API out of caches (errors are answered by
    ``web/errors.py``, also uncached)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            response = await handler(request)
            response.headers.update(NO_STORE)
            return response

        return route


class Detail(BaseModel):
    detail: str


def error_doc(description: str) -> dict[str, Any]:
    return {"description": description, "model": Detail}


ERRORS: dict[int | str, dict[str, Any]] = {
    401: error_doc("Not logged in, or the login has ended"),
    403: error_doc("No X-CSRF-Token header, or not the admin"),
    404: error_doc("No such record, or it belongs to another practitioner"),
    422: error_doc("Bad input: the message names the field and what is valid"),
}


def page(
    request: Request, template: str, me: Me | None, status: int = 200, **context: Any
) -> HTMLResponse:
    """A practice page: never cached (health records), the logged-in account in context."""
    response = render(request, template, status=status, me=me, **context)
    response.headers.update(NO_STORE)
    return response


def client_name(client: Client) -> str:
    """A client's name as the pages say it: the personal journal's (stored in English, as
    every journal is created) in the current language."""
    return _(JOURNAL_NAME) if client.is_self else client.name


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


class OnVisit(NamedTuple):
    """What every page of one visit is made with: ``request, me, practice, kb, visit_id = at``."""

    request: Request
    me: Me
    practice: PracticeApp
    kb: KnowledgeBase
    visit_id: int


def _on_visit(
    request: Request, visit_id: RecordId, me: CurrentUser, practice: PracticeDep, kb: KbDep
) -> OnVisit:
    return OnVisit(request, me, practice, kb, visit_id)


# A visit's page or form: the visit's id from the path, the logged-in account, the practice.
VisitPage = Annotated[OnVisit, Depends(_on_visit)]
