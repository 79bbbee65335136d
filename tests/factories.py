"""factory_boy factories. Organisations go through the service, which keeps the tree path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from dangvu.accounts.models import User
from dangvu.core import policy
from dangvu.org import services
from dangvu.org.enums import OrgKind
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
