import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.core.models import AuditEntry
from dangvu.org.models import Organisation


def test_anonymous_is_sent_to_login(client: Client, db: None) -> None:
    response = client.get(reverse("org:tree"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_tree_page_as_of_the_conference(office_client: Client) -> None:
    response = office_client.get(reverse("org:tree"), {"on": "2020-09-11"})
    html = response.content.decode()
    assert "Cây tổ chức vào ngày 11 tháng 9 năm 2020" in html
    assert "Quận ủy Long Biên" in html
    # collapsed: the district's bodies load on demand
    assert "Ban Tuyên giáo Quận ủy Long Biên" not in html
    assert "Đảng ủy phường Phúc Lợi" not in html


def test_tree_children_load_on_demand(office_client: Client, demo: dict[str, Organisation]) -> None:
    url = reverse("org:children", args=[demo["lb-qu"].pk])
    html = office_client.get(url, {"on": "2020-09-11"}).content.decode()
    assert "Ban Tuyên giáo Quận ủy Long Biên" in html
    assert html.index("Văn phòng Quận ủy Long Biên") < html.index("Ban Tổ chức Quận ủy Long Biên")
    assert "Đảng ủy phường Phúc Lợi" not in html


@pytest.mark.parametrize("query", ["thuong thanh", "THƯỢNG THANH", "phường bồ đề", "BO DE"])
def test_name_search_ignores_case_and_diacritics_across_dates(
    office_client: Client, demo: dict[str, Organisation], query: str
) -> None:
    # the demo has the former ward Thượng Thanh (ended 30/6/2025) and today's Bồ Đề
    html = office_client.get(reverse("org:tree"), {"q": query}).content.decode()
    expected = "Thượng Thanh" if "thanh" in query.casefold() else "Đảng ủy phường Bồ Đề"
    assert expected in html
    if "thanh" in query.casefold():
        assert "đã kết thúc" in html


def test_tree_page_today_shows_the_wards(office_client: Client) -> None:
    html = office_client.get(reverse("org:tree")).content.decode()
    assert "Đảng ủy phường Phúc Lợi" in html
    assert "Quận ủy Long Biên" not in html


def test_tree_htmx_returns_only_the_partial(office_client: Client) -> None:
    response = office_client.get(
        reverse("org:tree"), {"on": "11/9/2020"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="tree"')
    assert "Quận ủy Long Biên" in html


def test_bad_date_says_so_in_vietnamese(office_client: Client) -> None:
    html = office_client.get(reverse("org:tree"), {"on": "31/2/2020"}).content.decode()
    assert "không phải là ngày hợp lệ" in html


def test_detail_shows_people_and_history(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    url = reverse("org:detail", args=[demo["lb-qu"].pk])
    html = office_client.get(url, {"on": "2020-09-11"}).content.decode()
    assert "Ngô Mạnh Điềm" in html
    assert "Phó Bí thư Thường trực Quận ủy" in html
    assert "Đảng ủy phường Bồ Đề" in html  # a successor
    assert "khóa IV, nhiệm kỳ 2020–2025" in html


def test_unknown_organisation_is_404(office_client: Client) -> None:
    assert office_client.get(reverse("org:detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("name", ["org:update", "org:close", "org:succeed"])
def test_reporter_cannot_change_organisations(
    reporter_client: Client, demo: dict[str, Organisation], name: str
) -> None:
    url = reverse(name, args=[demo["lb-btg"].pk])
    assert reporter_client.get(url).status_code == 403
    assert reporter_client.post(url, {"name": "x", "on": "2021-01-01"}).status_code == 403
    demo["lb-btg"].refresh_from_db()
    assert demo["lb-btg"].valid_to == dt.date(
        2025, 6, 30
    )  # closed with the district, not by the post


def test_reporter_cannot_create_or_import(
    reporter_client: Client, demo: dict[str, Organisation]
) -> None:
    assert reporter_client.get(reverse("org:create")).status_code == 403
    assert reporter_client.get(reverse("org:import")).status_code == 403
    before = Organisation.objects.count()
    response = reporter_client.post(
        reverse("org:create"),
        {
            "parent": demo["lb-qu"].pk,
            "name": "Ban mới",
            "kind": "party_body",
            "valid_from": "2021-01-01",
        },
    )
    assert response.status_code == 403
    assert Organisation.objects.count() == before


def test_office_of_the_district_cannot_change_the_city(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    assert office_client.get(reverse("org:update", args=[demo["hn-tu"].pk])).status_code == 403


def test_office_creates_a_body(office_client: Client, demo: dict[str, Organisation]) -> None:
    response = office_client.post(
        reverse("org:create"),
        {
            "parent": demo["lb-qu"].pk,
            "name": "Ban Nội chính Quận ủy Long Biên",
            "short_name": "Ban Nội chính",
            "kind": "party_body",
            "issuer_code": "",
            "valid_from": "2020-10-01",
            "valid_to": "2025-06-30",
        },
    )
    created = Organisation.objects.get(name="Ban Nội chính Quận ủy Long Biên")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:detail", args=[created.pk])
    assert created.parent == demo["lb-qu"]
    assert AuditEntry.objects.filter(
        action="organisation.create", object_id=str(created.pk)
    ).exists()


def test_create_outside_the_parent_keeps_the_input(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    before = Organisation.objects.count()
    response = office_client.post(
        reverse("org:create"),
        {
            "parent": demo["lb-qu"].pk,
            "name": "Ban Nội chính",
            "kind": "party_body",
            "valid_from": "2026-01-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "không tồn tại vào ngày 1/1/2026" in html
    assert 'value="Ban Nội chính"' in html
    assert Organisation.objects.count() == before


def test_office_closes_a_body(office_client: Client, demo: dict[str, Organisation]) -> None:
    url = reverse("org:close", args=[demo["lb-ttct"].pk])
    response = office_client.post(url, {"on": "2024-12-31"})
    assert response.status_code == 302
    demo["lb-ttct"].refresh_from_db()
    assert demo["lb-ttct"].valid_to == dt.date(2024, 12, 31)


def test_edit_form_rejects_empty_name(office_client: Client, demo: dict[str, Organisation]) -> None:
    url = reverse("org:update", args=[demo["lb-btg"].pk])
    response = office_client.post(url, {"name": "", "kind": "party_body", "sort_order": 1})
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()
    demo["lb-btg"].refresh_from_db()
    assert demo["lb-btg"].name == "Ban Tuyên giáo Quận ủy Long Biên"


def test_english_is_available(office_client: Client) -> None:
    office_client.post(reverse("set_language"), {"language": "en", "next": "/org/"})
    html = office_client.get(reverse("org:tree"), {"on": "2020-09-11"}).content.decode()
    assert "The tree as it stood on" in html


def test_office_gets_the_new_organisation_form(office_client: Client) -> None:
    html = office_client.get(reverse("org:create")).content.decode()
    assert "Quận ủy Long Biên" in html  # a parent it may choose
    assert "Thành ủy Hà Nội</option>" not in html  # the city is not the district office's


def test_office_cannot_create_a_root(office_client: Client) -> None:
    before = Organisation.objects.count()
    response = office_client.post(
        reverse("org:create"),
        {"name": "Tỉnh ủy mới", "kind": "party", "valid_from": "2025-07-01"},
    )
    assert "Chọn tổ chức cấp trên" in response.content.decode()
    assert Organisation.objects.count() == before


def test_office_grants_and_ends_a_role_audited(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    from dangvu.accounts.models import User
    from dangvu.org.models import Membership

    User.objects.create_user(username="moi", password=None)
    url = reverse("org:roles", args=[demo["lb-btg"].pk])
    response = office_client.post(
        url, {"grant": "1", "username": "moi", "role": "reporter", "valid_from": "2020-10-01"}
    )
    assert response.status_code == 302
    granted = Membership.objects.get(user__username="moi", organisation=demo["lb-btg"])
    assert granted.valid_from == dt.date(2020, 10, 1)
    response = office_client.post(url, {"end": "1", "membership": granted.pk, "on": "2021-12-31"})
    assert response.status_code == 302
    granted.refresh_from_db()
    assert granted.valid_to == dt.date(2021, 12, 31)
    assert AuditEntry.objects.filter(action="membership.grant", object_id=str(granted.pk)).exists()
    assert AuditEntry.objects.filter(action="membership.end", object_id=str(granted.pk)).exists()
    # an unknown user name keeps the input and says why
    html = office_client.post(
        url, {"grant": "1", "username": "khong-co", "role": "reporter"}
    ).content.decode()
    assert 'value="khong-co"' in html


def test_roles_page_refused_outside_the_scope(
    office_client: Client, demo: dict[str, Organisation]
) -> None:
    assert office_client.get(reverse("org:roles", args=[demo["hn-tu"].pk])).status_code == 403
    assert office_client.get(reverse("org:roles", args=[demo["p-bode"].pk])).status_code == 403
