"""factory_boy factories and small builders: a test makes the few records it needs.

Records that the services keep consistent (an organisation's tree path and folded name, a task's
six fields and its counts, a period's outline) are made through the services, as a system actor,
so that a test starts from the same state the application would be in. For a whole demo
(organisations, accounts, the story) see `tests/conftest.py` (`demo_tree`, `demo_story`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from dangvu.accounts.models import User
from dangvu.core import policy
from dangvu.org import services
from dangvu.org.enums import OrgKind, Role
from dangvu.org.models import Organisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("mat-khau-thu")


class OrganisationFactory(factory.Factory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Chi bộ {n}")
    kind = OrgKind.PARTY
    valid_from = dt.date(2020, 1, 1)
    parent = None

    @classmethod
    def _create(cls, model_class: type[Organisation], *args: Any, **kwargs: Any) -> Organisation:
        kwargs.setdefault("by", policy.SYSTEM)
        return services.organisation_create(**kwargs)


def member(organisation: Organisation, role: str = Role.REPORTER, **fields: Any) -> User:
    """A new user holding `role` in `organisation` (open-ended, from the organisation's start)."""
    user = UserFactory(**fields)
    services.membership_grant(user=user, organisation=organisation, role=role, by=policy.SYSTEM)
    return User.objects.get(pk=user.pk)  # fresh: no cached scope


class TaskFactory(factory.Factory):
    """A task of `committee`, all six clear, published unless `published=False`. The committee
    and its lead unit are made when not given (a committee with one board under it)."""

    class Meta:
        model = dict  # built by the service in `_create`

    committee = factory.SubFactory(OrganisationFactory, name="Đảng ủy Mẫu", issuer_code="ĐU")
    lead_unit = factory.LazyAttribute(
        lambda task: OrganisationFactory(
            name="Ban Tuyên giáo", parent=task.committee, kind=OrgKind.PARTY_BODY
        )
    )
    authority = factory.SelfAttribute("committee")
    content = factory.Sequence(lambda n: f"Xây dựng kế hoạch số {n}")
    issued_on = dt.date(2020, 9, 11)
    deadline = dt.date(2020, 12, 31)
    deliverable = "Kế hoạch"
    published = True

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        from dangvu.assignments import services as task_services

        published = kwargs.pop("published", True)
        kwargs.setdefault("by", policy.SYSTEM)
        task = task_services.task_create(**kwargs)
        if published:
            task = task_services.task_publish(task=task, by=policy.SYSTEM)
        return task
