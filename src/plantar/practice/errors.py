"""Errors of the practice journal, each with the message an adapter shows as it is.

Bad input is ``plantar.errors.BadInput`` (exit 2, HTTP 422) as everywhere else; these are the
other outcomes a page or an API call must map: not found (404), locked or stale (409),
refused login (401), forbidden (403).
"""

from __future__ import annotations

from plantar import errors
from plantar.i18n import N_, Words, _, ngettext


class PracticeError(Exception):
    """Base of the practice errors; ``message`` is safe to show to the user."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


# The message of a record not found, per kind of record (the kind and the id stay ids).
NOT_FOUND: Words = Words(
    {
        "client": N_("client {id} not found"),
        "visit": N_("visit {id} not found"),
        "course": N_("course {id} not found"),
        "price": N_("price {id} not found"),
        "finding": N_("finding {id} not found"),
    }
)


class NotFound(PracticeError, errors.NotFound):
    """A record that does not exist or belongs to another practitioner: the same message for
    both, so a practitioner cannot learn which ids exist elsewhere. (The one ``NotFound`` of
    ``plantar.errors``, for a record of the journal.)"""

    def __init__(self, kind: str, record_id: object) -> None:
        self.kind = kind
        self.record_id = record_id
        said = NOT_FOUND[kind] if kind in NOT_FOUND else _("{kind} {id} not found")
        super().__init__(said.format(kind=kind, id=record_id))


class Forbidden(PracticeError):
    """The caller is known but its role does not allow this (the audit log is the admin's)."""


class NoteLocked(PracticeError):
    """The visit's note is signed: it no longer changes, later changes are dated addenda."""

    def __init__(self, visit_id: int) -> None:
        self.visit_id = visit_id
        super().__init__(
            _("visit {id} is signed and locked; add a dated addendum to change it").format(
                id=visit_id
            )
        )


class SignatureUnconfirmed(PracticeError):
    """Signing would lock in something a practitioner would not sign on purpose (an empty
    note, no intake): ``gaps`` maps each to its words; signing again confirming them signs."""

    def __init__(self, visit_id: int, gaps: dict[str, str]) -> None:
        self.visit_id = visit_id
        self.gaps = gaps
        super().__init__(
            _("visit {id} is not signed: {gaps}. To sign it anyway, confirm {confirm}").format(
                id=visit_id, gaps="; ".join(gaps.values()), confirm=", ".join(gaps)
            )
        )


class Conflict(PracticeError):
    """Someone else changed the record since it was read (optimistic version check)."""


class LoginFailed(PracticeError):
    """Wrong email or password, unknown account or disabled account: one generic message."""

    GENERIC = N_("Wrong email or password.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(_(self.GENERIC) if message is None else message)


class LoginThrottled(LoginFailed):
    """Too many failed attempts for this address or this email in the window."""

    def __init__(self, retry_after_seconds: int) -> None:
        self.retry_after_seconds = retry_after_seconds
        minutes = max(1, -(-retry_after_seconds // 60))
        # English says "minute(s)" for every count; Russian takes its three forms.
        super().__init__(
            ngettext(
                "Too many failed attempts; try again in {minutes} minute(s).",
                "Too many failed attempts; try again in {minutes} minute(s).",
                minutes,
            ).format(minutes=minutes)
        )


class SessionInvalid(PracticeError):
    """No such login session, or it ended (logged out, idle too long, too old)."""

    def __init__(self) -> None:
        super().__init__(_("Your session has ended; please log in again."))


class CsrfRejected(PracticeError):
    """A state-changing request without the session's CSRF token."""

    def __init__(self) -> None:
        super().__init__(_("The form is out of date or was not sent by this site; reload it."))
