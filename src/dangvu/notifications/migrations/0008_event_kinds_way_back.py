"""Data, only on the way back: before 0007 is undone (and the kinds allowed shrink to the
reminders), workflow notifications become "other", so that the older constraint holds. Going
forward there is nothing to do. Historical models only."""

from django.db import migrations

EVENT_KINDS = [
    "task_assigned",
    "completion_proposed",
    "completion_accepted",
    "completion_returned",
    "comment_answered",
    "report_submitted",
    "report_returned",
    "conference_invited",
]


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    notification = apps.get_model("notifications", "Notification")
    notification.objects.using(schema_editor.connection.alias).filter(kind__in=EVENT_KINDS).update(
        kind="other"
    )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0007_event_kinds")]

    operations = [migrations.RunPython(migrations.RunPython.noop, backwards)]
