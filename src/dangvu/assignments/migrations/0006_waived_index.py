"""Schema (issue 17, "6 rõ without loopholes"): a partial index on the tasks published with a
6-rõ gap waived, which the statistics count apart; and the triggers that keep the counts of
closed tasks replaced by ones that give a closed task without a deadline its own outcome,
"no_deadline", instead of "done on time". The counts are recounted by the next migration.

The trigger SQL is written here, frozen, not imported from `assignments.closed_counts` (a
migration must not change when the live code does)."""

# ruff: noqa: S608 - the SQL below is built from this module's constants only.
from django.db import migrations, models

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


def _outcome(row: str, no_deadline: bool) -> str:
    if no_deadline:
        return (
            f"CASE WHEN {row}.suspended_on IS NOT NULL THEN 'suspended' "
            f"WHEN {row}.deadline IS NULL THEN 'no_deadline' "
            f"WHEN {row}.completed_on <= {row}.deadline "
            f"THEN 'done_on_time' ELSE 'done_late' END"
        )
    return (
        f"CASE WHEN {row}.suspended_on IS NOT NULL THEN 'suspended' "
        f"WHEN {row}.deadline IS NULL OR {row}.completed_on <= {row}.deadline "
        f"THEN 'done_on_time' ELSE 'done_late' END"
    )


def _month(row: str, vendor: str) -> str:
    if vendor == "postgresql":
        return f"COALESCE(to_char({row}.deadline, 'YYYY-MM'), '')"
    return f"COALESCE(substr({row}.deadline, 1, 7), '')"


def _lead(row: str) -> str:
    return f"COALESCE({row}.lead_unit_id, 0)"


def _add(row: str, vendor: str, nd: bool) -> list[str]:
    return [
        f"INSERT INTO {BY_UNIT} (committee_id, lead_unit_id, outcome, tasks) "
        f"VALUES ({row}.committee_id, {_lead(row)}, {_outcome(row, nd)}, 1) "
        f"ON CONFLICT (committee_id, lead_unit_id, outcome) "
        f"DO UPDATE SET tasks = {BY_UNIT}.tasks + 1",
        f"INSERT INTO {BY_MONTH} (committee_id, month, outcome, tasks) "
        f"VALUES ({row}.committee_id, {_month(row, vendor)}, {_outcome(row, nd)}, 1) "
        f"ON CONFLICT (committee_id, month, outcome) "
        f"DO UPDATE SET tasks = {BY_MONTH}.tasks + 1",
    ]


def _remove(row: str, vendor: str, nd: bool) -> list[str]:
    return [
        f"UPDATE {BY_UNIT} SET tasks = tasks - 1 WHERE committee_id = {row}.committee_id "
        f"AND lead_unit_id = {_lead(row)} AND outcome = {_outcome(row, nd)}",
        f"UPDATE {BY_MONTH} SET tasks = tasks - 1 WHERE committee_id = {row}.committee_id "
        f"AND month = {_month(row, vendor)} AND outcome = {_outcome(row, nd)}",
    ]


def _changed(distinct: str) -> str:
    return "(" + " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in WATCHED) + ")"


def _sqlite(nd: bool) -> list[str]:
    def body(statements: list[str]) -> str:
        return "BEGIN " + " ".join(f"{s};" for s in statements) + " END"

    changed = _changed("IS NOT")
    columns = ", ".join(WATCHED)
    return [
        f"CREATE TRIGGER {TASK}_closed_insert AFTER INSERT ON {TASK} "
        f"WHEN {_counts('NEW')} {body(_add('NEW', 'sqlite', nd))}",
        f"CREATE TRIGGER {TASK}_closed_delete AFTER DELETE ON {TASK} "
        f"WHEN {_counts('OLD')} {body(_remove('OLD', 'sqlite', nd))}",
        f"CREATE TRIGGER {TASK}_closed_update_old AFTER UPDATE OF {columns} ON {TASK} "
        f"WHEN {_counts('OLD')} AND {changed} {body(_remove('OLD', 'sqlite', nd))}",
        f"CREATE TRIGGER {TASK}_closed_update_new AFTER UPDATE OF {columns} ON {TASK} "
        f"WHEN {_counts('NEW')} AND {changed} {body(_add('NEW', 'sqlite', nd))}",
    ]


def _postgresql(nd: bool) -> list[str]:
    def block(statements: list[str]) -> str:
        return " ".join(f"{s};" for s in statements)

    changed = _changed("IS DISTINCT FROM")
    # CREATE OR REPLACE: the trigger itself stays, calling the function by name.
    return [
        f"""CREATE OR REPLACE FUNCTION {TASK}_closed_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NOT {changed} THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND {_counts("OLD")} THEN
    {block(_remove("OLD", "postgresql", nd))}
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND {_counts("NEW")} THEN
    {block(_add("NEW", "postgresql", nd))}
  END IF;
  RETURN NULL;
END
$$"""
    ]


def _replace(schema_editor, nd: bool) -> None:  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            statements = _postgresql(nd)
        else:
            for name in ("insert", "delete", "update_old", "update_new"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {TASK}_closed_{name}")
            statements = _sqlite(nd)
        for statement in statements:
            cursor.execute(statement)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _replace(schema_editor, nd=True)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    _replace(schema_editor, nd=False)


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0005_lead_unit_changes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                condition=models.Q(("six_clear_waiver__gt", "")),
                fields=["committee", "lead_unit", "deadline"],
                name="task_waived",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
