"""`dangvu portal_pdfs`: give the documents published under "Văn bản" without a PDF the PDF of
their DOCX as issued (LibreOffice). `make run` calls it after loading the demo, whose notice and
report are published while it loads (converting there would slow every test that loads it);
a document that has its PDF is left alone, so a second run converts nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dangvu.core import policy
from dangvu.documents import conversion
from dangvu.portal import services
from dangvu.portal.models import PublishedDocument


class Command(BaseCommand):
    help = "Attach the missing PDFs of the documents published on the portals (LibreOffice)."

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = list(
            PublishedDocument.objects.filter(pdf__isnull=True).select_related(
                "committee", "conclusion", "issued_report__version", "issued_report__period"
            )
        )
        if waiting and conversion.soffice_path() is None:
            self.stderr.write("LibreOffice is not installed: the documents keep no PDF.")
            return
        made = sum(
            services.document_pdf_attach(document=document, by=policy.SYSTEM)
            for document in waiting
        )
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(f"portal: {made} PDF(s) attached, {len(waiting) - made} without.")
