"""schemathesis, stateful: workflows over the practice API (a client made, its visit read,
planned, charted, screened, signed, a course counted...), the ids of one answer fed to the next
call by the links schemathesis infers from the OpenAPI document. Logged in as a practitioner
with records of her own, on SQLite and on PostgreSQL: no 5xx, every answer as documented.

Each scenario starts from the same records: a new practitioner of its own, given Alice's
records. Hypothesis replays the choices of one scenario in the next, so a scenario that met
what an earlier one left (a price it deleted, a client it made) would draw differently and
be reported as flaky data generation, not as what the API did.

The figures (calls made, answers by status, 5xx found) go to
artifacts/adversarial/stateful-<engine>.json for the note.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.specs.openapi.checks import positive_data_acceptance

from conftest import ARTIFACTS
from hypothesis_profiles import examples
from plantar.practice.db import Database
from practice_fixtures import _persona
from web_practice_support import log_in, make_records

if TYPE_CHECKING:
    from web_practice_support import Visitor


def test_practice_workflows_keep_to_the_schema(
    app: FastAPI, db: Database, password_hash: str
) -> None:
    schema = (
        schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
        .include(tag="practice")
        .exclude(path=["/api/v1/login", "/api/v1/logout"])  # would only test logging in
    )
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    practitioners = iter(range(1, 10**6))

    def practitioner() -> Visitor:
        """A new practitioner, logged in, with records as Alice's."""
        user = _persona(db, f"p{next(practitioners)}@example.org", "practitioner", password_hash)
        visitor = log_in(app, user.email)
        make_records(visitor)
        return visitor

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            visitor = practitioner()
            self.auth = {
                "headers": {"X-CSRF-Token": visitor.csrf},
                "cookies": dict(visitor.http.cookies),
            }

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return self.auth  # type: ignore[no-any-return]

        def after_call(self, response: Any, case: Any) -> None:
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            # A well-typed body may still name an unknown style or someone else's record:
            # 422 or 404 by design, so "schema-valid request rejected" is not a failure here.
            case.validate_response(
                response,
                excluded_checks=[positive_data_acceptance],
                transport_kwargs=kwargs.get("transport_kwargs"),
            )

    run_state_machine_as_test(
        Workflow,
        settings=settings(
            max_examples=examples(40),
            stateful_step_count=10,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    figures = {
        "engine": db.dialect,
        "calls": sum(statuses.values()),
        "statuses": dict(sorted(statuses.items())),
        "server_errors": len(failures),
    }
    out = ARTIFACTS / "adversarial" / f"stateful-{db.dialect}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    assert failures == []
    assert figures["calls"] > 40  # the workflows ran, not just their first steps
    # And reached records, not only errors (a tenth of the examples in the dev profile).
    assert statuses[200] + statuses[201] > examples(40) // 4
