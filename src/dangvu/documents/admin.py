from django.contrib import admin

from dangvu.core.admin import ReadOnlyAdminMixin
from dangvu.documents.models import DocumentNumber


@admin.register(DocumentNumber)
class DocumentNumberAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Numbers are given only by `allocate_number`; the register is read-only."""

    list_display = [
        "number",
        "type_code",
        "issuer",
        "year",
        "issued_on",
        "label",
        "typed",
        "confidentiality",
        "urgency",
        "allocated_at",
    ]
    list_filter = ["year", "type_code", "typed", "confidentiality", "urgency"]
    exclude = ["docx", "signed_scan"]  # served only through the register's scoped views
    search_fields = ["label"]
