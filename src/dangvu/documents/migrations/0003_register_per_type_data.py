"""Data for the register per type: one counter per (issuer, year, type code) continuing from the
highest number already given in that type; the dates and the notices' DOCX copied into the
register. Numbers already given are kept as they are (1-BC, 2-TB, 3-BC stay valid)."""

from django.db import migrations
from django.db.models import Max


def per_type(apps, schema_editor):
    NumberCounter = apps.get_model("documents", "NumberCounter")
    DocumentNumber = apps.get_model("documents", "DocumentNumber")
    Conclusion = apps.get_model("meetings", "Conclusion")
    IssuedReport = apps.get_model("reports", "IssuedReport")
    NumberCounter.objects.all().delete()
    highest = (
        DocumentNumber.objects.values("issuer_id", "year", "type_code")
        .annotate(last=Max("number"))
        .order_by()
    )
    NumberCounter.objects.bulk_create(
        NumberCounter(
            issuer_id=row["issuer_id"],
            year=row["year"],
            type_code=row["type_code"],
            last_number=row["last"],
        )
        for row in highest
    )
    for conclusion in Conclusion.objects.filter(number__isnull=False).iterator():
        DocumentNumber.objects.filter(pk=conclusion.number_id).update(
            issued_on=conclusion.issued_on, docx=conclusion.notice_docx
        )
    for issued in IssuedReport.objects.select_related("period").iterator():
        DocumentNumber.objects.filter(
            issuer_id=issued.period.committee_id,
            year=issued.issued_on.year,
            type_code="BC",
            number=issued.number,
        ).update(issued_on=issued.issued_on)


def shared(apps, schema_editor):
    """Back to one counter per issuer and year, at the highest number of any type."""
    NumberCounter = apps.get_model("documents", "NumberCounter")
    DocumentNumber = apps.get_model("documents", "DocumentNumber")
    NumberCounter.objects.all().delete()
    highest = (
        DocumentNumber.objects.values("issuer_id", "year").annotate(last=Max("number")).order_by()
    )
    NumberCounter.objects.bulk_create(
        NumberCounter(issuer_id=r["issuer_id"], year=r["year"], type_code="", last_number=r["last"])
        for r in highest
    )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_register_per_type"),
        ("meetings", "0002_agenda_report_and_delegates"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(per_type, shared)]
