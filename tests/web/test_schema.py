"""Property-based API tests: schemathesis generates requests from the published OpenAPI schema and
no generated request may produce a server error (5xx). In-process ASGI app, small example budget.

The operations are driven with plain Hypothesis (``operation.as_strategy()``) rather than the
schemathesis pytest plugin, which does not load under pytest 9.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from newsdesk.web.app import create_app  # noqa: E402

EXAMPLES_PER_OPERATION = 5  # 20 operations → about 100 generated requests


@pytest.fixture(scope="module")
def operations(demo_db):
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(demo_db))
    return [result.ok() for result in schema.get_all_operations()]


def test_schema_covers_every_api_route(operations):
    labels = {op.label for op in operations}
    assert len(labels) >= 18
    assert "GET /api/export/{table}.{fmt}" in labels and "GET /api/actors/{name}/events" in labels


def test_no_generated_request_is_a_server_error(operations):
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:  # noqa: ANN001
            case.call_and_validate(checks=[not_a_server_error])

        try:
            check()
        except Exception as exc:  # collect all operations' failures, then report them together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
