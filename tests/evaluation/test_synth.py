"""The national shape (PostgreSQL only), here at a small size: the roll-up from the summaries
agrees with a plain count of the evaluations, in a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import Count

from dangvu.evaluation.enums import Grade
from dangvu.evaluation.models import Evaluation, Round
from dangvu.evaluation.selectors import rollup
from dangvu.evaluation.synth import synthesize_nation
from dangvu.org.models import Organisation


def test_nation_refuses_sqlite(db: Any) -> None:
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL runs the real thing below")
    with pytest.raises(RuntimeError):
        synthesize_nation(members=10, progress=lambda _: None, shape=(2, 4, 8))


def test_nation_rollup_matches_a_count(db: Any, django_assert_num_queries: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the nation scale uses COPY (PostgreSQL)")
    done = synthesize_nation(members=500, progress=lambda _: None, shape=(3, 9, 40))
    round_ = Round.objects.select_related("committee").get(pk=done.round_id)
    with django_assert_num_queries(3):
        figures = rollup(round_)
    assert len(figures.children) == 3
    assert figures.total.members.total == 500
    assert figures.total.organisations.total == 40
    counted = dict(
        Evaluation.objects.filter(round=round_, member__isnull=False)
        .values_list("grade")
        .annotate(n=Count("pk"))
    )
    assert figures.total.members.counts[Grade.GOOD] == counted[Grade.GOOD]
    province = Organisation.objects.get(pk=figures.children[0].organisation.pk)
    assert rollup(round_, province).total.members.total == figures.children[0].members.total
