"""Numbers, money and dates as the current language writes them, by Babel (the CLDR).

English keeps the forms plantar has always shown (``1500 RUB``, ``3 Dec 2026, 14:05``);
Russian writes ``1 500 ₽`` and ``3 дек. 2026, 14:05``. Babel is imported on first use, so a
command that shows no amount or date never loads it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from plantar.i18n import DEFAULT, current

# Patterns, per language: English as plantar has always written them, others the CLDR's
# grouping and decimal mark. ``cents``: an account's amount, always with its two decimals.
_NUMBER = {DEFAULT: "0.##"}
_NUMBER_OTHER = "#,##0.##"
_CENTS = {DEFAULT: "0.00"}
_CENTS_OTHER = "#,##0.00"
DAY = "d MMM y"  # 3 Dec 2026 / 3 дек. 2026
DAY_AND_TIME = "d MMM y, HH:mm"


def number(value: float | Decimal, *, cents: bool = False) -> str:
    """A number: ``1500``, ``0.5`` (``13500.00`` with cents) in English; ``1 500``, ``0,5``
    (``13 500,00``) in Russian."""
    from babel.numbers import format_decimal

    lang = current()
    pattern = _CENTS.get(lang, _CENTS_OTHER) if cents else _NUMBER.get(lang, _NUMBER_OTHER)
    return format_decimal(value, format=pattern, locale=lang)


def currency_sign(code: str) -> str:
    """A currency as an amount is followed by: its ISO code in English (``RUB``), the
    language's sign otherwise (``₽``; the code where the language has none)."""
    lang = current()
    if lang == DEFAULT:
        return code
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(code, locale=lang)


def money(amount: float | Decimal, currency: str | None, *, cents: bool = False) -> str:
    """An amount with its ISO 4217 currency (none: the number alone): ``1500 RUB``,
    ``1 500 ₽``."""
    said = number(amount, cents=cents)
    return f"{said} {currency_sign(currency)}" if currency else said


def day(value: date) -> str:
    """A date: ``3 Dec 2026``, ``3 дек. 2026``."""
    from babel.dates import format_date

    return format_date(value, DAY, locale=current())


def moment(value: datetime) -> str:
    """A date and time of day: ``3 Dec 2026, 14:05``, ``3 дек. 2026, 14:05``."""
    from babel.dates import format_datetime

    return format_datetime(value, DAY_AND_TIME, locale=current())
