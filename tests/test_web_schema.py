"""schemathesis against the app's own OpenAPI document: no 5xx, every response as documented.

"Schema-valid request rejected" is not checked: a body whose fields have the right types can
still name an unknown id (ids are data, listed by /api/v1/kb) or miss what another field
requires (a plan needs goals and minutes, or a routine); those are 422 by design.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from hypothesis_profiles import examples
from plantar.web.app import create_app

schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app())


@schema.parametrize()
@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_keeps_to_its_schema(case: schemathesis.Case) -> None:
    excluded = [positive_data_acceptance]
    if case.operation.path == "/api/v1/map.svg":
        # An empty value ("Any" in the explorer's selects) means "no filter", on purpose.
        excluded.append(negative_data_rejection)
    case.call_and_validate(excluded_checks=excluded)
