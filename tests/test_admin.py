from django.test import Client

from dangvu.accounts.models import User
from dangvu.org.models import Organisation


def test_admin_lists_but_does_not_edit_organisations(
    client: Client, demo: dict[str, Organisation]
) -> None:
    client.force_login(User.objects.get(username="quantri"))
    assert "Quận ủy Long Biên" in client.get("/admin/org/organisation/").content.decode()
    change = client.post(f"/admin/org/organisation/{demo['lb-qu'].pk}/change/", {"name": "x"})
    assert change.status_code == 403
    demo["lb-qu"].refresh_from_db()
    assert demo["lb-qu"].name == "Quận ủy Long Biên"
    assert client.get("/admin/core/auditentry/").status_code == 200
