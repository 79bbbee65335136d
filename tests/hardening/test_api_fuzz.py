"""A bounded schemathesis run over the OpenAPI document: every operation, generated inputs
(positive and negative), a fixed seed and a small budget; no answer may be a server error. It runs
as an office user and as a unit's reporter, with path parameters drawn from objects that exist
and that each may act on (a task led by the reporter's unit, its progress report, a period and
the unit's contribution, a conference with an agenda item), so that POSTs reach the services
instead of stopping at 403/404. The document lists the error answers (401/403/404/422) of every
operation. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
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
from dangvu.assignments import services as task_services
from dangvu.assignments.models import Task
from dangvu.config.api import api
from dangvu.config.wsgi import application
from dangvu.meetings.models import Conference
from dangvu.reports.models import Period

MAX_EXAMPLES = 12  # per operation; the whole run stays well under a minute


def test_openapi_lists_error_answers(db: None) -> None:
    schema = api.get_openapi_schema()
    assert "Error" in schema["components"]["schemas"]
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            for code in ("401", "403", "404", "422"):
                assert code in operation["responses"], (method, path, code)


MISSING = 10**12  # an id that exists nowhere


def _objects(task: Task, period: Period, conference: Conference) -> dict[str, list[int]]:
    """Real ids for each path parameter, next to one that does not exist."""
    reporter = User.objects.get(username="baocao")
    report = task_services.progress_report_create(
        task=task,
        by=reporter,
        unit=task.lead_unit,
        done="Đã triển khai",
        percent=30,
        reported_on=dt.date(2020, 11, 20),
    )
    contribution = period.contributions.get(unit__code="lb-btg")
    return {
        "task_id": [task.pk],
        "report_id": [report.pk],
        "period_id": [period.pk],
        "contribution_id": [contribution.pk],
        "conference_id": [conference.pk],
        "item_id": list(conference.agenda.values_list("pk", flat=True)),
        "organisation_id": [task.lead_unit_id or MISSING, task.committee_id],
        "number": [1],
    }


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("username", ["vanphong", "baocao"])
def test_bounded_fuzz_finds_no_server_error(
    username: str, task: Task, period: Period, conference: Conference
) -> None:
    user = User.objects.get(username=username)
    _token, secret = api_token_create(user=user, name="fuzz", by=user)
    real = _objects(task, period, conference)
    raw = api.get_openapi_schema()
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = application
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    headers = {"Authorization": f"Bearer {secret}"}
    failures: list[str] = []
    statuses: dict[int, int] = {}
    writes: dict[int, int] = {}  # answers to POST/PUT/PATCH
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
        @given(case=operation.as_strategy(), data=st.data())
        def run(case: Any, data: Any) -> None:
            for name in list(case.path_parameters or {}):
                if name in real:
                    choices = [*real[name], MISSING]
                    case.path_parameters[name] = data.draw(st.sampled_from(choices), label=name)
            response = case.call(headers=headers)
            code = response.status_code
            statuses[code] = statuses.get(code, 0) + 1
            if case.method.upper() in ("POST", "PUT", "PATCH"):
                writes[code] = writes.get(code, 0) + 1
            if code >= 500:
                failures.append(
                    f"{operation.label}: {code} for "
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
    assert elapsed < 180
    # The run reached the views: answers of every kind, none a server error.
    assert statuses.get(200, 0) > 0, statuses
    assert sum(n for code, n in statuses.items() if 400 <= code < 500) > 0, statuses
    # Some writes got through the policy to the services: accepted, or refused by a rule (422).
    assert sum(n for code, n in writes.items() if code in (200, 201, 422)) > 0, writes
    print(
        f"fuzz as {username}: {sum(statuses.values())} requests in {elapsed:.1f} s: "
        f"{sorted(statuses.items())}; writes {sorted(writes.items())}"
    )
