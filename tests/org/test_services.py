import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.models import AuditEntry
from dangvu.org import services
from dangvu.org.enums import OrgKind, SuccessionKind
from dangvu.org.models import Organisation, Position
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_create_keeps_the_tree_path_and_audits() -> None:
    city = OrganisationFactory(name="Thành ủy")
    ward = OrganisationFactory(name="Đảng ủy phường", parent=city, valid_from=dt.date(2021, 1, 1))
    assert ward.path == f"/{city.pk}/{ward.pk}/"
    assert ward.depth == 1
    entry = AuditEntry.objects.get(action="organisation.create", object_id=str(ward.pk))
    assert entry.after is not None
    assert entry.after["parent"] == city.pk


def test_create_refuses_a_start_outside_the_parent() -> None:
    city = OrganisationFactory(valid_from=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        OrganisationFactory(parent=city, valid_from=dt.date(2019, 12, 31))
    assert "valid_from" in error.value.message_dict
    assert Organisation.objects.count() == 1


def test_close_cascades_to_open_children_and_positions() -> None:
    district = OrganisationFactory(name="Quận ủy")
    board = OrganisationFactory(name="Ban Tổ chức", parent=district)
    person = services.person_create(full_name="Nguyễn Văn B")
    position = services.position_assign(
        person=person, organisation=board, title="Trưởng ban", valid_from=dt.date(2020, 5, 1)
    )
    closed = services.organisation_close(organisation=district, on=dt.date(2025, 6, 30), by=None)
    assert {o.pk for o in closed} == {district.pk, board.pk}
    board.refresh_from_db()
    position.refresh_from_db()
    assert board.valid_to == dt.date(2025, 6, 30)
    assert position.valid_to == dt.date(2025, 6, 30)


def test_close_before_start_is_refused_and_writes_nothing() -> None:
    org = OrganisationFactory(valid_from=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError):
        services.organisation_close(organisation=org, on=dt.date(2019, 1, 1), by=None)
    org.refresh_from_db()
    assert org.valid_to is None


def test_close_refused_when_a_child_starts_later() -> None:
    district = OrganisationFactory()
    child = OrganisationFactory(parent=district, valid_from=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.organisation_close(organisation=district, on=dt.date(2023, 1, 1), by=None)
    district.refresh_from_db()
    child.refresh_from_db()
    assert district.valid_to is None
    assert child.valid_to is None


def test_succession_rules() -> None:
    old = OrganisationFactory(valid_from=dt.date(2004, 1, 1))
    new = OrganisationFactory(valid_from=dt.date(2025, 7, 1))
    link = services.succession_add(
        predecessor=old, successor=new, kind=SuccessionKind.PART, by=None
    )
    assert link.kind == SuccessionKind.PART
    with pytest.raises(ValidationError):
        services.succession_add(predecessor=old, successor=new, by=None)
    with pytest.raises(ValidationError):
        services.succession_add(predecessor=new, successor=old, by=None)
    with pytest.raises(ValidationError):
        services.succession_add(predecessor=old, successor=old, by=None)


def test_position_outside_the_organisation_is_refused() -> None:
    org = OrganisationFactory(valid_from=dt.date(2020, 1, 1))
    person = services.person_create(full_name="Trần Thị C")
    with pytest.raises(ValidationError):
        services.position_assign(
            person=person, organisation=org, title="Bí thư", valid_from=dt.date(2019, 1, 1)
        )
    assert not Position.objects.exists()


def test_update_records_before_and_after() -> None:
    org = OrganisationFactory(name="Ban Tuyên giáo")
    services.organisation_update(
        organisation=org,
        by=None,
        name="Ban Tuyên giáo và Dân vận",
        short_name="",
        kind=OrgKind.PARTY_BODY,
        issuer_code="",
    )
    entry = AuditEntry.objects.get(action="organisation.update")
    assert entry.before == {"name": "Ban Tuyên giáo", "kind": OrgKind.PARTY}
    assert entry.after == {"name": "Ban Tuyên giáo và Dân vận", "kind": OrgKind.PARTY_BODY}
