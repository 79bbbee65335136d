"""The thông báo kết luận read back from its DOCX: wording per conference kind, the preamble
when the conclusion has none, the draft's places for the signature and "Nơi nhận", the register
marks and the typed number."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from dangvu.documents.models import DocumentNumber
from dangvu.documents.rendering import render_docx
from dangvu.meetings import services
from dangvu.meetings.enums import ConferenceKind
from dangvu.meetings.models import Conference
from dangvu.meetings.notice import notice_document
from tests.meetings.conftest import held


def conclude(conference: Conference, office: object, preamble: str = "") -> object:
    held(conference, office)
    return services.conclusion_write(
        conference=conference,
        preamble=preamble,
        items=[
            services.ItemText("Hoàn thành báo cáo quý IV."),
            services.ItemText("Tổ chức hội nghị."),
        ],
        by=office,
    )


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text]


def closing_cells(data: bytes) -> tuple[list[str], list[str]]:
    left, right = Document(io.BytesIO(data)).tables[-1].rows[0].cells
    return [p.text for p in left.paragraphs if p.text], [p.text for p in right.paragraphs if p.text]


def test_draft_notice_has_a_preamble_and_places_for_signature_and_recipients(
    conference: Conference, office: object
) -> None:
    conclusion = conclude(conference, office)
    data = render_docx(notice_document(conclusion))  # type: ignore[arg-type]
    text = paragraphs(data)
    assert text[0] == "DỰ THẢO"
    first_item = text.index("1. Hoàn thành báo cáo quý IV.")
    assert text[first_item - 1].startswith("Sau khi nghe báo cáo và ý kiến phát biểu")
    assert text[first_item - 1].endswith("kết luận như sau:")
    recipients, signer = closing_cells(data)
    assert recipients[0] == "Nơi nhận:"
    assert len(recipients) >= 2
    assert signer[0] == "T/M BAN THƯỜNG VỤ"


@pytest.mark.parametrize(
    ("kind", "title", "summary"),
    [
        (
            ConferenceKind.STANDING,
            "Hội nghị Ban Thường vụ tháng 10/2020",
            "Kết luận của Ban Thường vụ Quận ủy tại hội nghị Ban Thường vụ tháng 10/2020",
        ),
        (
            ConferenceKind.PERMANENT,
            "Họp Thường trực Quận ủy tháng 10/2020",
            "Kết luận của Thường trực Quận ủy tại cuộc họp Thường trực Quận ủy tháng 10/2020",
        ),
        (
            ConferenceKind.PLENUM,
            "Hội nghị Ban Chấp hành lần thứ 2",
            "Kết luận của Ban Chấp hành Đảng bộ quận tại hội nghị Ban Chấp hành lần thứ 2",
        ),
    ],
)
def test_notice_wording_per_conference_kind(
    conference: Conference, office: object, kind: str, title: str, summary: str
) -> None:
    Conference.objects.filter(pk=conference.pk).update(kind=kind, title=title)
    conference.refresh_from_db()
    conclusion = conclude(conference, office)
    text = paragraphs(render_docx(notice_document(conclusion)))  # type: ignore[arg-type]
    assert summary in text
    assert not any("tại họp" in line for line in text)
    preamble = next(line for line in text if line.startswith("Sau khi nghe"))
    assert summary.split(" tại ")[0].removeprefix("Kết luận của ") in preamble


def test_issued_notice_with_a_typed_number_and_marks(
    conference: Conference, office: object
) -> None:
    conclusion = conclude(conference, office, preamble="Đồng chí chủ trì kết luận:")
    services.notice_issue(
        conclusion=conclusion,  # type: ignore[arg-type]
        signer_authority="T/M BAN THƯỜNG VỤ",
        signer_title="Phó Bí thư Thường trực Quận ủy",
        signer_name="Ngô Mạnh Điềm",
        recipients=["Thường trực Quận ủy", "Lưu VP."],
        issued_on=dt.date(2020, 10, 3),
        number=41,
        confidentiality="MẬT",
        urgency="KHẨN",
        by=office,
    )
    conclusion.refresh_from_db()  # type: ignore[attr-defined]
    entry = DocumentNumber.objects.get(pk=conclusion.number_id)  # type: ignore[attr-defined]
    assert (str(entry), entry.typed, entry.issued_on) == ("41-TB/QU", True, dt.date(2020, 10, 3))
    assert bytes(entry.docx) == bytes(conclusion.notice_docx)  # type: ignore[attr-defined]
    doc = Document(io.BytesIO(bytes(entry.docx)))
    left = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    assert left[-3:] == ["Số 41-TB/QU", "MẬT", "KHẨN"]
    _recipients, signer = closing_cells(bytes(entry.docx))
    assert signer == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Ngô Mạnh Điềm"]
    # The preamble written by the office replaces the default one.
    text = paragraphs(bytes(entry.docx))
    assert "Đồng chí chủ trì kết luận:" in text
    assert not any(line.startswith("Sau khi nghe") for line in text)


def test_a_typed_notice_number_already_taken_is_refused(
    conference: Conference, office: object
) -> None:
    conclusion = conclude(conference, office)
    demo_tb = DocumentNumber.objects.filter(issuer=conference.committee, type_code="TB").first()
    assert demo_tb is not None
    with pytest.raises(ValidationError) as error:
        services.notice_issue(
            conclusion=conclusion,  # type: ignore[arg-type]
            signer_authority="T/M BAN THƯỜNG VỤ",
            signer_title="Phó Bí thư",
            signer_name="Ngô Mạnh Điềm",
            recipients=[],
            issued_on=dt.date(2020, 10, 3),
            number=demo_tb.number,
            by=office,
        )
    assert "đã có trong sổ đăng ký" in str(error.value)
    conclusion.refresh_from_db()  # type: ignore[attr-defined]
    assert conclusion.number_id is None  # type: ignore[attr-defined]
