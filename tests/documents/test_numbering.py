"""The register: one sequence per issuer, year and type of document; numbers typed from the
paper register; no duplicate and no gap under concurrent allocation (PostgreSQL)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from dangvu.core.models import AuditEntry
from dangvu.documents.models import DocumentNumber
from dangvu.documents.numbering import allocate_number, format_number
from dangvu.org.models import Organisation


@pytest.fixture
def demo(demo_tree: dict[str, Organisation]) -> dict[str, Organisation]:
    """The demo's organisations and accounts, without the story's chapters: the register's
    numbers are allocated here."""
    return demo_tree


def allocate(issuer: Organisation, type_code: str = "TB", year: int = 2019) -> DocumentNumber:
    return allocate_number(issuer=issuer, type_code=type_code, year=year, label="x", by=None)


def test_each_type_has_its_own_sequence(demo: dict[str, Organisation]) -> None:
    district = demo["lb-qu"]
    numbers = [allocate(district, code) for code in ("BC", "TB", "BC", "TB", "KH", "GM")]
    assert [format_number(n) for n in numbers] == [
        "1-BC/QU",
        "1-TB/QU",
        "2-BC/QU",
        "2-TB/QU",
        "1-KH/QU",
        "1-GM/QU",
    ]
    assert AuditEntry.objects.filter(
        action="document.number", object_id=str(numbers[1].pk)
    ).exists()


def test_a_typed_number_is_kept_and_the_sequence_continues_after_it(
    demo: dict[str, Organisation],
) -> None:
    district = demo["lb-qu"]
    allocate(district, "TB")
    typed = allocate_number(
        issuer=district, type_code="TB", year=2019, label="Thông báo giấy", by=None, number=17
    )
    assert typed.number == 17
    assert typed.typed is True
    assert allocate(district, "TB").number == 18
    # A lower free number can still be typed (the paper register skipped it).
    assert (
        allocate_number(
            issuer=district, type_code="TB", year=2019, label="z", by=None, number=5
        ).number
        == 5
    )
    assert allocate(district, "TB").number == 19


def test_a_typed_duplicate_is_refused_in_vietnamese(demo: dict[str, Organisation]) -> None:
    district = demo["lb-qu"]
    allocate(district, "TB")
    with pytest.raises(ValidationError) as error:
        allocate_number(issuer=district, type_code="TB", year=2019, label="y", by=None, number=1)
    message = str(error.value)
    assert "1-TB/QU" in message
    assert "đã có trong sổ" in message
    assert DocumentNumber.objects.filter(issuer=district, year=2019).count() == 1
    # The same number of another type is free.
    assert (
        allocate_number(
            issuer=district, type_code="BC", year=2019, label="y", by=None, number=1
        ).number
        == 1
    )


def test_numbers_restart_each_year_and_per_issuer(demo: dict[str, Organisation]) -> None:
    allocate(demo["lb-qu"], year=2018)
    allocate(demo["lb-qu"], year=2018)
    assert allocate(demo["lb-qu"], year=2019).number == 1
    assert allocate(demo["hn-tu"], year=2018).number == 1
    assert format_number(allocate(demo["hn-tu"], year=2018)) == "2-TB/TU"


def test_issuer_without_code_is_refused(demo: dict[str, Organisation]) -> None:
    with pytest.raises(ValidationError) as error:
        allocate(demo["lb-btg"])
    assert "không có ký hiệu" in str(error.value)
    assert not DocumentNumber.objects.filter(year=2019).exists()


def test_empty_type_code_is_refused(demo: dict[str, Organisation]) -> None:
    with pytest.raises(ValidationError):
        allocate(demo["lb-qu"], type_code="  ")
    assert not DocumentNumber.objects.filter(year=2019).exists()


def test_a_failed_transaction_does_not_spend_the_number(demo: dict[str, Organisation]) -> None:
    def issue_and_fail() -> None:
        with transaction.atomic():
            allocate(demo["lb-qu"])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        issue_and_fail()
    assert allocate(demo["lb-qu"]).number == 1


def test_database_refuses_a_duplicate(demo: dict[str, Organisation]) -> None:
    number = allocate(demo["lb-qu"])
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentNumber.objects.create(
            issuer=number.issuer, year=2019, type_code="TB", number=number.number, label="y"
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocation_has_no_duplicate_and_no_gap(demo: dict[str, Organisation]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers (IMMEDIATE mode)")
    from django.db import connections

    district = demo["lb-qu"]
    workers = 8
    per_worker = 5
    barrier = threading.Barrier(workers)
    results: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            barrier.wait()
            for _i in range(per_worker):
                number = allocate(district)
                with lock:
                    results.append(number.number)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads: list[Any] = [threading.Thread(target=work) for _i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == list(range(1, workers * per_worker + 1))
    stored = list(
        DocumentNumber.objects.filter(issuer=district, year=2019).values_list("number", flat=True)
    )
    assert sorted(stored) == list(range(1, workers * per_worker + 1))
