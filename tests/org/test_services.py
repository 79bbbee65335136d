import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.core.models import AuditEntry
from dangvu.core.policy import SYSTEM
from dangvu.org import services
from dangvu.org.enums import OrgKind, Role, SuccessionKind
from dangvu.org.models import Membership, Organisation, Position, Succession
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

END = dt.date(2025, 6, 30)
NEW = dt.date(2025, 7, 1)


def test_create_keeps_the_tree_path_and_audits() -> None:
    city = OrganisationFactory(name="Thành ủy")
    ward = OrganisationFactory(name="Đảng ủy phường", parent=city, valid_from=dt.date(2021, 1, 1))
    assert ward.path == f"/{city.pk}/{ward.pk}/"
    assert ward.depth == 1
    assert ward.name_folded == "dang uy phuong"
    entry = AuditEntry.objects.get(action="organisation.create", object_id=str(ward.pk))
    assert entry.after is not None
    assert entry.after["parent"] == city.pk


def test_create_refuses_a_start_outside_the_parent() -> None:
    city = OrganisationFactory(valid_from=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        OrganisationFactory(parent=city, valid_from=dt.date(2019, 12, 31))
    assert "valid_from" in error.value.message_dict
    assert Organisation.objects.count() == 1


def test_create_refuses_a_unit_that_would_outlive_its_parent() -> None:
    district = OrganisationFactory(name="Quận ủy", valid_to=END)
    with pytest.raises(ValidationError) as error:
        OrganisationFactory(parent=district, name="Chi bộ mới")
    assert "không thể tồn tại lâu hơn" in str(error.value)
    ok = OrganisationFactory(parent=district, valid_to=END)
    assert ok.valid_to == END


def test_close_cascades_to_open_children_positions_and_roles() -> None:
    district = OrganisationFactory(name="Quận ủy")
    board = OrganisationFactory(name="Ban Tổ chức", parent=district)
    person = services.person_create(full_name="Nguyễn Văn B", by=SYSTEM)
    position = services.position_assign(
        person=person,
        organisation=board,
        title="Trưởng ban",
        valid_from=dt.date(2020, 5, 1),
        by=SYSTEM,
    )
    user = UserFactory()
    role = services.membership_grant(user=user, organisation=board, role=Role.REPORTER, by=SYSTEM)
    closed = services.organisation_close(organisation=district, on=END, by=SYSTEM)
    assert {o.pk for o in closed} == {district.pk, board.pk}
    board.refresh_from_db()
    position.refresh_from_db()
    role.refresh_from_db()
    assert board.valid_to == END
    assert position.valid_to == END
    assert role.valid_to == END


def test_close_before_start_is_refused_and_writes_nothing() -> None:
    org = OrganisationFactory(valid_from=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError):
        services.organisation_close(organisation=org, on=dt.date(2019, 1, 1), by=SYSTEM)
    org.refresh_from_db()
    assert org.valid_to is None


def test_close_refused_when_a_child_starts_later() -> None:
    district = OrganisationFactory()
    child = OrganisationFactory(parent=district, valid_from=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.organisation_close(organisation=district, on=dt.date(2023, 1, 1), by=SYSTEM)
    district.refresh_from_db()
    child.refresh_from_db()
    assert district.valid_to is None
    assert child.valid_to is None


@pytest.fixture
def wards(db: Any) -> dict[str, Organisation]:
    """Old wards ending on 30/6/2025, new ones from 1/7/2025, and one that continues."""
    city = OrganisationFactory(name="Thành ủy", valid_from=dt.date(2004, 1, 1))
    old = {
        code: OrganisationFactory(
            name=f"Phường {code}", parent=city, valid_from=dt.date(2004, 1, 1), valid_to=END
        )
        for code in ("a", "b", "c")
    }
    new = {
        code: OrganisationFactory(name=f"Phường {code}", parent=city, valid_from=NEW)
        for code in ("x", "y")
    }
    keeps = OrganisationFactory(name="Phường giữ tên", parent=city, valid_from=dt.date(2004, 1, 1))
    return {"city": city, **old, **new, "keeps": keeps}


def link(pred: Organisation, succ: Organisation, kind: str, **kwargs: Any) -> Succession:
    return services.succession_add(predecessor=pred, successor=succ, kind=kind, by=SYSTEM, **kwargs)


def test_whole_part_and_remainder_with_the_resolution_wording(wards: dict[str, Any]) -> None:
    whole = link(wards["a"], wards["x"], SuccessionKind.WHOLE, wording="Toàn bộ", clause="12")
    link(wards["b"], wards["x"], SuccessionKind.PART, wording="Một phần diện tích")
    rest = link(wards["b"], wards["y"], SuccessionKind.REMAINDER, wording="Phần còn lại")
    assert (whole.wording, whole.clause) == ("Toàn bộ", "12")
    assert rest.kind == SuccessionKind.REMAINDER
    assert AuditEntry.objects.filter(action="succession.add").count() == 3


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (SuccessionKind.WHOLE, SuccessionKind.WHOLE, "không thể có đơn vị kế thừa khác"),
        (SuccessionKind.WHOLE, SuccessionKind.PART, "không thể có đơn vị kế thừa khác"),
        (SuccessionKind.PART, SuccessionKind.WHOLE, "không thể có đơn vị kế thừa khác"),
        (SuccessionKind.REMAINDER, None, "hãy ghi các phần trước"),
    ],
)
def test_set_rules(wards: dict[str, Any], first: str, second: str | None, message: str) -> None:
    if second is None:
        with pytest.raises(ValidationError) as error:
            link(wards["a"], wards["x"], first)
    else:
        link(wards["a"], wards["x"], first)
        with pytest.raises(ValidationError) as error:
            link(wards["a"], wards["y"], second)
    assert message in str(error.value)
    assert Succession.objects.count() == (0 if second is None else 1)


def test_two_remainders_are_refused(wards: dict[str, Any]) -> None:
    third = OrganisationFactory(name="Phường z", parent=wards["city"], valid_from=NEW)
    link(wards["a"], wards["x"], SuccessionKind.PART)
    link(wards["a"], wards["y"], SuccessionKind.REMAINDER)
    with pytest.raises(ValidationError) as error:
        link(wards["a"], third, SuccessionKind.REMAINDER)
    assert "chỉ chuyển cho một đơn vị" in str(error.value)


def test_dates_fit_each_kind(wards: dict[str, Any]) -> None:
    # a successor that started before cannot take "whole": it absorbs, and says so
    with pytest.raises(ValidationError) as error:
        link(wards["a"], wards["keeps"], SuccessionKind.WHOLE)
    assert "sáp nhập vào" in str(error.value)
    absorbed = link(wards["a"], wards["keeps"], SuccessionKind.ABSORBED)
    assert absorbed.kind == SuccessionKind.ABSORBED
    # a predecessor still open cannot be succeeded
    with pytest.raises(ValidationError) as error:
        link(wards["keeps"], wards["x"], SuccessionKind.PART)
    assert "chưa kết thúc" in str(error.value)
    # nor can one be absorbed by a unit that does not exist the day after
    ended = OrganisationFactory(parent=wards["city"], valid_to=dt.date(2020, 12, 31))
    with pytest.raises(ValidationError):
        link(ended, wards["x"], SuccessionKind.ABSORBED)


def test_no_cycles_and_no_self(wards: dict[str, Any]) -> None:
    early = OrganisationFactory(
        name="Sài Đồng", parent=wards["city"], valid_from=dt.date(2004, 1, 1), valid_to=END
    )
    link(early, wards["keeps"], SuccessionKind.ABSORBED)
    services.organisation_close(organisation=wards["keeps"], on=dt.date(2025, 12, 31), by=SYSTEM)
    # keeps → early would close a cycle (early ended before, so also the dates refuse it)
    with pytest.raises(ValidationError):
        link(wards["keeps"], early, SuccessionKind.ABSORBED)
    with pytest.raises(ValidationError):
        link(wards["a"], wards["a"], SuccessionKind.WHOLE)
    with pytest.raises(ValidationError):
        link(early, wards["keeps"], SuccessionKind.ABSORBED)  # already recorded


def test_correct_and_remove_a_link(wards: dict[str, Any]) -> None:
    part = link(wards["b"], wards["x"], SuccessionKind.PART)
    rest = link(wards["b"], wards["y"], SuccessionKind.PART)
    services.succession_update(
        link=rest, kind=SuccessionKind.REMAINDER, wording="Phần còn lại", clause="3", by=SYSTEM
    )
    rest.refresh_from_db()
    assert (rest.kind, rest.clause) == (SuccessionKind.REMAINDER, "3")
    # removing the only part would leave the remainder alone
    with pytest.raises(ValidationError):
        services.succession_remove(link=part, by=SYSTEM)
    services.succession_remove(link=rest, by=SYSTEM)
    services.succession_remove(link=part, by=SYSTEM)
    assert not Succession.objects.exists()
    actions = list(
        AuditEntry.objects.filter(action__startswith="succession.").values_list("action", flat=True)
    )
    assert sorted(actions) == ["succession.add"] * 2 + ["succession.remove"] * 2 + [
        "succession.update"
    ]


def test_ward_office_cannot_link_or_create_elsewhere(wards: dict[str, Any]) -> None:
    office = UserFactory()
    Membership.objects.create(user=office, organisation=wards["x"], role=Role.OFFICE)
    with pytest.raises(PermissionDenied):
        services.succession_add(
            predecessor=wards["a"], successor=wards["x"], kind=SuccessionKind.WHOLE, by=office
        )
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            name="Chi bộ", kind=OrgKind.PARTY, valid_from=NEW, parent=wards["city"], by=office
        )
    with pytest.raises(PermissionDenied):
        services.organisation_create(name="Gốc", kind=OrgKind.PARTY, valid_from=NEW, by=office)
    with pytest.raises(PermissionDenied):
        services.organisation_close(organisation=wards["y"], on=dt.date(2026, 1, 1), by=office)
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            name="Chi bộ",
            kind=OrgKind.PARTY,
            valid_from=NEW,
            parent=wards["x"],
            by=None,  # type: ignore[arg-type]
        )
    assert not Succession.objects.exists()
    cell = services.organisation_create(
        name="Chi bộ 1", kind=OrgKind.PARTY, valid_from=NEW, parent=wards["x"], by=office
    )
    assert cell.parent == wards["x"]


def test_position_outside_the_organisation_is_refused() -> None:
    org = OrganisationFactory(valid_from=dt.date(2020, 1, 1))
    person = services.person_create(full_name="Trần Thị C", by=SYSTEM)
    with pytest.raises(ValidationError):
        services.position_assign(
            person=person,
            organisation=org,
            title="Bí thư",
            valid_from=dt.date(2019, 1, 1),
            by=SYSTEM,
        )
    assert not Position.objects.exists()


def test_update_records_before_and_after() -> None:
    org = OrganisationFactory(name="Ban Tuyên giáo")
    services.organisation_update(
        organisation=org,
        by=SYSTEM,
        name="Ban Tuyên giáo và Dân vận",
        short_name="",
        kind=OrgKind.PARTY_BODY,
        issuer_code="",
    )
    entry = AuditEntry.objects.get(action="organisation.update")
    assert entry.before == {"name": "Ban Tuyên giáo", "kind": OrgKind.PARTY}
    assert entry.after == {"name": "Ban Tuyên giáo và Dân vận", "kind": OrgKind.PARTY_BODY}
    org.refresh_from_db()
    assert org.name_folded == "ban tuyen giao va dan van"


def test_memberships_granted_and_ended_within_scope(wards: dict[str, Any]) -> None:
    office = UserFactory()
    Membership.objects.create(user=office, organisation=wards["x"], role=Role.OFFICE)
    colleague = UserFactory()
    granted = services.membership_grant(
        user=colleague, organisation=wards["x"], role=Role.REPORTER, valid_from=NEW, by=office
    )
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            user=colleague, organisation=wards["y"], role=Role.REPORTER, by=office
        )
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            user=colleague, organisation=wards["x"], role=Role.ADMIN, by=office
        )
    services.membership_end(membership=granted, on=dt.date(2026, 1, 31), by=office)
    granted.refresh_from_db()
    assert granted.valid_to == dt.date(2026, 1, 31)
    assert AuditEntry.objects.filter(action="membership.grant").count() == 1
    assert AuditEntry.objects.filter(action="membership.end").count() == 1


def test_closes_cycle_walks_the_links() -> None:
    from dangvu.org.succession_rules import closes_cycle

    edges = {"a": ["b"], "b": ["c"]}
    assert closes_cycle(edges, "c", "a")
    assert not closes_cycle(edges, "a", "c")
