"""The materialised counts of decided grades (`GradeSummary`), kept by the services.

A decision adds one to the row of the organisation the subject is counted at (`own`, and
`total`) and to the `total` of each of its ancestors on the round's day; a reopening takes it
back. A roll-up then reads the rows of one organisation and its children: a few dozen rows
whether the country has 5,000 members or 5.6 million. `rebuild` recounts a round from its
evaluations (the synthetic data and a check use it).
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, F

from dangvu.evaluation.enums import Stage
from dangvu.evaluation.models import Evaluation, GradeSummary, Round
from dangvu.org.models import Organisation


def _ancestor_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _ensure_rows(round_id: int, org_ids: list[int], kind: str, grade: str) -> None:
    orgs = Organisation.objects.filter(pk__in=org_ids).values_list("pk", "parent_id", "depth")
    GradeSummary.objects.bulk_create(
        [
            GradeSummary(
                round_id=round_id,
                organisation_id=pk,
                parent_id_snapshot=parent_id,
                depth=depth,
                subject_kind=kind,
                grade=grade,
            )
            for pk, parent_id, depth in orgs
        ],
        ignore_conflicts=True,
    )


def apply(evaluation: Evaluation, grade: str, delta: int) -> None:
    """Count `evaluation` (graded `grade`) in or out (`delta` = 1 or -1)."""
    ids = _ancestor_ids(evaluation.path)
    if not ids:
        return
    _ensure_rows(evaluation.round_id, ids, evaluation.subject_kind, grade)
    rows = GradeSummary.objects.filter(
        round_id=evaluation.round_id, subject_kind=evaluation.subject_kind, grade=grade
    )
    rows.filter(organisation_id__in=ids).update(total=F("total") + delta)
    rows.filter(organisation_id=ids[-1]).update(own=F("own") + delta)


@transaction.atomic
def rebuild(round_: Round) -> int:
    """Recount the round's summaries from its decided evaluations; returns the rows written."""
    own: dict[tuple[int, str, str], int] = defaultdict(int)
    paths: dict[int, str] = {}
    decided = (
        Evaluation.objects.filter(round=round_, stage=Stage.DECIDED)
        .values("organisation_id", "path", "subject_kind", "grade")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in decided:
        own[(row["organisation_id"], row["subject_kind"], row["grade"])] += row["n"]
        paths[row["organisation_id"]] = row["path"]
    total: dict[tuple[int, str, str], int] = defaultdict(int)
    for (org_id, kind, grade), n in own.items():
        for ancestor in _ancestor_ids(paths[org_id]):
            total[(ancestor, kind, grade)] += n
    info = {
        pk: (parent_id, depth)
        for pk, parent_id, depth in Organisation.objects.filter(
            pk__in={key[0] for key in total}
        ).values_list("pk", "parent_id", "depth")
    }
    GradeSummary.objects.filter(round=round_).delete()
    rows = [
        GradeSummary(
            round=round_,
            organisation_id=org_id,
            parent_id_snapshot=info[org_id][0],
            depth=info[org_id][1],
            subject_kind=kind,
            grade=grade,
            own=own.get((org_id, kind, grade), 0),
            total=n,
        )
        for (org_id, kind, grade), n in total.items()
    ]
    GradeSummary.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
