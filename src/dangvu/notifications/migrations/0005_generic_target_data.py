"""Data: the task a notification or a reminder was about becomes its generic target.

Historical models only (`apps.get_model`), no import of live app code."""

from django.db import migrations
from django.db.models import F


def _task_type(apps, schema_editor):  # type: ignore[no-untyped-def]
    content_type = apps.get_model("contenttypes", "ContentType")
    task_type, _created = content_type.objects.using(schema_editor.connection.alias).get_or_create(
        app_label="assignments", model="task"
    )
    return task_type


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    db = schema_editor.connection.alias
    task_type = _task_type(apps, schema_editor)
    for name in ("Notification", "ReminderSent"):
        model = apps.get_model("notifications", name)
        model.objects.using(db).filter(task__isnull=False).update(
            target_type=task_type, target_id=F("task_id")
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    db = schema_editor.connection.alias
    task_type = _task_type(apps, schema_editor)
    notification = apps.get_model("notifications", "Notification")
    notification.objects.using(db).filter(target_type=task_type).update(task_id=F("target_id"))
    # Notifications about something else had no place before: they go with the way back.
    notification.objects.using(db).exclude(target_type=task_type).exclude(
        target_type__isnull=True
    ).delete()
    reminder = apps.get_model("notifications", "ReminderSent")
    reminder.objects.using(db).filter(target_type=task_type).update(task_id=F("target_id"))
    reminder.objects.using(db).exclude(target_type=task_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0005_lead_unit_changes"),
        ("notifications", "0004_generic_target"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
