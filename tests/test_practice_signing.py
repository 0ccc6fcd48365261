"""Signing loses nothing: the note as typed is saved with the signature, and an empty note or a
visit without an intake is signed only once the practitioner confirms it (service, API, page)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from plantar.errors import BadInput
from plantar.practice import clients, screenings, visits
from plantar.practice.db import Database
from plantar.practice.errors import SignatureUnconfirmed
from plantar.practice.models import User
from plantar.practice.schemas import ClientCreate, IntakeCreate, VisitCreate, VisitUpdate

if TYPE_CHECKING:
    from web_practice_support import Visitor

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TYPED = "Tired feet after long shifts; tender left arch."


@pytest.fixture
def client_id(db: Database, alice: User) -> int:
    with db.transaction() as session:
        return clients.create_client(session, owner=alice, data=ClientCreate(name="Pyotr")).id


def _visit(db: Database, alice: User, client_id: int, *, intake: bool, note: str = "") -> int:
    with db.transaction() as session:
        made = visits.create_visit(
            session,
            owner=alice,
            client_id=client_id,
            data=VisitCreate(held_at=T0, subjective=note),
        )
        if intake:
            screenings.record_intake(session, owner=alice, visit_id=made.id, data=IntakeCreate())
    return made.id


def _stored(db: Database, alice: User, visit_id: int) -> visits.VisitPublic:
    with db.transaction() as session:
        return visits.get_visit(session, owner=alice, visit_id=visit_id)


@pytest.mark.parametrize(
    ("intake", "note", "gaps"),
    [
        (False, "", ["empty_note", "no_intake"]),
        (True, "", ["empty_note"]),
        (False, TYPED, ["no_intake"]),
    ],
)
def test_signing_asks_to_confirm_each_gap_and_signs_nothing_until_then(
    db: Database, alice: User, client_id: int, intake: bool, note: str, gaps: list[str]
) -> None:
    visit_id = _visit(db, alice, client_id, intake=intake, note=note)
    with pytest.raises(SignatureUnconfirmed) as asked, db.transaction() as session:
        visits.sign_visit(session, owner=alice, visit_id=visit_id)
    assert list(asked.value.gaps) == gaps
    for gap in gaps:
        assert visits.SIGNING_GAPS[gap] in asked.value.message
    assert _stored(db, alice, visit_id).signed_at is None
    # Confirming all but one still asks, for that one alone.
    with pytest.raises(SignatureUnconfirmed) as again, db.transaction() as session:
        visits.sign_visit(session, owner=alice, visit_id=visit_id, confirmed=gaps[1:])
    assert list(again.value.gaps) == gaps[:1]
    with db.transaction() as session:
        visits.sign_visit(session, owner=alice, visit_id=visit_id, confirmed=gaps, now=T0)
    assert _stored(db, alice, visit_id).signed_at == T0


def test_a_note_and_its_intake_sign_without_a_question(
    db: Database, alice: User, client_id: int
) -> None:
    visit_id = _visit(db, alice, client_id, intake=True, note=TYPED)
    with db.transaction() as session:
        signed = visits.sign_visit(session, owner=alice, visit_id=visit_id, now=T0)
    assert (signed.signed_at, signed.subjective) == (T0, TYPED)


def test_the_note_as_typed_is_saved_with_the_signature(
    db: Database, alice: User, client_id: int
) -> None:
    visit_id = _visit(db, alice, client_id, intake=True)
    typed = VisitUpdate(subjective=TYPED, pain_before=6, pain_after=3)
    with db.transaction() as session:
        visits.sign_visit(session, owner=alice, visit_id=visit_id, note=typed, now=T0)
    stored = _stored(db, alice, visit_id)
    assert (stored.subjective, stored.pain_before, stored.pain_after) == (TYPED, 6, 3)
    assert stored.signed_at == T0


def test_a_whitespace_note_is_an_empty_note(db: Database, alice: User, client_id: int) -> None:
    visit_id = _visit(db, alice, client_id, intake=True)
    with pytest.raises(SignatureUnconfirmed, match="note is empty"), db.transaction() as session:
        visits.sign_visit(
            session, owner=alice, visit_id=visit_id, note=VisitUpdate(objective=" \n\t ")
        )


def test_an_unknown_confirmation_is_bad_input_naming_the_known_ones(
    db: Database, alice: User, client_id: int
) -> None:
    visit_id = _visit(db, alice, client_id, intake=True, note=TYPED)
    with pytest.raises(BadInput, match="empty_note, no_intake") as bad, db.transaction() as s:
        visits.sign_visit(s, owner=alice, visit_id=visit_id, confirmed=["yes"])
    assert bad.value.field == "confirm"
    assert _stored(db, alice, visit_id).signed_at is None


# The API ---------------------------------------------------------------------------------------


def test_the_api_answers_409_naming_what_to_confirm_and_signs_with_the_note_once_told(
    as_alice: Visitor,
) -> None:
    client = as_alice.created("/api/v1/clients", {"name": "Anna", "consent": True})
    visit = as_alice.created(f"/api/v1/clients/{client}/visits", {})
    asked = as_alice.post(f"/api/v1/visits/{visit}/sign")
    assert asked.status_code == 409
    assert asked.json()["confirm"] == ["empty_note", "no_intake"]
    assert "no intake" in asked.json()["detail"]
    assert as_alice.get(f"/api/v1/visits/{visit}").json()["signed_at"] is None

    bad = as_alice.post(f"/api/v1/visits/{visit}/sign", {"confirm": ["everything"]})
    assert (bad.status_code, bad.json()["field"]) == (422, "confirm")

    signed = as_alice.post(
        f"/api/v1/visits/{visit}/sign",
        {"note": {"subjective": TYPED, "pain_after": 2}, "confirm": ["no_intake"]},
    )
    assert signed.status_code == 200, signed.text
    assert signed.json()["subjective"] == TYPED
    assert signed.json()["pain_after"] == 2
    assert signed.json()["signed_at"] is not None


def test_a_bad_field_in_the_signed_note_is_422_and_signs_nothing(as_alice: Visitor) -> None:
    client = as_alice.created("/api/v1/clients", {"name": "Anna", "consent": True})
    visit = as_alice.created(f"/api/v1/clients/{client}/visits", {"subjective": "x"})
    bad = as_alice.post(
        f"/api/v1/visits/{visit}/sign",
        {"note": {"pain_after": 11}, "confirm": ["no_intake"]},
    )
    assert (bad.status_code, bad.json()["field"]) == (422, "note.pain_after")
    assert as_alice.get(f"/api/v1/visits/{visit}").json()["signed_at"] is None


# The page --------------------------------------------------------------------------------------


def _note_form(typed: str, **more: str) -> dict[str, str]:
    """Every field of the visit page's note form, as the page sends them."""
    from plantar.web.practice.visits import RECORD_FIELDS

    return dict.fromkeys(RECORD_FIELDS, "") | {"subjective": typed, "pain_before": "6"} | more


def test_pressing_sign_without_save_signs_what_was_typed(as_alice: Visitor) -> None:
    client = as_alice.created("/api/v1/clients", {"name": "Anna", "consent": True})
    visit = as_alice.created(f"/api/v1/clients/{client}/visits", {})
    assert as_alice.post(f"/api/v1/visits/{visit}/intake", {}).status_code == 201
    page = f"/practice/visits/{visit}"
    assert 'formaction="' + page + '/sign"' in as_alice.get(page).text  # one form, two buttons
    signed = as_alice.form(f"{page}/sign", _note_form(TYPED))
    assert signed.status_code == 303
    stored = as_alice.get(f"/api/v1/visits/{visit}").json()
    assert (stored["subjective"], stored["pain_before"]) == (TYPED, 6)
    assert stored["signed_at"] is not None


def test_a_visit_without_intake_asks_before_signing_and_keeps_the_note(
    as_alice: Visitor,
) -> None:
    client = as_alice.created("/api/v1/clients", {"name": "Anna", "consent": True})
    visit = as_alice.created(f"/api/v1/clients/{client}/visits", {})
    page = f"/practice/visits/{visit}"
    asked = as_alice.form(f"{page}/sign", _note_form(TYPED))
    assert asked.status_code == 409
    assert "Not signed yet." in asked.text
    assert "Your note is saved." in asked.text
    assert "No intake (safety screening) was recorded for this visit" in asked.text
    assert f'href="{page}/intake"' in asked.text
    assert re.search(r'name="confirm" value="no_intake"', asked.text)
    assert "empty_note" not in asked.text  # the note is written: only the intake is asked
    assert TYPED in asked.text  # the page shows what was typed, not what was stored before
    stored = as_alice.get(f"/api/v1/visits/{visit}").json()
    assert (stored["subjective"], stored["signed_at"]) == (TYPED, None)  # saved, not signed

    signed = as_alice.form(f"{page}/sign", _note_form(TYPED, confirm="no_intake"))
    assert signed.status_code == 303
    assert as_alice.get(f"/api/v1/visits/{visit}").json()["signed_at"] is not None


def test_an_empty_note_is_asked_about_on_the_page(as_alice: Visitor) -> None:
    client = as_alice.created("/api/v1/clients", {"name": "Anna", "consent": True})
    visit = as_alice.created(f"/api/v1/clients/{client}/visits", {})
    assert as_alice.post(f"/api/v1/visits/{visit}/intake", {}).status_code == 201
    asked = as_alice.form(f"/practice/visits/{visit}/sign", _note_form(""))
    assert asked.status_code == 409
    assert "The note is empty (nothing under S, O, A or P)" in asked.text
    assert "Sign and lock anyway" in asked.text


def test_a_bad_field_on_sign_shows_the_form_with_its_message_and_signs_nothing(
    as_alice: Visitor,
) -> None:
    client = as_alice.created("/api/v1/clients", {"name": "Anna", "consent": True})
    visit = as_alice.created(f"/api/v1/clients/{client}/visits", {})
    shown = as_alice.form(f"/practice/visits/{visit}/sign", _note_form(TYPED, pain_after="11"))
    assert shown.status_code == 422
    assert TYPED in shown.text
    assert as_alice.get(f"/api/v1/visits/{visit}").json()["signed_at"] is None
