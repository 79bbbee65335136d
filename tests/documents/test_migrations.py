"""The register's data migration: numbers already given stay; each type's counter continues from
its highest number; and back again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The organisation tree stays as it is now (its rows get `name_folded`); only the register moves.
BEFORE = [("documents", "0001_initial"), ("org", "0003_reorganisations")]
AFTER = [("documents", "0003_register_per_type_data"), ("org", "0003_reorganisations")]


def migrate_all() -> None:
    """Every app back to its latest migration (going back unapplied those that need the new
    register), so that the tests after this one find the whole schema."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def migrate(targets: list[tuple[str, str]]) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_shared_counter_becomes_one_counter_per_type() -> None:
    old = migrate(BEFORE)
    Organisation = old.get_model("org", "Organisation")  # type: ignore[attr-defined]
    DocumentNumber = old.get_model("documents", "DocumentNumber")  # type: ignore[attr-defined]
    NumberCounter = old.get_model("documents", "NumberCounter")  # type: ignore[attr-defined]
    district = Organisation.objects.create(
        code="qu-thu", name="Quận ủy Thử", kind="party", issuer_code="QU",
        valid_from=dt.date(2020, 1, 1), path="qu-thu/", name_folded="quan uy thu",
    )  # fmt: skip
    for number, code in ((1, "BC"), (2, "TB"), (3, "BC")):
        DocumentNumber.objects.create(
            issuer=district, year=2020, type_code=code, number=number, label=f"{code} {number}"
        )
    NumberCounter.objects.create(issuer=district, year=2020, last_number=3)

    new = migrate(AFTER)
    counters = new.get_model("documents", "NumberCounter").objects  # type: ignore[attr-defined]
    assert {(c.type_code, c.last_number) for c in counters.all()} == {("BC", 3), ("TB", 2)}
    numbers = new.get_model("documents", "DocumentNumber").objects  # type: ignore[attr-defined]
    assert sorted(numbers.values_list("type_code", "number")) == [("BC", 1), ("BC", 3), ("TB", 2)]

    back = migrate(BEFORE)
    counters = back.get_model("documents", "NumberCounter").objects  # type: ignore[attr-defined]
    assert [c.last_number for c in counters.all()] == [3]
    migrate_all()
