"""A bounded schemathesis run over the OpenAPI document: every operation, generated inputs
(positive and negative), a fixed seed and a small budget; no answer may be a server error. The
document lists the error answers (401/403/404/422) of every operation."""

from __future__ import annotations

import time
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from dangvu.accounts.models import User
from dangvu.accounts.services import api_token_create
from dangvu.assignments.models import Task
from dangvu.config.api import api
from dangvu.config.wsgi import application

MAX_EXAMPLES = 12  # per operation; the whole run stays well under a minute


def test_openapi_lists_error_answers(db: None) -> None:
    schema = api.get_openapi_schema()
    assert "Error" in schema["components"]["schemas"]
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for code in ("401", "403", "404", "422"):
                assert code in operation["responses"], (method, path, code)


@pytest.mark.django_db(transaction=False)
def test_bounded_fuzz_finds_no_server_error(task: Task) -> None:
    user = User.objects.get(username="vanphong")
    _token, secret = api_token_create(user=user, name="fuzz")
    raw = api.get_openapi_schema()
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = application
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    headers = {"Authorization": f"Bearer {secret}"}
    failures: list[str] = []
    statuses: dict[int, int] = {}
    start = time.monotonic()

    def fuzz(operation: Any) -> None:
        @seed(20261201)
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(), other_task=st.sampled_from([task.pk, 10**12]))
        def run(case: Any, other_task: int) -> None:
            if case.path_parameters and "task_id" in case.path_parameters:
                case.path_parameters["task_id"] = other_task
            response = case.call(headers=headers)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                failures.append(
                    f"{operation.label}: {response.status_code} for "
                    f"{case.path_parameters} {case.query} {str(case.body)[:200]}"
                )

        run()

    # As Django's test client does: the test's transaction must outlive each request (the WSGI
    # handler would otherwise close the connection, and PostgreSQL lose the test's data).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        for operation in operations:
            fuzz(operation)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    elapsed = time.monotonic() - start
    assert failures == [], "\n".join(failures)
    assert elapsed < 60
    # The run reached the views: answers of every kind, none a server error.
    assert statuses.get(200, 0) > 0, statuses
    assert sum(n for code, n in statuses.items() if 400 <= code < 500) > 0, statuses
    print(f"fuzz: {sum(statuses.values())} requests in {elapsed:.1f} s: {sorted(statuses.items())}")
