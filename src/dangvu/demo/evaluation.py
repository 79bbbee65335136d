"""Chapter 4 of the demo: the 2020 evaluation and classification of Đảng bộ quận Long Biên.

Sample data, not from the article: the members (invented names), their scores, the users
`bithu-dd` (head of Đảng bộ cơ quan Dân - Đảng), `bantochuc` (Ban Tổ chức, the advising body) and
`dangvien` (a member who reads their own record), and every date. The story: two grassroots
organisations and two of the committee's bodies go through the three steps; the Đảng bộ cơ quan
Dân - Đảng proposes two members as excellent out of six graded good or better, the quota rule
(20%) refuses the second at the decision and the Standing Committee grades her "good"; the
decision is issued with its number from the committee's register, and the figures fill the
year-end 2020 report's indicators.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

from dangvu.accounts.models import User
from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.demo.chapters import Story
from dangvu.evaluation import grading, services
from dangvu.evaluation.enums import GRADE_RANK, Grade, SubjectKind
from dangvu.evaluation.models import Evaluation
from dangvu.evaluation.selectors import report_indicators_text
from dangvu.org import services as org_services
from dangvu.org.enums import Role
from dangvu.reports import services as report_services
from dangvu.reports.enums import PeriodKind
from dangvu.reports.outline import DEFAULT_INDICATORS

SELF_ON = dt.date(2020, 12, 10)
APPRAISED_ON = dt.date(2020, 12, 22)
DECIDED_ON = dt.date(2021, 1, 8)
ISSUED_ON = dt.date(2021, 1, 12)
EXCELLENT = grading.Conditions(tasks_all_on_time=True, tasks_exceeding=True)
PLAIN = grading.Conditions()

# (code, name, year of birth, joined, kind, heads, total points claimed, conditions for excellent)
MEMBERS = {
    "lb-dd": [
        (
            "LB-DD-01",
            "Nguyễn Thị Hoa",
            1972,
            dt.date(1998, 5, 19),
            SubjectKind.LEADER,
            True,
            92,
            True,
        ),
        (
            "LB-DD-02",
            "Trần Văn Minh",
            1980,
            dt.date(2005, 3, 3),
            SubjectKind.MEMBER,
            False,
            93,
            True,
        ),
        ("LB-DD-03", "Lê Thị Lan", 1985, dt.date(2010, 9, 2), SubjectKind.MEMBER, False, 91, True),
        (
            "LB-DD-04",
            "Phạm Quốc Huy",
            1978,
            dt.date(2003, 2, 3),
            SubjectKind.MEMBER,
            False,
            82,
            False,
        ),
        (
            "LB-DD-05",
            "Hoàng Thu Trang",
            1990,
            dt.date(2016, 12, 22),
            SubjectKind.MEMBER,
            False,
            78,
            False,
        ),
        (
            "LB-DD-06",
            "Vũ Đức Thắng",
            1983,
            dt.date(2009, 5, 19),
            SubjectKind.MEMBER,
            False,
            85,
            False,
        ),
        (
            "LB-DD-07",
            "Đỗ Minh Tuấn",
            1993,
            dt.date(2019, 7, 1),
            SubjectKind.MEMBER,
            False,
            65,
            False,
        ),
    ],
    "lb-p-ngoclam": [
        ("LB-NL-01", "Bùi Văn Sơn", 1968, dt.date(1995, 2, 3), SubjectKind.LEADER, True, 84, False),
        (
            "LB-NL-02",
            "Ngô Thị Mai",
            1958,
            dt.date(1985, 3, 8),
            SubjectKind.OUTSIDE,
            False,
            80,
            False,
        ),
        (
            "LB-NL-03",
            "Đinh Văn Hải",
            1975,
            dt.date(2001, 9, 2),
            SubjectKind.OUTSIDE,
            False,
            45,
            False,
        ),
    ],
}
COLLECTIVE_POINTS = {"lb-dd": 88, "lb-p-ngoclam": 76, "lb-vp": 90, "lb-ubkt": 80}


def _scores(evaluation: Evaluation, total: int) -> dict[int, services.ScoreInput]:
    criteria = list(evaluation.criteria_set.criteria.all())
    scores = {c.pk: Decimal(c.max_score) for c in criteria}
    missing = Decimal(100 - total)
    for c in reversed(criteria):
        cut = min(missing, scores[c.pk])
        scores[c.pk] -= cut
        missing -= cut
    return {
        pk: services.ScoreInput(score=str(v), evidence="Báo cáo kiểm điểm năm 2020 (mẫu)")
        for pk, v in scores.items()
    }


def _code(evaluation: Evaluation) -> str:
    assert evaluation.member is not None  # noqa: S101 - individuals only
    return evaluation.member.code


def _grassroots(evaluation: Evaluation) -> str:
    assert evaluation.grassroots is not None  # noqa: S101 - every member sits in one
    return evaluation.grassroots.code


def load(story: Story) -> None:
    orgs = story["orgs"]
    accounts = story["accounts"]
    office, leader = accounts["vanphong"], accounts["lanhdao"]
    # The demo's accounts share one password: its hash is taken from an existing account rather
    # than computed again (PBKDF2 costs about a second per account, most of this chapter's time).
    password_hash = office.password
    for username, full_name, role, code in [
        ("bithu-dd", "Bí thư Đảng ủy cơ quan Dân - Đảng (mẫu)", Role.HEAD, "lb-dd"),
        ("bantochuc", "Chuyên viên Ban Tổ chức Quận ủy (mẫu)", Role.REPORTER, "lb-btc"),
        ("dangvien", "Trần Văn Minh (mẫu)", None, ""),
    ]:
        user = User.objects.create(
            username=username, full_name=full_name, email=f"{username}@dangvu.invalid",
            password=password_hash,
        )  # fmt: skip
        audit.record(actor=None, action="user.create", obj=user, after={"username": username})
        if role is not None:
            org_services.membership_grant(
                user=user, organisation=orgs[code], role=role, by=policy.DEMO
            )
        accounts[username] = user

    services.criteria_defaults_install()  # present unless a test's flush emptied the table
    members = {}
    for code, rows in MEMBERS.items():
        for member_code, name, born, joined, kind, heads, _points, _exc in rows:
            members[member_code] = services.member_create(
                code=member_code, full_name=name, birth_year=born, joined_on=joined,
                organisation=orgs[code], placed_on=max(joined, dt.date(2004, 1, 1)),
                subject_kind=kind, heads_cell=heads,
                user=accounts["dangvien"] if member_code == "LB-DD-02" else None, by=office,
            )  # fmt: skip

    round_ = services.round_create(
        committee=orgs["lb-qu"], kind="year", year=2020,
        title="Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2020",
        starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2020, 12, 31),
        advising_body=orgs["lb-btc"], by=office,
    )  # fmt: skip
    services.round_add_subjects(
        round=round_, grassroots=[orgs["lb-dd"], orgs["lb-p-ngoclam"]],
        bodies=[orgs["lb-vp"], orgs["lb-ubkt"]], by=office,
    )  # fmt: skip
    appraiser, unit_head = accounts["bantochuc"], accounts["bithu-dd"]

    def walk(evaluation: Evaluation, total: int, conditions: grading.Conditions, by: Actor) -> None:
        services.self_assess(
            evaluation=evaluation, scores=_scores(evaluation, total),
            signer="Người tự đánh giá (mẫu)", on=SELF_ON, conditions=conditions,
            note="Bản tự kiểm điểm năm 2020 (mẫu).", by=by,
        )  # fmt: skip
        services.appraise(
            evaluation=evaluation, signer="Trưởng ban Tổ chức (mẫu)", on=APPRAISED_ON,
            note="Ban Tổ chức thẩm định (mẫu).", by=appraiser,
        )  # fmt: skip

    collectives = {
        e.organisation.code: e
        for e in round_.evaluations.filter(member=None).select_related("organisation")
    }
    for code, points in COLLECTIVE_POINTS.items():
        by = unit_head if code == "lb-dd" else office
        walk(collectives[code], points, EXCELLENT if points >= 90 else PLAIN, by)
        services.decide(
            evaluation=collectives[code], signer="Ngô Mạnh Điềm", on=DECIDED_ON, by=leader
        )
    individuals = {
        _code(e): e for e in round_.evaluations.exclude(member=None).select_related("member")
    }
    ordered = sorted(individuals.values(), key=lambda e: (e.is_head, _code(e)))
    for evaluation in ordered:
        row = next(r for rows in MEMBERS.values() for r in rows if r[0] == _code(evaluation))
        by = unit_head if _grassroots(evaluation) == "lb-dd" else office
        walk(evaluation, row[6], EXCELLENT if row[7] else PLAIN, by)
    # Heads first (after their unit), then the other grades before the excellent ones, so that the
    # quota counts every member graded good or better.
    individuals = {
        _code(e): e
        for e in round_.evaluations.exclude(member=None).select_related("member", "grassroots")
    }
    order = sorted(
        individuals.values(),
        key=lambda e: (not e.is_head, -GRADE_RANK[Grade(e.proposed_grade)], _code(e)),
    )
    for evaluation in order:
        grade = ""
        if evaluation.is_head and _code(evaluation) == "LB-DD-01":
            grade = Grade.GOOD  # a head is not graded above the unit (good)
        try:
            services.decide(
                evaluation=evaluation, signer="Ngô Mạnh Điềm", on=DECIDED_ON, grade=grade, by=leader
            )
        except ValidationError:
            # The quota fires: a second "excellent" among the six graded good or better.
            services.decide(
                evaluation=evaluation, signer="Ngô Mạnh Điềm", on=DECIDED_ON, grade=Grade.GOOD,
                note="Vượt tỷ lệ 20% đảng viên hoàn thành xuất sắc nhiệm vụ; xếp loại hoàn thành "
                "tốt nhiệm vụ (mẫu).", by=leader,
            )  # fmt: skip
            story["evaluation_quota_fired"] = _code(evaluation)
    services.round_issue(
        round=round_, signer_title="Phó Bí thư Thường trực", signer_name="Ngô Mạnh Điềm",
        on=ISSUED_ON, by=office,
    )  # fmt: skip
    period = report_services.period_create(
        committee=orgs["lb-qu"], kind=PeriodKind.YEAR, year=2020, due_on=dt.date(2020, 12, 15),
        indicators_text=DEFAULT_INDICATORS + report_indicators_text(), by=office,
    )  # fmt: skip
    services.round_fill_report(round=round_, period=period, by=policy.DEMO)
    story["evaluation_round"] = round_
    story["year_end_period"] = period
