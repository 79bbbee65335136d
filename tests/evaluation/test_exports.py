"""Results as Excel, chart and DOCX, from a round with a few decisions."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.test import Client
from docx import Document
from openpyxl import load_workbook

from dangvu.evaluation import charts, services
from dangvu.evaluation.enums import SubjectKind
from dangvu.evaluation.models import Round
from dangvu.evaluation.selectors import rollup
from tests.evaluation.test_services import walk


def decide_all(world: Any, round_: Round) -> None:
    for e in round_.evaluations.filter(subject_kind=SubjectKind.COLLECTIVE).order_by("-path"):
        walk(world, e, 80)
    for e in round_.evaluations.exclude(member=None).order_by("is_head"):
        walk(world, e, 75)


def test_excel_chart_and_decision(client: Client, world: Any, round_: Round) -> None:
    decide_all(world, round_)
    figures = rollup(round_)
    svg = str(charts.results_svg(figures, members=True, title="Đảng viên"))
    assert svg.startswith("<svg")
    assert svg.count("<rect") == 2  # the whole and Đảng bộ A: all members "good"
    client.force_login(world.user("office"))
    book = load_workbook(io.BytesIO(client.get(f"/evaluation/{round_.pk}/results.xlsx").content))
    rows = list(book["Đảng viên"].iter_rows(values_only=True))
    assert rows[1][:4] == ("Đơn vị", "Tổng số", "HTXS", "HTXS (%)")
    assert rows[-1][:2] == ("Tổng cộng", 6)
    draft = Document(io.BytesIO(client.get(f"/evaluation/{round_.pk}/decision.docx").content))
    assert "DỰ THẢO" in "\n".join(p.text for p in draft.paragraphs)
    services.round_issue(
        round=round_, signer_title="Bí thư", signer_name="Nguyễn Văn A",
        on=dt.date(2021, 1, 10), by=world.user("office"),
    )  # fmt: skip
    issued = Document(io.BytesIO(client.get(f"/evaluation/{round_.pk}/decision.docx").content))
    text = "\n".join(p.text for p in issued.paragraphs)
    cells = [c.text for t in issued.tables for row in t.rows for c in row.cells]
    assert "Số 1-QĐ/QU" in "\n".join([text, *cells])
    assert "6 đảng viên hoàn thành tốt nhiệm vụ (100,0%)" in text
    assert "Tổng cộng" in cells
