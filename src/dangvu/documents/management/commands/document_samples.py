"""Render each kind of document of the demo to DOCX, PDF and PNG for a visual check
(`make docs-png`): LibreOffice makes the PDF, pdftoppm the page images."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.documents import pdf as pdf_tools
from dangvu.documents.conversion import convert_to_pdf, soffice_path
from dangvu.documents.rendering import PartyDocument, render_docx


def demo_documents() -> Iterator[tuple[str, PartyDocument]]:
    """(file stem, document) for every document of the demo in the database."""
    from dangvu.meetings import papers
    from dangvu.meetings.models import Conclusion, Conference
    from dangvu.meetings.notice import notice_document
    from dangvu.reports import exports
    from dangvu.reports.models import IssuedReport

    conclusion = Conclusion.objects.filter(number__isnull=False).order_by("pk").first()
    if conclusion is not None:
        yield "thong-bao-ket-luan", notice_document(conclusion)
    issued = IssuedReport.objects.select_related("version__period").order_by("pk").first()
    if issued is not None:
        yield "bao-cao", exports.party_document(issued.version, issued)
    conference = Conference.objects.order_by("starts_at", "pk").first()
    if conference is not None:
        yield "giay-moi", papers.invitation_letter(conference)
        yield "danh-sach-dai-bieu", papers.delegate_list(conference)
        yield "bien-ban", papers.minutes_document(conference)


class Command(BaseCommand):
    help = "Render each kind of document of the demo to DOCX, PDF and PNG for a visual check."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default="docs/documents", help="Folder for the files.")
        parser.add_argument("--dpi", type=int, default=75, help="Resolution of the PNG pages.")
        parser.add_argument("--grey", action="store_true", help="Grey levels, not black and white.")
        parser.add_argument(
            "--keep-docx", action="store_true", help="Also keep the DOCX and PDF files."
        )

    def handle(
        self, *args: Any, out: str, dpi: int, grey: bool, keep_docx: bool, **options: Any
    ) -> None:
        if soffice_path() is None or not pdf_tools.poppler_available():
            raise CommandError("Needs LibreOffice (soffice) and poppler-utils (pdftoppm).")
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for stem, document in demo_documents():
            docx = render_docx(document)
            pdf = convert_to_pdf(docx)
            if pdf is None:
                raise CommandError(f"LibreOffice could not convert {stem}.")
            for old in folder.glob(f"{stem}-*.png"):
                old.unlink()
            pages = pdf_tools.to_png(pdf, folder / stem, dpi=dpi, mono=not grey)
            if keep_docx:
                (folder / f"{stem}.docx").write_bytes(docx)
                (folder / f"{stem}.pdf").write_bytes(pdf)
            families = ", ".join(sorted(pdf_tools.font_families(pdf)))
            self.stdout.write(f"{stem}: {len(pages)} page(s), fonts: {families}")
