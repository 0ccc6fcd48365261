"""Read the practice pages' forms into the journal's input models, and every problem into a
message per field (shown next to the field when the form comes back with status 422).

Only text conversion lives here. What is valid is the schemas' and the services' to say:
a pydantic ``ValidationError`` gives every problem of the form at once, a service's
``BadInput`` the one it found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from plantar.errors import BadInput, whole_number
from plantar.i18n import DEFAULT, N_, _, ngettext, use
from plantar.web.practice.auth import MAX_ID

M = TypeVar("M", bound=BaseModel)

# Field names of the services' BadInput that a form shows under another field.
ALIASES = {"visit": "visit_id", "course": "course_id"}


class FormInvalid(Exception):
    """A form with problems: field name -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


# pydantic's words for the problems a form's text can have, by pydantic's error type, in the
# current language: each English text is pydantic's own (English shows pydantic's message as
# it is), placeholders named as in the error's ``ctx``. A type not listed, or not translated,
# shows pydantic's message.
PYDANTIC: dict[str, str] = {
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "int_type": N_("Input should be a valid integer"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "finite_number": N_("Input should be a finite number"),
    "decimal_parsing": N_("Input should be a valid decimal"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "datetime_parsing": N_("Input should be a valid datetime, {error}"),
    "datetime_from_date_parsing": N_("Input should be a valid datetime or date, {error}"),
    "timezone_aware": N_("Input should have timezone info"),
    "literal_error": N_("Input should be {expected}"),
}


# The problems that count (characters, digits), by the ``ctx`` field holding the count.
COUNTED = {
    "string_too_long": "max_length",
    "string_too_short": "min_length",
    "decimal_max_digits": "max_digits",
    "decimal_max_places": "decimal_places",
    "decimal_whole_digits": "whole_digits",
}


def _words(kind: str, n: int) -> str | None:
    """The template of pydantic's problem ``kind`` (``n``: its count) in the current language;
    None for a problem not listed here."""
    if kind == "string_too_long":
        return ngettext(
            "String should have at most {max_length} character",
            "String should have at most {max_length} characters",
            n,
        )
    if kind == "string_too_short":
        return ngettext(
            "String should have at least {min_length} character",
            "String should have at least {min_length} characters",
            n,
        )
    if kind == "decimal_max_digits":
        return ngettext(
            "Decimal input should have no more than {max_digits} digit in total",
            "Decimal input should have no more than {max_digits} digits in total",
            n,
        )
    if kind == "decimal_max_places":
        return ngettext(
            "Decimal input should have no more than {decimal_places} decimal place",
            "Decimal input should have no more than {decimal_places} decimal places",
            n,
        )
    if kind == "decimal_whole_digits":
        return ngettext(
            "Decimal input should have no more than {whole_digits} digit before the decimal point",
            "Decimal input should have no more than {whole_digits} digits before the decimal point",
            n,
        )
    return _(PYDANTIC[kind]) if kind in PYDANTIC else None


def _translated(error: Mapping[str, Any]) -> str | None:
    """pydantic's problem in the current language, or None to show pydantic's own words
    (in English, or for a problem not translated)."""
    kind = str(error["type"])
    context = dict(error.get("ctx") or {})
    count = context.get(COUNTED.get(kind, ""), 0)
    n = count if isinstance(count, int) else 0
    said = _words(kind, n)
    with use(DEFAULT):
        english = _words(kind, n)
    if said is None or said == english:
        return None
    try:
        return said.format(**context)
    except (KeyError, IndexError, ValueError):  # a placeholder this pydantic does not fill
        return None


def _message(error: Mapping[str, Any]) -> str:
    if error["type"] == "missing":
        return _("Please fill this in.")
    text = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "value_error":
        # A schema's own words, said in the current language when the catalog knows them.
        text = _(text) if text else text
    else:
        text = _translated(error) or text
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def problems(exc: ValidationError) -> dict[str, str]:
    """Each field's first problem, in the model's words."""
    out: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "form"
        out.setdefault(field, _message(error))
    return out


def bad_input(exc: BadInput) -> dict[str, str]:
    """The service's message under its field (without the field's name: it is next to it)."""
    field = ALIASES.get(exc.field, exc.field)
    message = exc.message.removeprefix(f"{exc.field}: ")
    return {field: message[:1].upper() + message[1:]}


def parse(model: type[M], data: Mapping[str, Any]) -> M:
    """``model`` from the form's values, or ``FormInvalid`` naming every bad field."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise FormInvalid(problems(exc)) from None


def record_id(raw: str, field: str, valid: str) -> int:
    """A record id typed or chosen in a form; ``BadInput`` when it cannot be one."""
    return whole_number(field, raw, valid, high=MAX_ID)


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def many(form: FormData, name: str) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in form.getlist(name) if isinstance(v, str) and v))


def filled(form: FormData, names: Iterable[str]) -> dict[str, str]:
    """The named fields that are not empty (an empty field means "not given": the model's
    default applies, and a required field is reported as missing)."""
    return {name: value for name in names if (value := text(form, name))}


def checked(form: FormData, name: str) -> bool:
    return name in form and text(form, name) not in ("", "0", "off", "false")


class Shown:
    """The values a form shows: what was sent when it comes back with problems, else the
    record's current values. ``get`` is one value, ``all`` a list (checkboxes)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data: dict[str, list[str]] = {}
        for key, value in data.items():
            if value is None:
                continue
            items = value if isinstance(value, list | tuple) else [value]
            self.data[key] = [str(v) for v in items]
        for secret in ("csrf_token", "password"):
            self.data.pop(secret, None)

    @classmethod
    def of(cls, form: FormData) -> Shown:
        return cls({k: [v for v in form.getlist(k) if isinstance(v, str)] for k in form})

    def get(self, name: str, default: str = "") -> str:
        found = self.data.get(name)
        return found[-1] if found else default

    def all(self, name: str) -> list[str]:
        return self.data.get(name, [])
