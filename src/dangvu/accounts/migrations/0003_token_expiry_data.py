"""Data: tokens made before they expired get the default lifetime from the day they were made
(schema in 0002). No live app code: the lifetime is written here."""

import datetime as dt

from django.db import migrations
from django.db.models import F

LIFETIME = dt.timedelta(days=90)


def give_expiry(apps, schema_editor):  # type: ignore[no-untyped-def]
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=F("created_at") + LIFETIME)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_token_expiry_feed_throttle")]

    operations = [migrations.RunPython(give_expiry, migrations.RunPython.noop)]
