"""Errors every layer may raise and every adapter knows how to report."""

from __future__ import annotations

from collections.abc import Iterable


class BadInput(ValueError):
    """A request names a value that is not valid. The message names it and the valid ones.

    The CLI reports it with exit status 2, the web API with HTTP 422, both with ``message``.
    """

    def __init__(
        self,
        field: str,
        value: object,
        valid: Iterable[str] | str | None = None,
        *,
        message: str | None = None,
    ):
        self.field = field
        self.value = value
        if message is not None:  # a decoder's own words (e.g. a JSON body of the wrong type)
            self.message = message
            super().__init__(message)
            return
        if isinstance(valid, str):
            expected = valid
        elif valid is not None:
            expected = "one of: " + ", ".join(sorted(valid))
        else:
            expected = ""
        self.message = f"{field}: {value!r} is not valid" + (
            f"; expected {expected}" if expected else ""
        )
        super().__init__(self.message)
