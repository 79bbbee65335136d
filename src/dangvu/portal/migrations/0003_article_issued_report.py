"""The article drafted from an issued report ("Đăng lên cổng thông tin").

Adding a unique column makes SQLite rebuild portal_articlepage, which drops the search index's
triggers (see 0002): they are made again, and the index rebuilt, right after."""

import django.db.models.deletion
from django.db import migrations, models


def search_index_again(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    search_index = __import__(
        "dangvu.portal.migrations.0002_search_index", fromlist=["SQLITE", "SQLITE_REVERSE"]
    )
    for statement in [*search_index.SQLITE_REVERSE, *search_index.SQLITE]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_search_index"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="issued_report",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="portal_article",
                to="reports.issuedreport",
                verbose_name="issued report",
            ),
        ),
        migrations.RunPython(search_index_again, migrations.RunPython.noop),
    ]
