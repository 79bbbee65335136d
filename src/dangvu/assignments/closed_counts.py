"""Counts of closed tasks kept by the database itself (triggers), for the statistics.

At city scale the statistics would otherwise read all 100,000 tasks on every view, where only
the open ones (about one in eight) have a status that depends on the day. A task closed —
completed or suspended — keeps its status for every day from then on (no completion or
suspension is dated in the future, see `status.py`), so closed tasks are counted once, by
committee and lead unit (`ClosedTasksByUnit`) and by committee and month of the deadline
(`ClosedTasksByMonth`), and the statistics add the open tasks counted live.

The counts are kept by row triggers on `assignments_task` (SQLite and PostgreSQL), not by the
services: every write — a service, a bulk update, the admin, a test's `QuerySet.update`, a
cascade — moves them. `rebuild()` recounts from scratch (the migration that adds them, and
`dangvu closed_counts --rebuild` should anyone doubt them; `--check` compares).

A task counts when it is published, top-level (a sub-task is part of its task) and closed. Its
outcome is the status rule's for a closed task: suspended first, then no deadline (never "on
time", issue 17), then done on time (completed on or before the deadline), else done late.
"""

# ruff: noqa: S608 - the SQL below is built from this module's constants only, never from input.
from __future__ import annotations

from typing import Any

from django.db import connections

from dangvu.assignments.enums import Status

TASK = "assignments_task"
BY_UNIT = "assignments_closedtasksbyunit"
BY_MONTH = "assignments_closedtasksbymonth"
WATCHED = [
    "published_at",
    "parent_id",
    "completed_on",
    "suspended_on",
    "deadline",
    "committee_id",
    "lead_unit_id",
]


def _counts(row: str) -> str:
    return (
        f"{row}.published_at IS NOT NULL AND {row}.parent_id IS NULL "
        f"AND ({row}.completed_on IS NOT NULL OR {row}.suspended_on IS NOT NULL)"
    )


def _outcome(row: str) -> str:
    return (
        f"CASE WHEN {row}.suspended_on IS NOT NULL THEN '{Status.SUSPENDED.value}' "
        f"WHEN {row}.deadline IS NULL THEN '{Status.NO_DEADLINE.value}' "
        f"WHEN {row}.completed_on <= {row}.deadline "
        f"THEN '{Status.DONE_ON_TIME.value}' ELSE '{Status.DONE_LATE.value}' END"
    )


def _month(row: str, vendor: str) -> str:
    if vendor == "postgresql":
        return f"COALESCE(to_char({row}.deadline, 'YYYY-MM'), '')"
    return f"COALESCE(substr({row}.deadline, 1, 7), '')"


def _lead(row: str) -> str:
    return f"COALESCE({row}.lead_unit_id, 0)"


def _add(row: str, vendor: str) -> list[str]:
    return [
        f"INSERT INTO {BY_UNIT} (committee_id, lead_unit_id, outcome, tasks) "
        f"VALUES ({row}.committee_id, {_lead(row)}, {_outcome(row)}, 1) "
        f"ON CONFLICT (committee_id, lead_unit_id, outcome) "
        f"DO UPDATE SET tasks = {BY_UNIT}.tasks + 1",
        f"INSERT INTO {BY_MONTH} (committee_id, month, outcome, tasks) "
        f"VALUES ({row}.committee_id, {_month(row, vendor)}, {_outcome(row)}, 1) "
        f"ON CONFLICT (committee_id, month, outcome) "
        f"DO UPDATE SET tasks = {BY_MONTH}.tasks + 1",
    ]


def _remove(row: str, vendor: str) -> list[str]:
    return [
        f"UPDATE {BY_UNIT} SET tasks = tasks - 1 WHERE committee_id = {row}.committee_id "
        f"AND lead_unit_id = {_lead(row)} AND outcome = {_outcome(row)}",
        f"UPDATE {BY_MONTH} SET tasks = tasks - 1 WHERE committee_id = {row}.committee_id "
        f"AND month = {_month(row, vendor)} AND outcome = {_outcome(row)}",
    ]


def _changed(distinct: str) -> str:
    return "(" + " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in WATCHED) + ")"


def _sqlite_triggers() -> list[str]:
    def body(statements: list[str]) -> str:
        return "BEGIN " + " ".join(f"{s};" for s in statements) + " END"

    changed = _changed("IS NOT")
    columns = ", ".join(WATCHED)
    return [
        f"CREATE TRIGGER {TASK}_closed_insert AFTER INSERT ON {TASK} "
        f"WHEN {_counts('NEW')} {body(_add('NEW', 'sqlite'))}",
        f"CREATE TRIGGER {TASK}_closed_delete AFTER DELETE ON {TASK} "
        f"WHEN {_counts('OLD')} {body(_remove('OLD', 'sqlite'))}",
        f"CREATE TRIGGER {TASK}_closed_update_old AFTER UPDATE OF {columns} ON {TASK} "
        f"WHEN {_counts('OLD')} AND {changed} {body(_remove('OLD', 'sqlite'))}",
        f"CREATE TRIGGER {TASK}_closed_update_new AFTER UPDATE OF {columns} ON {TASK} "
        f"WHEN {_counts('NEW')} AND {changed} {body(_add('NEW', 'sqlite'))}",
    ]


def _postgresql_triggers() -> list[str]:
    def block(statements: list[str]) -> str:
        return " ".join(f"{s};" for s in statements)

    changed = _changed("IS DISTINCT FROM")
    return [
        f"""CREATE FUNCTION {TASK}_closed_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NOT {changed} THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND {_counts("OLD")} THEN
    {block(_remove("OLD", "postgresql"))}
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND {_counts("NEW")} THEN
    {block(_add("NEW", "postgresql"))}
  END IF;
  RETURN NULL;
END
$$""",
        f"CREATE TRIGGER {TASK}_closed_counts AFTER INSERT OR UPDATE OR DELETE ON {TASK} "
        f"FOR EACH ROW EXECUTE FUNCTION {TASK}_closed_counts()",
    ]


def triggers_install(using: str) -> None:
    connection = connections[using]
    statements = _postgresql_triggers() if connection.vendor == "postgresql" else _sqlite_triggers()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def triggers_drop(using: str) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {TASK}_closed_counts ON {TASK}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {TASK}_closed_counts()")
        else:
            for name in ("insert", "delete", "update_old", "update_new"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {TASK}_closed_{name}")


def _tables(vendor: str) -> list[tuple[str, str, str]]:
    """(table, key column, the key computed from a task) of each kept count."""
    return [(BY_UNIT, "lead_unit_id", _lead(TASK)), (BY_MONTH, "month", _month(TASK, vendor))]


def _recount(key: str) -> str:
    return (
        f"SELECT committee_id, {key}, {_outcome(TASK)}, COUNT(*) FROM {TASK} "
        f"WHERE {_counts(TASK)} GROUP BY 1, 2, 3"
    )


def rebuild(using: str = "default") -> None:
    """Recount every closed task (in the caller's transaction)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for table, key, expression in _tables(connection.vendor):
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(
                f"INSERT INTO {table} (committee_id, {key}, outcome, tasks) {_recount(expression)}"
            )


def differences(using: str = "default") -> list[tuple[Any, ...]]:
    """The (table, key…, kept, recounted) rows where the kept counts disagree with a recount;
    empty when they are right."""
    connection = connections[using]
    out: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for table, key, expression in _tables(connection.vendor):
            cursor.execute(
                f"SELECT committee_id, {key}, outcome, tasks FROM {table} WHERE tasks <> 0"
            )
            kept = {row[:3]: row[3] for row in cursor.fetchall()}
            cursor.execute(_recount(expression))
            counted = {row[:3]: row[3] for row in cursor.fetchall()}
            for k in sorted(kept.keys() | counted.keys(), key=str):
                if kept.get(k, 0) != counted.get(k, 0):
                    out.append((table, *k, kept.get(k, 0), counted.get(k, 0)))
    return out
