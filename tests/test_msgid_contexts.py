"""A shared English word gets the Vietnamese of its context: the period form does not say
"Loại hội nghị" or "Chức vụ", a conference's title is not a person's title, an inspection's
conclusion is not a conference's notice."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from dangvu.evaluation.forms import RoundForm
from dangvu.evaluation.models import Criterion
from dangvu.inspection.enums import Step
from dangvu.meetings.forms import ConferenceForm, NoticeForm
from dangvu.meetings.models import Conference
from dangvu.notifications.models import OutgoingMail
from dangvu.org.models import Organisation
from dangvu.reports.forms import PeriodForm
from dangvu.reports.models import OutlineTemplate, Period


def _labels(form: Any) -> dict[str, str]:
    with translation.override("vi"):
        html = str(form)  # rendered, as the page shows it
        return {name: str(field.label) for name, field in form.fields.items()} | {"html": html}


def test_new_period_form_labels(db: Any) -> None:
    none = Organisation.objects.none()
    labels = _labels(
        PeriodForm(committees=none, units=none, templates=OutlineTemplate.objects.none())
    )
    assert labels["kind"] == "Loại kỳ báo cáo"
    assert labels["title"] == "Tên báo cáo"
    assert "Loại hội nghị" not in labels["html"]
    assert "Chức vụ" not in labels["html"]


def test_conference_form_labels(db: Any) -> None:
    labels = _labels(ConferenceForm(committees=Organisation.objects.none()))
    assert labels["kind"] == "Loại hội nghị"
    assert labels["title"] == "Tên hội nghị"
    assert labels["chair_title"] == "Chức vụ người chủ trì"


def test_signer_form_labels(db: Any) -> None:
    labels = _labels(NoticeForm())
    assert labels["signer_title"] == "Chức vụ người ký"
    assert labels["signer_name"] == "Người ký"


def test_other_contexts_have_their_own_words(db: Any) -> None:
    with translation.override("vi"):
        round_form = RoundForm(organisations=Organisation.objects.none())
        assert str(round_form.fields["kind"].label) == "Loại"
        assert str(round_form.fields["title"].label) == "Tiêu đề"
        assert str(Period._meta.get_field("title").verbose_name) == "tiêu đề"
        assert str(Conference._meta.get_field("title").verbose_name) == "tiêu đề"
        assert str(Step.CONCLUSION.label) == "Kết luận"
        assert str(OutgoingMail._meta.get_field("subject").verbose_name) == "tiêu đề thư"
        assert str(Criterion._meta.get_field("part").verbose_name) == "phần"
