from typing import Any

from django.test import Client

from dangvu.org.enums import Role
from tests.factories import OrganisationFactory, member


def test_admin_lists_but_does_not_edit_organisations(client: Client, db: Any) -> None:
    committee = OrganisationFactory(name="Quận ủy Mẫu")
    client.force_login(member(committee, Role.ADMIN, is_superuser=True, is_staff=True))
    assert "Quận ủy Mẫu" in client.get("/admin/org/organisation/").content.decode()
    change = client.post(f"/admin/org/organisation/{committee.pk}/change/", {"name": "x"})
    assert change.status_code == 403
    committee.refresh_from_db()
    assert committee.name == "Quận ủy Mẫu"
    assert client.get("/admin/core/auditentry/").status_code == 200
