"""Data (issue 17): recount the kept counts of closed tasks with the outcome the triggers of 0006
give (a closed task without a deadline: "no_deadline", no longer "done on time"). Frozen SQL, no
import of live code; the same recount as `dangvu closed_counts --rebuild`."""

# ruff: noqa: S608 - the SQL below is built from this module's constants only.
from django.db import migrations

TASK = "assignments_task"
COUNTED = (
    "published_at IS NOT NULL AND parent_id IS NULL "
    "AND (completed_on IS NOT NULL OR suspended_on IS NOT NULL)"
)


def _outcome(no_deadline: bool) -> str:
    if no_deadline:
        return (
            "CASE WHEN suspended_on IS NOT NULL THEN 'suspended' "
            "WHEN deadline IS NULL THEN 'no_deadline' "
            "WHEN completed_on <= deadline THEN 'done_on_time' ELSE 'done_late' END"
        )
    return (
        "CASE WHEN suspended_on IS NOT NULL THEN 'suspended' "
        "WHEN deadline IS NULL OR completed_on <= deadline THEN 'done_on_time' "
        "ELSE 'done_late' END"
    )


def _recount(schema_editor, no_deadline: bool) -> None:  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    month = (
        "COALESCE(to_char(deadline, 'YYYY-MM'), '')"
        if connection.vendor == "postgresql"
        else "COALESCE(substr(deadline, 1, 7), '')"
    )
    outcome = _outcome(no_deadline)
    with connection.cursor() as cursor:
        for table, key, expression in [
            ("assignments_closedtasksbyunit", "lead_unit_id", "COALESCE(lead_unit_id, 0)"),
            ("assignments_closedtasksbymonth", "month", month),
        ]:
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(
                f"INSERT INTO {table} (committee_id, {key}, outcome, tasks) "
                f"SELECT committee_id, {expression}, {outcome}, COUNT(*) FROM {TASK} "
                f"WHERE {COUNTED} GROUP BY 1, 2, 3"
            )


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _recount(schema_editor, no_deadline=True)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _recount(schema_editor, no_deadline=False)


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0006_waived_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
