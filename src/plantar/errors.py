"""Errors every layer may raise and every adapter knows how to report."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from plantar.i18n import _, ngettext


def suggestions(value: str, valid: Iterable[str], n: int = 5, cutoff: float = 0.5) -> list[str]:
    """The valid values closest to ``value``, case aside (``ki1`` finds ``KI1``), best first:
    the one "did you mean" of the CLI, the API and the pages."""
    lowered: dict[str, str] = {}
    for choice in valid:
        lowered.setdefault(choice.lower(), choice)
    close = difflib.get_close_matches(value.lower(), list(lowered), n=n, cutoff=cutoff)
    return [lowered[c] for c in close]


def did_you_mean(value: str, valid: Iterable[str], n: int = 5) -> str:
    """ " Did you mean: A, B?" for the closest valid values, or nothing."""
    close = suggestions(value, valid, n)
    return " " + _("Did you mean: {values}?").format(values=", ".join(close)) if close else ""


SHOWN_MAX = 80  # characters of a bad value said back: enough to see it, never a whole upload


def shown(value: object) -> str:
    """``value`` as an error message says it back: its repr, cut short when long."""
    text = repr(value)
    if len(text) <= SHOWN_MAX:
        return text
    count = ngettext("{count} character", "{count} characters", len(text))
    return f"{text[: SHOWN_MAX - 1]}… ({count.format(count=len(text))})"


class NotFound(LookupError):
    """Nothing has this id (or it is not yours: the same answer, so ids reveal nothing).
    The CLI exits 2 with ``message``, the web answers 404 with it."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class BadInput(ValueError):
    """A request names a value that is not valid. The message names it and the valid ones,
    and the nearest of them ("did you mean"), from ``valid`` when it lists them or ``among``
    when ``valid`` describes them in words: written here once for every layer.

    The CLI reports it with exit status 2, the web API with HTTP 422, both with ``message``.
    """

    def __init__(
        self,
        field: str,
        value: object,
        valid: Iterable[str] | str | None = None,
        *,
        message: str | None = None,
        among: Iterable[str] | None = None,
    ):
        # Said in the current language (the request's, the command's). The field and the
        # values are ids: never words.
        self.field = field
        self.value = value
        # The valid values nearest a mistyped one ("sleepy" -> "sleep"), best first.
        self.suggestions: list[str] = []
        if message is not None:  # a decoder's own words (e.g. a JSON body of the wrong type)
            self.message = message
            super().__init__(message)
            return
        if isinstance(valid, str):
            expected = valid
        elif valid is not None:
            valid = list(valid)
            among = valid if among is None else among
            expected = _("one of: {values}").format(values=", ".join(sorted(valid)))
        else:
            expected = ""
        if among is not None and isinstance(value, str):
            self.suggestions = suggestions(value, among, n=3)
        if expected:
            said = _("{field}: {value} is not valid; expected {expected}")
        else:
            said = _("{field}: {value} is not valid")
        self.message = said.format(field=field, value=shown(value), expected=expected)
        if self.suggestions:
            values = ", ".join(self.suggestions)
            self.message += ". " + _("Did you mean: {values}?").format(values=values)
        super().__init__(self.message)


def decoding_error(text: str, within: str = "") -> BadInput:
    """A decoder's error as ``BadInput`` naming the place: msgspec's "Expected `int`, got
    `str` - at `$.steps[0].seconds`" within ``plan`` is "plan.steps[0].seconds: expected
    `int`, got `str`", its field ``plan.steps`` (the field, without a list's index)."""
    said, _, where = text.partition(" - at `$")
    path = where.rstrip("`")
    unknown = said.removeprefix("Object contains unknown field ")
    if unknown != said:  # the place is the unknown field itself
        path += "." + unknown.strip("`")
    place = (within + path if within else path.lstrip(".")) or "body"
    return BadInput(place.split("[")[0], None, message=f"{place}: {said[:1].lower()}{said[1:]}")


def whole_number(field: str, raw: str, valid: str, *, high: int) -> int:
    """A whole number typed as text (a form's record id, an ``If-Match`` version): ASCII
    digits only (``int`` would also read "١٢" or a 5,000-digit number, and then fail or be
    absurd), from 1 to ``high``; ``BadInput`` naming ``valid`` otherwise."""
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)):
        raise BadInput(field, raw, valid)
    value = int(text)
    if not 1 <= value <= high:
        raise BadInput(field, raw, valid)
    return value
