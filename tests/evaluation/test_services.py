from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from dangvu.core.models import AuditEntry
from dangvu.evaluation import grading, services
from dangvu.evaluation.enums import Grade, Stage, SubjectKind
from dangvu.evaluation.models import Evaluation, GradeSummary, Round, Score
from dangvu.evaluation.selectors import quota_status, rollup

ON = dt.date(2020, 12, 20)


def full_scores(evaluation: Evaluation, total: int | None = None) -> dict[int, services.ScoreInput]:
    """Every criterion at its maximum, then points taken off the last ones down to `total`."""
    criteria = list(evaluation.criteria_set.criteria.all())
    scores = {c.pk: Decimal(c.max_score) for c in criteria}
    missing = Decimal(100 - (total if total is not None else 100))
    for c in reversed(criteria):
        cut = min(missing, scores[c.pk])
        scores[c.pk] -= cut
        missing -= cut
    return {pk: services.ScoreInput(score=str(v), note="", evidence="") for pk, v in scores.items()}


EXCELLENT_CONDITIONS = grading.Conditions(tasks_all_on_time=True, tasks_exceeding=True)


def walk(
    world: Any,
    evaluation: Evaluation,
    total: int,
    conditions: Any = None,
    decide: bool = True,
    **decide_kwargs: Any,
) -> Evaluation:
    self_by = (
        world.user("head1")
        if evaluation.organisation_id == world.cell1.pk
        else world.user("office")
    )
    if (
        evaluation.subject_kind == SubjectKind.COLLECTIVE
        and evaluation.organisation_id != world.cell1.pk
    ):
        self_by = world.user("office")
    if evaluation.organisation_id == world.cell2.pk:
        self_by = world.user("head2")
    services.self_assess(
        evaluation=evaluation, scores=full_scores(evaluation, total), signer="Nguyễn Văn Tự",
        on=ON, by=self_by, conditions=conditions or EXCELLENT_CONDITIONS,
    )  # fmt: skip
    services.appraise(evaluation=evaluation, signer="Trần Thẩm Định", on=ON, by=world.user("btc"))
    if decide:
        services.decide(
            evaluation=evaluation,
            signer="Lê Quyết",
            on=ON,
            by=world.user("leader"),
            **decide_kwargs,
        )
    return Evaluation.objects.get(pk=evaluation.pk)


def test_round_takes_organisations_and_members(world: Any, round_: Round) -> None:
    kinds = sorted(round_.evaluations.values_list("subject_kind", flat=True))
    assert kinds.count(SubjectKind.COLLECTIVE) == 3  # Đảng bộ A and its two cells
    assert round_.evaluations.exclude(member=None).count() == 6
    head = round_.evaluations.get(member=world.members[0])
    assert head.is_head
    assert head.subject_kind == SubjectKind.LEADER
    assert head.grassroots == world.grassroots
    assert head.organisation == world.cell1


def test_score_above_maximum_is_refused_in_vietnamese_and_nothing_written(
    world: Any, round_: Round
) -> None:
    evaluation = round_.evaluations.get(member=world.members[2])
    scores = full_scores(evaluation)
    first = evaluation.criteria_set.criteria.first()
    scores[first.pk] = services.ScoreInput(score="11")
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        services.self_assess(
            evaluation=evaluation, scores=scores, signer="A", on=ON, by=world.user("head1")
        )
    assert "vượt quá điểm tối đa 10" in " ".join(caught.value.messages)
    assert not Score.objects.filter(evaluation=evaluation).exists()
    evaluation.refresh_from_db()
    assert evaluation.stage == Stage.PENDING
    assert not AuditEntry.objects.filter(action="evaluation.self_assess").exists()


def test_decision_before_appraisal_is_refused(world: Any, round_: Round) -> None:
    evaluation = round_.evaluations.get(
        organisation=world.cell2, subject_kind=SubjectKind.COLLECTIVE
    )
    services.self_assess(
        evaluation=evaluation,
        scores=full_scores(evaluation, 80),
        signer="A",
        on=ON,
        by=world.user("head2"),
    )
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        services.decide(
            evaluation=evaluation, signer="B", on=ON, by=world.user("leader"), grade=Grade.GOOD
        )
    assert "thẩm định" in " ".join(caught.value.messages)
    evaluation.refresh_from_db()
    assert evaluation.stage == Stage.SELF_ASSESSED
    assert evaluation.grade == ""
    assert not GradeSummary.objects.exists()


def test_wrong_roles_are_refused(world: Any, round_: Round) -> None:
    evaluation = round_.evaluations.get(member=world.members[5])  # in cell 2
    with pytest.raises(PermissionDenied):
        services.self_assess(
            evaluation=evaluation,
            scores=full_scores(evaluation),
            signer="A",
            on=ON,
            by=world.user("head1"),
        )
    services.self_assess(
        evaluation=evaluation,
        scores=full_scores(evaluation, 75),
        signer="A",
        on=ON,
        by=world.user("head2"),
    )
    with pytest.raises(PermissionDenied):
        services.appraise(evaluation=evaluation, signer="B", on=ON, by=world.user("head2"))
    services.appraise(evaluation=evaluation, signer="B", on=ON, by=world.user("btc"))
    with pytest.raises(PermissionDenied):
        services.decide(evaluation=evaluation, signer="C", on=ON, by=world.user("btc"))
    with pytest.raises(PermissionDenied):
        services.round_create(
            committee=world.committee, kind="year", year=2021, title="x",
            starts_on=dt.date(2021, 1, 1), ends_on=dt.date(2021, 12, 31), by=world.user("head1"),
        )  # fmt: skip


def test_member_assesses_own(world: Any, round_: Round) -> None:
    evaluation = round_.evaluations.get(member=world.members[1])
    services.self_assess(
        evaluation=evaluation,
        scores=full_scores(evaluation, 85),
        signer="Đảng viên A1 số 1",
        on=ON,
        by=world.user("member"),
    )
    evaluation.refresh_from_db()
    assert evaluation.self_total == 85
    assert evaluation.self_grade == Grade.GOOD


def test_conditions_cap_the_grade() -> None:
    class Bands:
        excellent_min, good_min, complete_min = Decimal(90), Decimal(70), Decimal(50)

    assert grading.grade_for(Decimal(95), Bands, "member", grading.Conditions()).grade == Grade.GOOD
    assert (
        grading.grade_for(Decimal(95), Bands, "member", EXCELLENT_CONDITIONS).grade
        == Grade.EXCELLENT
    )
    disciplined = grading.Conditions(tasks_all_on_time=True, tasks_exceeding=True, disciplined=True)
    assert grading.grade_for(Decimal(95), Bands, "member", disciplined).grade == Grade.COMPLETE
    assert grading.grade_for(Decimal(95), Bands, "collective", disciplined).grade == Grade.GOOD
    assert (
        grading.grade_for(Decimal(49), Bands, "member", EXCELLENT_CONDITIONS).grade == Grade.FAILED
    )
    assert not grading.breaks_quota(1, 4, 20)
    assert grading.breaks_quota(2, 3, 20)


def test_order_quota_reopen_and_summaries(world: Any, round_: Round, english: None) -> None:
    ev = {e.member_id or f"o{e.organisation_id}": e for e in round_.evaluations.all()}
    m = world.members
    # A member cannot be decided before their cell's collective.
    walk(world, ev[m[1].pk], 95, decide=False)
    with pytest.raises(ValidationError, match="before its members"):
        services.decide(evaluation=ev[m[1].pk], signer="L", on=ON, by=world.user("leader"))
    # The grassroots organisation waits for its cells.
    walk(world, ev[f"o{world.grassroots.pk}"], 92, decide=False)
    with pytest.raises(ValidationError, match="lower organisations"):
        services.decide(
            evaluation=ev[f"o{world.grassroots.pk}"], signer="L", on=ON, by=world.user("leader")
        )
    walk(world, ev[f"o{world.cell1.pk}"], 80)  # cell 1: good
    walk(world, ev[f"o{world.cell2.pk}"], 60)  # cell 2: complete
    services.decide(
        evaluation=ev[f"o{world.grassroots.pk}"], signer="L", on=ON, by=world.user("leader")
    )
    # The head cannot be above the unit.
    walk(world, ev[m[0].pk], 95, decide=False)
    with pytest.raises(ValidationError, match="above the unit"):
        services.decide(evaluation=ev[m[0].pk], signer="L", on=ON, by=world.user("leader"))
    services.decide(
        evaluation=ev[m[0].pk], signer="L", on=ON, by=world.user("leader"), grade=Grade.GOOD
    )
    # Quota: good = head + m2, m3, m4 → with m1 excellent: 1 of 5 is fine; a second breaks it.
    for i in (2, 3, 4):
        walk(world, ev[m[i].pk], 80)
    services.decide(evaluation=ev[m[1].pk], signer="L", on=ON, by=world.user("gleader"))
    walk(world, ev[m[5].pk], 95, decide=False)
    assert any(line.breaks for line in quota_status(round_))
    with pytest.raises(ValidationError, match="Over the quota"):
        services.decide(evaluation=ev[m[5].pk], signer="L", on=ON, by=world.user("leader"))
    ev4 = services.decide(
        evaluation=ev[m[5].pk],
        signer="L",
        on=ON,
        by=world.user("leader"),
        quota_exception="Thành tích đột xuất",
    )
    assert ev4.grade == Grade.EXCELLENT
    assert ev4.decided_level == world.committee
    # m1 was decided at the grassroots level: only the grassroots leader reopens it.
    with pytest.raises(PermissionDenied):
        services.reopen(evaluation=ev[m[1].pk], reason="sai sót", by=world.user("leader"))
    # Summaries: whole committee.
    figures = rollup(round_)
    assert figures.total.members.counts[Grade.EXCELLENT] == 2
    assert figures.total.members.counts[Grade.GOOD] == 4
    assert figures.total.organisations.counts == {
        Grade.EXCELLENT: 1,
        Grade.GOOD: 1,
        Grade.COMPLETE: 1,
        Grade.FAILED: 0,
    }
    services.reopen(evaluation=ev[m[1].pk], reason="sai sót", by=world.user("gleader"))
    assert rollup(round_).total.members.counts[Grade.EXCELLENT] == 1
    assert [row.organisation for row in rollup(round_).children] == [world.grassroots]
    from dangvu.evaluation import summaries

    before = sorted(
        GradeSummary.objects.values_list("organisation_id", "subject_kind", "grade", "own", "total")
    )
    summaries.rebuild(round_)
    after = sorted(
        GradeSummary.objects.filter(total__gt=0).values_list(
            "organisation_id", "subject_kind", "grade", "own", "total"
        )
    )
    assert [r for r in before if r[4]] == after


def test_issue_needs_every_decision_then_numbers_the_docx(
    world: Any, round_: Round, english: None
) -> None:
    with pytest.raises(ValidationError, match="not decided"):
        services.round_issue(
            round=round_,
            signer_title="Bí thư",
            signer_name="A",
            on=dt.date(2021, 1, 10),
            by=world.user("office"),
        )
    for e in round_.evaluations.filter(subject_kind=SubjectKind.COLLECTIVE).order_by("-path"):
        walk(world, e, 80)
    for e in round_.evaluations.exclude(member=None).order_by("is_head"):
        walk(world, e, 75)
    issued = services.round_issue(
        round=round_,
        signer_title="Bí thư",
        signer_name="Nguyễn Văn A",
        on=dt.date(2021, 1, 10),
        by=world.user("office"),
    )
    assert str(issued.decision_number) == "1-QĐ/QU"
    assert bytes(issued.decision_docx)[:2] == b"PK"
    with pytest.raises(ValidationError, match="issued"):
        services.reopen(evaluation=round_.evaluations.first(), reason="x", by=world.user("leader"))


def test_results_compare_with_the_previous_round(world: Any, round_: Round, english: None) -> None:
    for e in round_.evaluations.filter(subject_kind=SubjectKind.COLLECTIVE).order_by("-path"):
        walk(world, e, 80)
    later = services.round_create(
        committee=world.committee, kind="year", year=2021, title="Năm 2021",
        starts_on=dt.date(2021, 1, 1), ends_on=dt.date(2021, 12, 31), by=world.user("office"),
    )  # fmt: skip
    figures = rollup(later)
    assert figures.previous == round_
    assert figures.previous_total is not None
    assert figures.previous_total.organisations.counts[Grade.GOOD] == 3
    assert figures.total.organisations.total == 0


def test_exempt_members_are_not_graded(world: Any) -> None:
    exempt = services.member_exemption_set(
        member=world.members[3], exempt=True, reason="Tuổi cao, sức yếu", by=world.user("office")
    )
    assert exempt.exempt_reason == "Tuổi cao, sức yếu"
    with pytest.raises(PermissionDenied):
        services.member_exemption_set(
            member=world.members[5], exempt=False, reason="", by=world.user("head1")
        )
    r = services.round_create(
        committee=world.committee, kind="quarter", number=4, year=2020, title="Quý IV/2020",
        starts_on=dt.date(2020, 10, 1), ends_on=dt.date(2020, 12, 31), by=world.user("office"),
    )  # fmt: skip
    services.round_add_subjects(round=r, by=world.user("office"))
    assert r.evaluations.exclude(member=None).count() == 5
    assert not r.evaluations.filter(member=world.members[3]).exists()


def test_every_evaluation_action_refuses_anonymous_and_allows_the_system(
    world: Any, round_: Round
) -> None:
    from django.contrib.auth.models import AnonymousUser

    from dangvu.core import policy

    evaluation = round_.evaluations.first()
    objects = {
        "member": world.members[0], "round": round_, "evaluation": evaluation,
    }  # fmt: skip
    actions = [a for a in policy.actions() if a.split(".")[0] in objects]
    assert len(actions) == 12
    for action in actions:
        obj = objects[action.split(".")[0]]
        if action in ("member.manage", "round.create"):
            obj = world.cell1
        assert not policy.allowed(AnonymousUser(), action, obj)
        assert not policy.allowed(None, action, obj)
        assert not policy.allowed(world.user("nobody"), action, obj)
        assert policy.allowed(policy.SYSTEM, action, obj)


def test_criteria_defaults_match_the_migration(db: Any) -> None:
    from dangvu.evaluation.models import CriteriaSet

    assert services.criteria_defaults_install() == 0  # the data migration installed them
    for criteria_set in CriteriaSet.objects.prefetch_related("criteria"):
        parts = {"general": 0, "results": 0}
        for c in criteria_set.criteria.all():
            parts[c.part] += c.max_score
        assert parts == {"general": 30, "results": 70}, criteria_set.code
    CriteriaSet.objects.all().delete()
    assert services.criteria_defaults_install() == 4
