import datetime as dt
import io
import threading
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from dangvu.documents.conversion import soffice_path
from dangvu.reports import consolidation, exports, selectors, services
from dangvu.reports.enums import CommentStatus, PeriodKind
from dangvu.reports.models import DraftVersion
from tests.reports.conftest import UNITS, contribution_of, write_and_accept

pytestmark = pytest.mark.django_db


@pytest.fixture
def v1(period, office):
    write_and_accept(period, "lb-btg", "Ban Tuyên giáo tổ chức 20 hội nghị.", {
        "Buổi tuyên truyền, học tập nghị quyết": 20, "Đảng viên mới kết nạp": 3})  # fmt: skip
    write_and_accept(period, "lb-btc", "Ban Tổ chức kết nạp 120 đảng viên.", {
        "Đảng viên mới kết nạp": 120})  # fmt: skip
    return services.draft_consolidate(period=period, by=office)


def _section(version, section_id):
    return next(s for s in version.body if s["section"] == section_id)


def test_consolidation_keeps_provenance(period, v1):
    topic = period.sections.filter(role="topic").first()
    paras = _section(v1, topic.pk)["paragraphs"]
    assert [p["text"] for p in paras] == [
        "Ban Tổ chức kết nạp 120 đảng viên.",
        "Ban Tuyên giáo tổ chức 20 hội nghị.",
    ]
    btg = contribution_of(period, "lb-btg")
    assert paras[1]["unit"] == btg.unit_id
    assert paras[1]["contribution"] == btg.pk
    assert paras[1]["contribution_version"] == 1
    shortcomings = period.sections.get(role="shortcomings")
    assert len(_section(v1, shortcomings.pk)["paragraphs"]) == 2
    totals = {row["name"]: Decimal(row["total"]) for row in v1.indicators}
    assert totals["Đảng viên mới kết nạp"] == 123


def test_edit_makes_versions_and_optimistic_lock(period, office, v1):
    topic = period.sections.filter(role="topic").first()
    v2 = services.draft_save(
        period=period, base_version=1, by=office,
        texts={topic.pk: "Ban Tổ chức kết nạp 121 đảng viên mới.\n"
               "Ban Tuyên giáo tổ chức 20 hội nghị.\nVăn phòng bổ sung một đoạn."},
    )  # fmt: skip
    assert v2.number == 2
    paras = _section(v2, topic.pk)["paragraphs"]
    assert paras[0]["edited"]
    assert paras[0]["unit"] == contribution_of(period, "lb-btc").unit_id
    assert not paras[1]["edited"]
    assert paras[2]["unit"] is None
    with pytest.raises(ValidationError, match="lần 2"):
        services.draft_save(period=period, base_version=1, texts={topic.pk: "Khác"}, by=office)
    assert DraftVersion.objects.filter(period=period).count() == 2
    diff = consolidation.diff(v1.body, v2.body)
    changed = next(s for s in diff if s.changed)
    ops = [line.op for line in changed.lines]
    assert "change" in ops
    assert "insert" in ops
    words = next(line.words for line in changed.lines if line.op == "change")
    assert ("delete", "120") in words
    assert ("insert", "121") in words


def test_late_contribution_merged_without_losing_edits(period, office, v1):
    topic = period.sections.filter(role="topic").first()
    services.draft_save(
        period=period, base_version=1, by=office,
        texts={topic.pk: "Đoạn đã sửa.\nBan Tuyên giáo tổ chức 20 hội nghị."},
    )  # fmt: skip
    write_and_accept(period, "lb-mttq", "Mặt trận vận động quỹ.", {})
    v3 = services.draft_consolidate(period=period, base_version=2, by=office)
    texts = [p["text"] for p in _section(v3, topic.pk)["paragraphs"]]
    assert texts == [
        "Đoạn đã sửa.",
        "Ban Tuyên giáo tổ chức 20 hội nghị.",
        "Mặt trận vận động quỹ.",
    ]
    assert str(contribution_of(period, "lb-mttq").pk) in v3.merged
    with pytest.raises(ValidationError):
        services.draft_consolidate(period=period, base_version=3, by=office)


def test_comments_answered(period, office, v1, demo):
    from dangvu.accounts.models import User

    unit_user = User.objects.get(username="baocao")
    comment = services.comment_add(
        version=v1, text="Bổ sung số liệu kết nạp", passage="kết nạp 120", by=unit_user,
        author_unit=demo["lb-btg"],
    )  # fmt: skip
    assert selectors.open_comments(period).count() == 1
    with pytest.raises(ValidationError):
        services.comment_answer(comment=comment, status="accepted", answer="", by=office)
    services.comment_answer(comment=comment, status="accepted", answer="Đã bổ sung", by=office)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.ACCEPTED
    assert comment.answered_in == v1
    assert selectors.open_comments(period).count() == 0
    with pytest.raises(ValidationError):
        services.comment_answer(comment=comment, status="explained", answer="x", by=office)


def _issue(period, version, office):
    return services.report_issue(
        period=period, version=version, issued_on=dt.date(2020, 10, 2),
        signer_authority="T/M BAN THƯỜNG VỤ", signer_title="PHÓ BÍ THƯ THƯỜNG TRỰC",
        signer_name="Ngô Mạnh Điềm", recipients="Thường trực Thành ủy\nLưu VPQU", by=office,
    )  # fmt: skip


def test_issue_numbers_and_freezes(period, office, v1, demo):
    with pytest.raises(ValidationError):
        services.report_issue(
            period=period, version=v1, issued_on=dt.date(2019, 12, 1),
            signer_authority="T/M", signer_title="x", signer_name="y", by=office,
        )  # fmt: skip
    issued = _issue(period, v1, office)
    assert issued.number_label == f"{issued.number}-BC/QU"
    topic = period.sections.filter(role="topic").first()
    with pytest.raises(ValidationError, match="ban hành"):
        services.draft_save(period=period, base_version=1, texts={topic.pk: "x"}, by=office)
    with pytest.raises(ValidationError, match="ban hành"):
        services.comment_add(version=v1, text="muộn", by=office)
    with pytest.raises(ValidationError, match="ban hành"):
        services.contribution_save(
            contribution=contribution_of(period, "lb-mttq"), entries={}, values={}, by=office
        )
    other = services.period_create(
        committee=demo["lb-qu"], kind=PeriodKind.QUARTER, number=3, year=2020,
        due_on=dt.date(2020, 9, 30), by=office,
    )  # fmt: skip
    services.contributions_request(period=other, units=[demo["lb-btg"]], by=office)
    write_and_accept(other, "lb-btg", "Quý III", {})
    second = _issue(other, services.draft_consolidate(period=other, by=office), office)
    assert second.number == issued.number + 1


def test_docx_of_draft_and_issued(period, office, v1):
    draft = docx.Document(io.BytesIO(exports.version_docx(v1)))
    text = "\n".join(p.text for p in draft.paragraphs)
    assert "DỰ THẢO (lần 1)" in text
    assert "Ban Tuyên giáo tổ chức 20 hội nghị." in text
    assert "PHẦN THỨ NHẤT" in text
    issued = _issue(period, v1, office)
    final = docx.Document(io.BytesIO(exports.version_docx(v1, issued)))
    cells = "\n".join(c.text for t in final.tables for row in t.rows for c in row.cells)
    assert "QUẬN ỦY LONG BIÊN" in cells
    assert "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" in cells
    assert f"Số {issued.number}-BC/QU" in cells
    assert "Ngô Mạnh Điềm" in cells
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cells
    assert "DỰ THẢO" not in "\n".join(p.text for p in final.paragraphs)
    section = final.sections[0]
    assert round(section.page_width.mm) == 210


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_docx_converts_to_pdf(v1):
    from dangvu.documents.conversion import convert_to_pdf

    pdf = convert_to_pdf(exports.version_docx(v1))
    assert pdf is not None
    assert pdf.startswith(b"%PDF")


def test_indicator_workbook_and_previous_year(period, office, demo, v1):
    previous = services.period_create(
        committee=demo["lb-qu"], kind=PeriodKind.NINE_MONTHS, year=2019,
        due_on=dt.date(2019, 9, 5), by=office,
    )  # fmt: skip
    services.contributions_request(period=previous, units=[demo["lb-btc"]], by=office)
    write_and_accept(previous, "lb-btc", "2019", {"Đảng viên mới kết nạp": 100})
    table = selectors.indicator_table(period)
    admitted = period.indicators.get(name="Đảng viên mới kết nạp")
    assert table.totals[admitted.pk] == 123
    assert table.previous[admitted.pk] == 100
    sheet = openpyxl.load_workbook(io.BytesIO(exports.indicator_workbook(period, table))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Đơn vị"
    total_row = next(r for r in rows if r[0] == "Tổng cộng")
    assert total_row[1] == 123
    assert next(r for r in rows if r[0] == "Cùng kỳ năm trước")[1] == 100


def test_rollup_up_the_tree(demo, office):
    period = services.period_create(
        committee=demo["lb-qu"], kind=PeriodKind.YEAR, year=2020, due_on=dt.date(2020, 12, 1),
        by=office,
    )  # fmt: skip
    services.contributions_request(
        period=period, units=[demo["lb-dd"], demo["lb-dd-doan"]], by=office
    )
    write_and_accept(period, "lb-dd", "Đảng bộ", {"Đảng viên mới kết nạp": 5})
    write_and_accept(period, "lb-dd-doan", "Đoàn", {"Đảng viên mới kết nạp": 2})
    table = selectors.indicator_table(period)
    admitted = period.indicators.get(name="Đảng viên mới kết nạp")
    rows = {unit.code: (values, rolled) for unit, values, rolled in table.rows}
    assert rows["lb-dd"] == ({admitted.pk: 7}, True)
    assert table.totals[admitted.pk] == 7


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads need a server database; the in-memory SQLite test database is shared-cache",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_one_wins(period, office, v1):
    topic = period.sections.filter(role="topic").first()
    results = []

    def save(text):
        try:
            services.draft_save(period=period, base_version=1, texts={topic.pk: text}, by=office)
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(f"Bản {i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused"]
    assert DraftVersion.objects.filter(period=period).count() == 2


def test_units_fixture_names():
    assert UNITS == ["lb-btg", "lb-btc", "lb-mttq"]
