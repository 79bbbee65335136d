"""Migrations keep what they did (issue 18, item 7): none imports the application's live code,
and the kept closed-task counts are recounted by a data migration of their own."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import dangvu
from dangvu.assignments import closed_counts
from dangvu.assignments.models import ClosedTasksByMonth, ClosedTasksByUnit, Task
from tests.factories import TaskFactory

SRC = Path(dangvu.__file__).parent


def test_no_migration_imports_live_app_code() -> None:
    offenders = []
    for path in sorted(SRC.glob("*/migrations/0*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [
                f"{path.relative_to(SRC)}: {name}" for name in names if name.startswith("dangvu")
            ]
    assert offenders == []


def test_closed_counts_migration_is_schema_and_recount_is_data() -> None:
    from importlib import import_module

    from django.db.migrations import RunPython

    schema = import_module("dangvu.assignments.migrations.0004_closed_task_counts").Migration
    data = import_module("dangvu.assignments.migrations.0007_recount_no_deadline").Migration
    # 0004: the two tables and the triggers (DDL); 0007: one recount, nothing else
    assert [type(op).__name__ for op in schema.operations] == [
        "CreateModel",
        "CreateModel",
        "RunPython",
    ]
    assert [type(op) for op in data.operations] == [RunPython]


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_recount_migration_counts_tasks_closed_before_the_counts_existed() -> None:
    task = TaskFactory()
    Task.objects.filter(pk=task.pk).update(completed_on=dt.date(2020, 11, 30))
    assert closed_counts.differences() == []
    _migrate([("assignments", "0005_lead_unit_changes")])
    # a database whose tasks were closed before the kept counts existed: none counted
    ClosedTasksByUnit.objects.all().delete()
    ClosedTasksByMonth.objects.all().delete()
    assert closed_counts.differences() != []

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert closed_counts.differences() == []
    assert ClosedTasksByUnit.objects.filter(lead_unit_id=task.lead_unit_id, tasks=1).exists()
