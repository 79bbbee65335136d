"""Timing of the Party-format rendering: `python -m dangvu.documents.bench [--paragraphs N]`.

Renders a notice-sized document (the four items of the demo conclusion) and a report-sized one
(N paragraphs under headings), then converts one to PDF when LibreOffice is installed."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

from dangvu.documents.conversion import convert_to_pdf, soffice_path
from dangvu.documents.rendering import Block, PartyDocument, Signature, render_docx

SENTENCE = (
    "Tiếp tục quan tâm chỉ đạo sát sao việc triển khai các nhiệm vụ phát triển kinh tế - xã hội, "
    "bảo đảm quốc phòng, an ninh trên địa bàn. "
)


def document(paragraphs: int) -> PartyDocument:
    body: list[Block] = []
    for index in range(paragraphs):
        if index % 10 == 0:
            body.append(Block("heading", f"{index // 10 + 1}. Lĩnh vực {index // 10 + 1}", 2))
        body.append(Block("paragraph", SENTENCE * 4))
    return PartyDocument(
        superior_body="ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
        issuing_body="QUẬN ỦY LONG BIÊN",
        type_code="BC",
        issuer_code="QU",
        number=125,
        place="Long Biên",
        date=dt.date(2020, 9, 12),
        type_name="BÁO CÁO",
        summary="Công tác xây dựng Đảng, hệ thống chính trị 9 tháng đầu năm 2020",
        body=body,
        signature=Signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Ngô Mạnh Điềm"),
        recipients=["Thành ủy Hà Nội (để b/c)", "Lưu VP."],
    )


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _i in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000, max(runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paragraphs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    for label, size in (
        ("notice (6 paragraphs)", 6),
        (f"report ({args.paragraphs})", args.paragraphs),
    ):
        doc = document(size)
        median, worst = timed(lambda doc=doc: render_docx(doc), args.repeat)  # type: ignore[misc]
        print(f"render_docx {label}: median {median:.1f} ms, max {worst:.1f} ms")
    if soffice_path() is None:
        print("convert_to_pdf: LibreOffice is not installed")
        return
    data = render_docx(document(args.paragraphs))
    median, worst = timed(lambda: convert_to_pdf(data), 3)
    print(f"convert_to_pdf report ({args.paragraphs}): median {median:.0f} ms, max {worst:.0f} ms")


if __name__ == "__main__":
    main()
