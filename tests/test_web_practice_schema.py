"""schemathesis over the practice API, logged in as a practitioner with records of her own:
no 5xx, every answer as the OpenAPI document describes it, on SQLite and PostgreSQL.

Logged in, because logged out every call stops at 401 and nothing behind it is exercised.
"Schema-valid request rejected" is not checked: a well-typed body may still name an unknown
style or region, or a record of nobody's, and that is 422 or 404 by design. The operations are
driven from inside one test (not by ``schema.parametrize``) so that they run against the
test's own database on each engine.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from conftest import ARTIFACTS
from hypothesis_profiles import examples
from plantar.practice.db import Database

if TYPE_CHECKING:
    from web_practice_support import Records, Visitor

# Logging out or in again mid-run would only test the login, over and over.
SKIPPED = {"/api/v1/login", "/api/v1/logout"}


def test_every_practice_operation_keeps_to_its_schema(
    app: FastAPI, db: Database, as_alice: Visitor, records: Records
) -> None:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [
        op
        for result in schema.get_all_operations()
        if "practice" in ((op := result.ok()).tags or []) and op.path not in SKIPPED
    ]
    assert len(operations) >= 25
    auth = {"headers": {"X-CSRF-Token": as_alice.csrf}, "cookies": dict(as_alice.http.cookies)}
    statuses: Counter[int] = Counter()
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples(25),
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def check(case: Any) -> None:
            response = case.call(**auth)
            statuses[response.status_code] += 1
            case.validate_response(response, excluded_checks=[positive_data_acceptance])

        check()
    # The figures of the note: cases run and answers by status (a 5xx fails the check above).
    out = ARTIFACTS / "adversarial" / f"operations-{db.dialect}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    figures = {
        "engine": db.dialect,
        "operations": len(operations),
        "cases": sum(statuses.values()),
        "statuses": dict(sorted(statuses.items())),
        "server_errors": sum(n for status, n in statuses.items() if status >= 500),
    }
    out.write_text(json.dumps(figures, indent=2) + "\n")
    assert figures["server_errors"] == 0
