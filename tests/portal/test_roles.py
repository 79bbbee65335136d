"""The portal's roles: writers and reviewers are the committee's office staff, a unit's reporter
or head may only be a contributor; a contributor proposes an article through Wagtail's editor
(it goes to the reviewers' workflow) and cannot publish it, even by posting "publish"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from dangvu.core import policy
from dangvu.portal import services
from dangvu.portal.models import ArticlePage, CategoryPage, PortalHomePage
from dangvu.portal.permissions import PortalRole

from .conftest import user

pytestmark = pytest.mark.django_db


def test_who_may_hold_which_role(portal: PortalHomePage) -> None:
    def grant(name: str, role: str) -> None:
        services.portal_role_grant(portal=portal, user=user(name), role=role, by=policy.DEMO)

    def groups(name: str) -> set[int]:
        return set(user(name).groups.values_list("pk", flat=True))

    before = {name: groups(name) for name in ("baocao", "truongban", "lanhdao", "dangvien")}
    for name, role in (
        ("baocao", PortalRole.WRITER),  # a unit's reporter: not the office
        ("baocao", PortalRole.REVIEWER),
        ("truongban", PortalRole.REVIEWER),  # a unit's head: not the office
        ("lanhdao", PortalRole.CONTRIBUTOR),  # a leader: neither office nor a unit's reporter
        ("dangvien", PortalRole.CONTRIBUTOR),
    ):
        with pytest.raises(ValidationError, match=r"văn phòng|office"):
            grant(name, role)
    assert {name: groups(name) for name in before} == before
    grant("truongban", PortalRole.CONTRIBUTOR)
    assert portal.contributors_group_id in groups("truongban")
    grant("quantri", PortalRole.REVIEWER)  # the city's administrator above the committee
    assert portal.reviewers_group_id in groups("quantri")


def _article_form(title: str, action: str) -> dict[str, str]:
    data = nested_form_data(
        {
            "title": title,
            "slug": "de-xuat-cua-don-vi",
            "lead": "Tin do đơn vị đề xuất.",
            "body": streamfield([("text", rich_text("<p>Nội dung đề xuất.</p>"))]),
        }
    )
    data[action] = "1"
    return data


def test_a_contributor_proposes_and_cannot_publish(client: Client, portal: PortalHomePage) -> None:
    category = CategoryPage.objects.child_of(portal).get(slug="tin-tuc-su-kien")
    client.force_login(user("baocao"))
    add = f"/cms/pages/add/portal/articlepage/{category.pk}/"
    response = client.post(add, _article_form("Đề xuất của đơn vị", "action-publish"))
    assert response.status_code in (200, 302, 403)
    assert not ArticlePage.objects.filter(title="Đề xuất của đơn vị", live=True).exists()
    ArticlePage.objects.filter(title="Đề xuất của đơn vị").delete()

    response = client.post(add, _article_form("Đề xuất của đơn vị", "action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(title="Đề xuất của đơn vị")
    assert not article.live
    state = article.current_workflow_state
    assert state is not None
    assert state.status == "in_progress"
    assert state.current_task_state.task.specific.groups.get() == portal.reviewers_group
    # Posting "publish" on its own proposal publishes nothing.
    edit = f"/cms/pages/{article.pk}/edit/"
    client.post(edit, _article_form("Đề xuất của đơn vị", "action-publish"))
    article.refresh_from_db()
    assert not article.live
    assert Client().get(f"{category.url}{article.slug}/").status_code == 404
    # The reviewer may.
    assert article.permissions_for_user(user("duyetbai")).can_publish()
    assert not article.permissions_for_user(user("baocao")).can_publish()
