import datetime as dt
import io

import docx
import pytest

from dangvu.demo import reports as chapter
from dangvu.demo import scenario
from dangvu.reports import exports, selectors
from dangvu.reports.enums import CommentStatus, ContributionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    captured = {}

    def run(story):
        chapter.load(story)
        captured.update(story)

    scenario.load(chapters=[run])
    return captured


def test_demo_period_end_to_end(story):
    period = story["report_period"]
    assert (period.starts_on, period.ends_on) == (dt.date(2020, 1, 1), dt.date(2020, 9, 30))
    codes = set(period.contributions.values_list("unit__code", flat=True))
    assert codes == set(chapter.CONTRIBUTIONS)
    assert set(period.contributions.values_list("status", flat=True)) == {
        ContributionStatus.ACCEPTED
    }
    assert list(period.contributions.filter(late=True).values_list("unit__code", flat=True)) == [
        "lb-dukdn"
    ]
    draft = story["draft_report"]
    assert draft.number == 2
    assert period.versions.count() == 2
    comments = list(selectors.comments_of(period))
    assert [c.status for c in comments] == [
        CommentStatus.ACCEPTED,
        CommentStatus.ACCEPTED,
        CommentStatus.EXPLAINED,
    ]
    issued = story["issued_report"]
    assert issued.issued_on == dt.date(2020, 9, 12)
    assert issued.number_label.endswith("-BC/QU")
    assert issued.signer_name == "Ngô Mạnh Điềm"
    table = selectors.indicator_table(period)
    admitted = period.indicators.get(name="Đảng viên mới kết nạp")
    assert table.totals[admitted.pk] == 170
    assert table.previous[admitted.pk] == 141
    document = docx.Document(io.BytesIO(exports.version_docx(draft, issued)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Năm Dân vận khéo" in text
    assert "số liệu mẫu" in text
