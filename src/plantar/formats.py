"""Numbers, money and dates as the current language writes them, by Babel (the CLDR).

English keeps the forms plantar has always shown (``1500 RUB``, ``3 Dec 2026, 14:05``);
Russian writes ``1 500 ₽`` and ``3 дек. 2026, 14:05``. Babel is imported on first use, so a
command that shows no amount or date never loads it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from plantar.i18n import DEFAULT, current

# Patterns, per language: English as plantar has always written them, others the CLDR's.
_MONEY = {DEFAULT: "0.## ¤¤"}  # 1500 RUB, 1500.5 RUB
_MONEY_OTHER = "#,##0.## ¤"  # 1 500 ₽ (the locale's symbol, grouping and decimal mark)
_NUMBER = {DEFAULT: "0.##"}
_NUMBER_OTHER = "#,##0.##"
DAY = "d MMM y"  # 3 Dec 2026 / 3 дек. 2026
DAY_AND_TIME = "d MMM y, HH:mm"


def number(value: float | Decimal) -> str:
    """A plain number: ``1500``, ``0.5`` in English; ``1 500``, ``0,5`` in Russian."""
    from babel.numbers import format_decimal

    lang = current()
    return format_decimal(value, format=_NUMBER.get(lang, _NUMBER_OTHER), locale=lang)


def money(amount: float | Decimal, currency: str | None) -> str:
    """An amount with its ISO 4217 currency (none: the number alone)."""
    if not currency:
        return number(amount)
    from babel.numbers import format_currency

    lang = current()
    return format_currency(
        amount,
        currency,
        format=_MONEY.get(lang, _MONEY_OTHER),
        locale=lang,
        currency_digits=False,
    )


def day(value: date) -> str:
    """A date: ``3 Dec 2026``, ``3 дек. 2026``."""
    from babel.dates import format_date

    return format_date(value, DAY, locale=current())


def moment(value: datetime) -> str:
    """A date and time of day: ``3 Dec 2026, 14:05``, ``3 дек. 2026, 14:05``."""
    from babel.dates import format_datetime

    return format_datetime(value, DAY_AND_TIME, locale=current())
