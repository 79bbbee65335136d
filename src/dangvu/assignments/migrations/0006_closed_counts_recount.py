"""Data (issue 18, item 7): count the tasks that were closed before 0004 added the kept counts
(a database migrated from 0003 with tasks). Frozen SQL, no import of live app code; the same
recount as `dangvu closed_counts --rebuild` had when 0004 was written. Harmless where the counts are
already right (a database that ran 0004 when it still recounted): it recounts from the tasks."""

# ruff: noqa: S608 - the SQL below is built from this module's constants only.
from django.db import migrations

TASK = "assignments_task"
COUNTED = (
    "published_at IS NOT NULL AND parent_id IS NULL "
    "AND (completed_on IS NOT NULL OR suspended_on IS NOT NULL)"
)
OUTCOME = (
    "CASE WHEN suspended_on IS NOT NULL THEN 'suspended' "
    "WHEN deadline IS NULL OR completed_on <= deadline THEN 'done_on_time' "
    "ELSE 'done_late' END"
)


def recount(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    month = (
        "COALESCE(to_char(deadline, 'YYYY-MM'), '')"
        if connection.vendor == "postgresql"
        else "COALESCE(substr(deadline, 1, 7), '')"
    )
    with connection.cursor() as cursor:
        for table, key, expression in [
            ("assignments_closedtasksbyunit", "lead_unit_id", "COALESCE(lead_unit_id, 0)"),
            ("assignments_closedtasksbymonth", "month", month),
        ]:
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(
                f"INSERT INTO {table} (committee_id, {key}, outcome, tasks) "
                f"SELECT committee_id, {expression}, {OUTCOME}, COUNT(*) FROM {TASK} "
                f"WHERE {COUNTED} GROUP BY 1, 2, 3"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0005_lead_unit_changes"),
    ]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop)]
