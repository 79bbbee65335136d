"""A large organisation workbook goes to the worker; the accounts it creates get their one-time
password links on the job's result page, as the in-request import shows them — to the user who
ran the import only, and never stored (made when the page is opened)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core import background
from dangvu.core.models import BackgroundJob
from dangvu.org import services
from tests.factories import UserFactory
from tests.org import test_people_import
from tests.org.test_people_import import client_for, row, workbook

pytestmark = pytest.mark.django_db

world = test_people_import.world  # the same importer, units and accounts

LINK = r"https?://[^<\s]*/accounts/password/reset/[^/<]+/[^/<]+/"


def run_import(client: Client) -> BackgroundJob:
    """Upload (to the worker), check, confirm, apply: the apply job, done."""
    rows = [row(), row(full_name="Trần Thị Bình", email="", username="tt.binh", title="")]
    response = client.post(reverse("org:import"), {"file": workbook(rows)})
    assert response.status_code == 302
    check = BackgroundJob.objects.get(kind="org.import_check")
    background.run_pending()
    check.refresh_from_db()
    assert check.state == "done", check.error
    assert not User.objects.filter(username="nv.an").exists()  # checked, nothing written
    client.post(reverse("org:import_confirm"), {"job": check.pk})
    background.run_pending()
    job = BackgroundJob.objects.get(kind="org.import_apply")
    assert job.state == "done", job.error
    return job


def test_the_job_page_shows_the_links_to_its_owner(world: dict[str, Any], settings: Any) -> None:
    settings.DANGVU_JOB_SYNC_MAX_BYTES = 0  # every file goes to the worker
    client = client_for(world["office"])
    job = run_import(client)
    an, binh = User.objects.get(username="nv.an"), User.objects.get(username="tt.binh")
    assert not an.has_usable_password()
    # the job keeps which accounts it created, not their links
    assert sorted(job.result["accounts"]) == sorted([an.pk, binh.pk])
    assert "password/reset" not in str(job.result)
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert "Tài khoản người dùng mới" in page
    assert "nv.an" in page
    assert "tt.binh" in page
    links = re.findall(LINK, page)
    assert len(links) == 2
    uid = services.account_setup_link(an).split("/")[-3]
    link = next(found for found in links if f"/reset/{uid}/" in found)
    anonymous = Client()
    form = anonymous.get(link, follow=True)
    assert "new_password1" in form.content.decode()
    anonymous.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2025!", "new_password2": "Mat-khau-moi-2025!"},
    )
    an.refresh_from_db()
    assert an.check_password("Mat-khau-moi-2025!")
    # once the password is set, the page no longer offers a link for that account
    again = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert len(re.findall(LINK, again)) == 1
    assert "Đã đặt mật khẩu" in again


def test_nobody_else_sees_the_links(world: dict[str, Any], settings: Any) -> None:
    settings.DANGVU_JOB_SYNC_MAX_BYTES = 0
    job = run_import(client_for(world["office"]))
    for other in (world["admin"], UserFactory(username="p-root", is_superuser=True)):
        response = client_for(other).get(reverse("core:job", args=[job.pk]))
        assert response.status_code == 404
        assert not re.findall(LINK, response.content.decode())
    assert Client().get(reverse("core:job", args=[job.pk])).status_code == 302  # sign in first
