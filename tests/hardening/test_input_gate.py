"""The input gate: text, dates, numbers and JSON bodies refused or cleaned before they reach the
services; every case here answered 500 (or was stored as typed) before."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest
from django import forms
from django.test import Client, override_settings

from dangvu.assignments.models import Task
from dangvu.core.forms import VnDateField
from dangvu.core.text import clean_text, safe_cell, xml_safe
from dangvu.org.models import Organisation
from tests.conftest import login

NFD_NAME = unicodedata.normalize("NFD", "Ban Tuyên giáo")


def test_clean_text() -> None:
    assert clean_text(NFD_NAME) == "Ban Tuyên giáo"
    assert clean_text("Ban\u200b Tuyên\u202e giáo\ufeff") == "Ban Tuyên giáo"
    assert clean_text("dòng 1\x0bdòng 2\x0cdòng 3") == "dòng 1\ndòng 2\ndòng 3"
    assert clean_text("dòng 1\x0bdòng 2", multiline=False) == "dòng 1 dòng 2"
    assert clean_text("a\x00b\x07c\ud800") == "abc"
    assert xml_safe("mục\x0b1\x01") == "mục\n1"
    assert safe_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert safe_cell("-1+2") == "'-1+2"
    assert safe_cell(-5) == -5
    assert safe_cell("Ban Tuyên giáo") == "Ban Tuyên giáo"


class _Form(forms.Form):
    name = forms.CharField()
    content = forms.CharField(widget=forms.Textarea)
    day = VnDateField()
    number = forms.IntegerField(required=False)


def test_every_django_form_is_gated() -> None:
    form = _Form(data={"name": NFD_NAME + "\u200b\x0b", "content": "a\x0bb", "day": "2020-09-11"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Ban Tuyên giáo"
    assert form.cleaned_data["content"] == "a\nb"
    form = _Form(
        data={"name": "x" * 1001, "content": "y" * 20_001, "day": "31/12/9999", "number": "1e999"}
    )
    assert not form.is_valid()
    assert set(form.errors) == {"name", "content", "day", "number"}
    assert "1945" in form.errors["day"][0]
    assert "2100" in form.errors["day"][0]
    assert _Form(data={"name": "x", "content": "y", "day": "1/1/1944"}).is_valid() is False
    assert (
        _Form(
            data={"name": "x", "content": "y", "day": "1/1/2020", "number": str(2**40)}
        ).is_valid()
        is False
    )


@override_settings(DANGVU_YEAR_MIN=2000, DANGVU_YEAR_MAX=2030)
def test_date_range_comes_from_settings() -> None:
    assert not _Form(data={"name": "x", "content": "y", "day": "1/1/1999"}).is_valid()
    assert _Form(data={"name": "x", "content": "y", "day": "1/1/2000"}).is_valid()


def test_organisation_name_stored_nfc_without_invisibles(
    client: Client, demo: dict[str, Organisation]
) -> None:
    login(client, "vanphong")
    unit = demo["lb-btg"]
    response = client.post(
        f"/org/{unit.pk}/edit/",
        {
            "name": NFD_NAME + "\u202e\u200b",
            "short_name": "",
            "kind": unit.kind,
            "issuer_code": "",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    unit.refresh_from_db()
    assert unit.name == "Ban Tuyên giáo"
    assert Organisation.objects.filter(name="Ban Tuyên giáo").exists()


def test_a_megabyte_task_content_is_refused(client: Client, demo: dict[str, Organisation]) -> None:
    login(client, "vanphong")
    response = client.post(
        "/tasks/new/",
        {"committee": demo["lb-qu"].pk, "content": "x" * 1_000_000, "issued_on": "2020-09-11"},
    )
    assert response.status_code == 200
    assert "Tối đa 20000 ký tự" in response.content.decode()
    assert not Task.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["/tasks/?on=9999-12-31", "/tasks/statistics/?on=9999-12-31", "/org/?on=9999-12-31"],
)
def test_far_dates_in_pages_fall_back_to_today(client: Client, task: Task, url: str) -> None:
    login(client, "vanphong")
    response = client.get(url)
    assert response.status_code == 200
    assert "Ngày phải nằm trong khoảng" in response.content.decode()


def test_far_date_in_a_task_page(client: Client, task: Task) -> None:
    login(client, "vanphong")
    assert client.get(f"/tasks/{task.pk}/?on=9999-12-31").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/tasks/?on=9999-12-31",
        "/api/tasks/statistics?on=9999-12-31",
        "/api/tasks/statistics?deadline_to=9999-12-31",
        "/api/tasks/{pk}?on=9999-12-31",
        "/api/org/organisations?on=0001-01-01",
        "/api/org/tree?on=9999-12-31",
        "/api/tasks/?offset=100000000000000000000",
        "/api/tasks/?limit=100000000000000000000",
        "/api/tasks/?unit=99999999999999999999999",
    ],
)
def test_api_query_values_out_of_range_are_422(client: Client, task: Task, url: str) -> None:
    login(client, "vanphong")
    response = client.get(url.format(pk=task.pk))
    assert response.status_code == 422, response.content
    assert "detail" in response.json()


def test_api_huge_ids_are_not_server_errors(client: Client, task: Task) -> None:
    login(client, "vanphong")
    assert client.get("/api/tasks/99999999999999999999999").status_code in (404, 422)
    assert client.get("/api/org/organisations/99999999999999999999999").status_code in (404, 422)
    assert client.get("/tasks/99999999999999999999999/").status_code == 404


def _post_progress(client: Client, task: Task, body: bytes | str) -> int:
    return client.post(
        f"/api/tasks/{task.pk}/progress", body, content_type="application/json"
    ).status_code


def test_api_json_bodies(client: Client, demo: dict[str, Organisation], task: Task) -> None:
    login(client, "baocao")
    unit = demo["lb-btg"].pk
    good = {"unit_id": unit, "reported_on": "2020-11-02", "done": "x", "percent": 5}
    big = json.dumps({**good, "done": "x" * (2 * 1024 * 1024)})
    assert _post_progress(client, task, big) == 413
    surrogate = json.dumps(good).replace('"done": "x"', '"done": "\\ud800x"')
    assert _post_progress(client, task, surrogate) == 422
    assert _post_progress(client, task, b'{"unit_id": ') == 422
    assert _post_progress(client, task, b"\xff\xfe") == 422
    for percent in ("1e999", "NaN", "Infinity", "-Infinity", "1e308"):
        body = json.dumps(good).replace('"percent": 5', f'"percent": {percent}')
        assert _post_progress(client, task, body) == 422, percent
    far = json.dumps({**good, "reported_on": "9999-12-31"})
    assert _post_progress(client, task, far) == 422
    dirty = json.dumps({**good, "done": "Đã\u200b làm\x0bxong"})
    assert _post_progress(client, task, dirty) == 201
    assert task.progress_reports.get().done == "Đã làm\nxong"


def test_deadline_9999_refused_on_task_form(client: Client, task: Task) -> None:
    login(client, "vanphong")
    response = client.post(
        f"/tasks/{task.pk}/deadline/",
        {"new_deadline": "31/12/9999", "reason": "x", "approved_by": "y", "on": "2020-10-01"},
    )
    assert response.status_code in (200, 400)
    assert "Ngày phải nằm trong khoảng từ 1/1/1945 đến 31/12/2100" in response.content.decode()
    task.refresh_from_db()
    assert task.deadline == dt.date(2020, 12, 31)
