import pytest
from django.core.management import call_command

from dangvu.accounts.models import User
from dangvu.org.enums import Role
from dangvu.org.models import Membership, Organisation


@pytest.mark.django_db
def test_load_demo_if_empty_keeps_existing_data(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo", "--if-empty", "--force")
    count = Organisation.objects.count()
    out = capsys.readouterr().out
    assert "vanphong" in out
    assert "dangvu-demo" in out
    call_command("load_demo", "--if-empty", "--force")
    assert Organisation.objects.count() == count
    assert "kept as it is" in capsys.readouterr().out


@pytest.mark.django_db
def test_one_account_per_role() -> None:
    call_command("load_demo", "--if-empty", "--force")
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.get(username="quantri").is_superuser
