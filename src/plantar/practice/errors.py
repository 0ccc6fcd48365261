"""Errors of the practice journal, each with the message an adapter shows as it is.

Bad input is ``plantar.errors.BadInput`` (exit 2, HTTP 422) as everywhere else; these are the
other outcomes a page or an API call must map: not found (404), locked or stale (409),
refused login (401), forbidden (403).
"""

from __future__ import annotations

from plantar import errors


class PracticeError(Exception):
    """Base of the practice errors; ``message`` is safe to show to the user."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class NotFound(PracticeError, errors.NotFound):
    """A record that does not exist or belongs to another practitioner: the same message for
    both, so a practitioner cannot learn which ids exist elsewhere. (The one ``NotFound`` of
    ``plantar.errors``, for a record of the journal.)"""

    def __init__(self, kind: str, record_id: object) -> None:
        self.kind = kind
        self.record_id = record_id
        super().__init__(f"{kind} {record_id} not found")


class Forbidden(PracticeError):
    """The caller is known but its role does not allow this (the audit log is the admin's)."""


class NoteLocked(PracticeError):
    """The visit's note is signed: it no longer changes, later changes are dated addenda."""

    def __init__(self, visit_id: int) -> None:
        self.visit_id = visit_id
        super().__init__(
            f"visit {visit_id} is signed and locked; add a dated addendum to change it"
        )


class SignatureUnconfirmed(PracticeError):
    """Signing would lock in something a practitioner would not sign on purpose (an empty
    note, no intake): ``gaps`` maps each to its words; signing again confirming them signs."""

    def __init__(self, visit_id: int, gaps: dict[str, str]) -> None:
        self.visit_id = visit_id
        self.gaps = gaps
        super().__init__(
            f"visit {visit_id} is not signed: "
            + "; ".join(gaps.values())
            + ". To sign it anyway, confirm "
            + ", ".join(gaps)
        )


class Conflict(PracticeError):
    """Someone else changed the record since it was read (optimistic version check)."""


class LoginFailed(PracticeError):
    """Wrong email or password, unknown account or disabled account: one generic message."""

    GENERIC = "Wrong email or password."

    def __init__(self, message: str = GENERIC) -> None:
        super().__init__(message)


class LoginThrottled(LoginFailed):
    """Too many failed attempts for this address or this email in the window."""

    def __init__(self, retry_after_seconds: int) -> None:
        self.retry_after_seconds = retry_after_seconds
        minutes = max(1, -(-retry_after_seconds // 60))
        super().__init__(f"Too many failed attempts; try again in {minutes} minute(s).")


class SessionInvalid(PracticeError):
    """No such login session, or it ended (logged out, idle too long, too old)."""

    def __init__(self) -> None:
        super().__init__("Your session has ended; please log in again.")


class CsrfRejected(PracticeError):
    """A state-changing request without the session's CSRF token."""

    def __init__(self) -> None:
        super().__init__("The form is out of date or was not sent by this site; reload it.")
