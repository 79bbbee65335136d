"""Schema, second half: the task reference goes; the generic target is required for a reminder."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0005_generic_target_data"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="remindersent", name="reminder_once_a_day"),
        migrations.RemoveField(model_name="notification", name="task"),
        migrations.RemoveField(model_name="remindersent", name="task"),
        migrations.AlterModelOptions(
            name="remindersent",
            options={
                "ordering": ["-day", "target_id"],
                "verbose_name": "reminder sent",
                "verbose_name_plural": "reminders sent",
            },
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="target_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="target_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="remindersent",
            constraint=models.UniqueConstraint(
                fields=("target_type", "target_id", "user", "day"), name="reminder_once_a_day"
            ),
        ),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("target_id__isnull", True), ("target_type__isnull", True)),
                    models.Q(("target_id__isnull", False), ("target_type__isnull", False)),
                    _connector="OR",
                ),
                name="notification_target_whole",
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                fields=["target_type", "target_id"], name="notificatio_target__1f2fb1_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                condition=models.Q(("email_due", True), ("emailed_at__isnull", True)),
                fields=["user", "created_at"],
                name="notification_email_pending",
            ),
        ),
    ]
