from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from dangvu.accounts.models import User
from dangvu.assignments.models import ProgressReport, Task
from dangvu.demo import synth
from dangvu.notifications.models import ReminderSent
from dangvu.org.enums import Role
from dangvu.org.models import Membership, Organisation
from tests.factories import OrganisationFactory


def test_small_scale_has_the_promised_shape(db: Any) -> None:
    call_command("synth", "--scale", "small", stdout=StringIO())

    assert Organisation.objects.count() == 50
    assert User.objects.count() == 100
    assert Task.objects.count() == 100
    assert ProgressReport.objects.count() == 400
    root = Organisation.objects.get(code="syn-tu")
    assert root.parent is None
    for org in Organisation.objects.select_related("parent"):
        parent_path = org.parent.path if org.parent else "/"
        assert org.path == f"{parent_path}{org.pk}/"
        assert org.path.startswith(root.path)
    assert Organisation.objects.filter(parent=root, code__regex=r"^syn-p\d{3}$").count() == 3
    assert Organisation.objects.filter(depth=3).exists()  # cells under grassroots organisations
    office = Membership.objects.get(user__username=synth.OFFICE_USERNAME)
    assert (office.role, office.organisation) == (Role.OFFICE, root)
    assert Task.objects.filter(lead_unit__isnull=True).count() == 0
    assert Task.objects.filter(completed_on__isnull=False).exists()
    assert Task.objects.filter(completed_on__isnull=True).exists()


def test_deterministic_and_repeatable(db: Any) -> None:
    call_command("synth", "--scale", "small", "--seed", "7", stdout=StringIO())
    first = list(Task.objects.order_by("pk").values_list("content", "deadline", "completed_on"))

    call_command("synth", "--scale", "small", "--seed", "7", stdout=StringIO())

    assert Organisation.objects.count() == 50
    assert Task.objects.count() == 100
    assert (
        list(Task.objects.order_by("pk").values_list("content", "deadline", "completed_on"))
        == first
    )


def test_refuses_a_database_with_real_data(db: Any) -> None:
    OrganisationFactory(name="Quận ủy thật")

    with pytest.raises(CommandError, match="not synthetic"):
        call_command("synth", "--scale", "small", stdout=StringIO())

    assert Task.objects.count() == 0
    assert not Organisation.objects.filter(code__startswith="syn-").exists()


def test_force_adds_beside_real_data(db: Any) -> None:
    real = OrganisationFactory(name="Quận ủy thật")

    call_command("synth", "--scale", "small", "--force", stdout=StringIO())

    assert Organisation.objects.filter(pk=real.pk).exists()
    assert Organisation.objects.filter(code__startswith="syn-").count() == 50


def test_if_missing_keeps_the_data(db: Any) -> None:
    call_command("synth", "--scale", "small", stdout=StringIO())
    ids = set(Task.objects.values_list("pk", flat=True))
    out = StringIO()

    call_command("synth", "--scale", "small", "--if-missing", stdout=out)

    assert set(Task.objects.values_list("pk", flat=True)) == ids
    assert "already there" in out.getvalue()


def test_bench_tasks_at_small_scale(db: Any) -> None:
    call_command("synth", "--scale", "small", stdout=StringIO())
    out = StringIO()

    call_command("bench_tasks", "--requests", "2", stdout=out)

    text = out.getvalue()
    assert "reminders, the day's pass" in text
    assert "Python allocations peak" in text
    for label in ("task list, overdue, page 2", "statistics by lead unit", "statistics by month"):
        assert f"{label}: median" in text
    assert Task.objects.count() == 100  # the reminder passes were rolled back
    assert not ReminderSent.objects.exists()


def test_bench_tasks_needs_synthetic_data(db: Any) -> None:
    with pytest.raises(CommandError, match="synth"):
        call_command("bench_tasks", stdout=StringIO())
