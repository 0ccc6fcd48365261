"""The one Jinja environment of the pages: where the templates are, and every global and
filter they use, registered here and nowhere else (so no page works only because another
module happened to be imported first).

Templates: ``home/`` and ``practice/`` for each side's pages and partials; at the top, what
both use (``base.html``, ``error.html``, the verdict, evidence and disclaimer partials).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from plantar import formats, i18n
from plantar.knowledge import vocabulary
from plantar.safety.advice import URGENCY_ADVICE, URGENCY_WORDS
from plantar.web.forms import Form
from plantar.web.verdict import emergency_call, prose

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
# The interface's words through gettext in the request's language ({% trans %}, _(), the
# plural forms of ngettext): plantar.i18n reads the language the request made current.
TEMPLATES.env.add_extension("jinja2.ext.i18n")
TEMPLATES.env.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
)


def languages(request: Request) -> list[dict[str, str]]:
    """The switch on every page: each other language by its own name, linking to this page
    in it (``?lang=`` sets the cookie that keeps it)."""
    out = []
    for code in i18n.LANGUAGES:
        if code != i18n.current():
            url = request.url.include_query_params(lang=code)
            out.append({"code": code, "name": i18n.NAMES[code], "href": f"{url.path}?{url.query}"})
    return out


def journal_plan_request(request: Request) -> str:
    """The guided player's plan request as JSON, for its "Save to my journal" (the player
    page only renders when this request made a plan, so it is valid)."""
    return msgspec.json.encode(Form.of(request.query_params).plan_request()).decode()


TEMPLATES.env.globals.update(
    {
        # Every display word of an enumerated value comes from the one vocabulary:
        # ``{{ label('feet', step.foot) }}``; ``vocabulary.evidence.ids`` its values in order.
        "label": vocabulary.label,
        "vocabulary": vocabulary.TABLES,
        # Every page's footer (_disclaimer.html) and every verdict: "urgent" reads the same
        # everywhere; the number is read at each render, so a changed setting shows at once.
        "URGENCY_ADVICE": URGENCY_ADVICE,
        "URGENCY_WORDS": URGENCY_WORDS,
        "emergency_call": emergency_call,
        # The player (home) offers "Save to my journal" (practice/_journal.html).
        "journal_plan_request": journal_plan_request,
        "current_language": i18n.current,
        # Dates as the language writes them (Babel): "3 Dec 2026, 14:05", «3 дек. 2026, 14:05».
        "format_day": formats.day,
        "format_moment": formats.moment,
        # Amounts: "13500.00 RUB", «13 500,00 ₽» (cents=True for an account's money).
        "format_number": formats.number,
        "format_money": formats.money,
        "currency_sign": formats.currency_sign,
        "languages": languages,
    }
)
TEMPLATES.env.filters["prose"] = prose


SETTING = re.compile(r"PLANTAR_[A-Z_]+")


@cache
def _ids() -> frozenset[str]:
    from plantar.knowledge import load
    from plantar.knowledge.schema import KINDS

    return frozenset((*load().ids(), *KINDS))


def codes(text: str) -> Markup:
    """An error's sentence with the ids it names (records, kinds, settings: what one types,
    never translated) set as code, so a reader tells them from the words around them."""

    def code(found: re.Match[str]) -> str:
        word = found.group(0)
        named = word in _ids() or SETTING.fullmatch(word)  # a record, a kind, a setting
        return f"<code>{word}</code>" if named else word

    return Markup(re.sub(r"[A-Za-z0-9_:.\-]*[A-Za-z0-9_]", code, str(escape(text))))


TEMPLATES.env.filters["codes"] = codes


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status)
