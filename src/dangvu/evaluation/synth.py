"""`dangvu synth --scale nation` (PostgreSQL only): the country's shape for the evaluation
benchmark. A root (Trung ương), 34 provinces, 3,321 communes and wards, 52,000 grassroots Party
organisations and 5.6 million members (about 108 each) with a placement, and one finished
round (every subject decided) with its grade summaries.

Rows go in with PostgreSQL's COPY (members, placements, evaluations: ids given here, sequences
moved after) and `bulk_create` for the 55,000 organisations; the summaries are counted once by
`summaries.rebuild`, the same function a check uses. `--members N` scales the members down (the
organisations stay) to measure on a smaller machine; the command prints the time and peak memory.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from dangvu.evaluation import summaries
from dangvu.evaluation.enums import Grade, Stage, SubjectKind
from dangvu.evaluation.models import CriteriaSet, Round
from dangvu.org.enums import OrgKind
from dangvu.org.models import Organisation

PREFIX = "syn-n-"
PROVINCES = 34
COMMUNES = 3321
GRASSROOTS = 52_000
MEMBERS = 5_600_000
ROUND_START = dt.date(2025, 1, 1)
ROUND_END = dt.date(2025, 12, 31)
GRADES = [(Grade.EXCELLENT, 0.12), (Grade.GOOD, 0.70), (Grade.COMPLETE, 0.16), (Grade.FAILED, 0.02)]


MEMBER_COLUMNS = (
    "id, code, full_name, birth_year, joined_on, status, subject_kind, heads_cell, exempt, "
    "exempt_reason, created_at, updated_at"
)
EVALUATION_COLUMNS = (
    "id, round_id, subject_kind, organisation_id, member_id, grassroots_id, path, quota_group, "
    "is_head, criteria_set_id, stage, self_note, self_signer, self_grade, tasks_all_on_time, "
    "tasks_exceeding, disciplined, shortcomings_remedied, proposed_grade, appraisal_note, "
    "appraisal_signer, grade, decision_note, quota_exception, decision_signer, decided_on, "
    "decided_level_id"
)


def _copy_sql(table: str, columns: str) -> str:
    return f"COPY {table} ({columns}) FROM STDIN"


@dataclass
class NationResult:
    organisations: int
    members: int
    evaluations: int
    summary_rows: int
    seconds: float
    peak_mb: float
    round_id: int


def nation_exists() -> bool:
    return Round.objects.filter(committee__code=f"{PREFIX}tw").exists()


def _level(rows: list[Organisation]) -> list[Organisation]:
    created = Organisation.objects.bulk_create(rows, batch_size=2000)
    for org in created:
        org.set_tree_path()
    Organisation.objects.bulk_update(created, ["path", "depth"], batch_size=2000)
    return created


def _grade(rng: random.Random) -> str:
    x = rng.random()
    for grade, share in GRADES:
        if x < share:
            return grade
        x -= share
    return Grade.FAILED


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 - fixed names
        return int(cursor.fetchone()[0])


def _reset_sequence(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608
        )


def synthesize_nation(
    *,
    members: int = MEMBERS,
    seed: int = 2025,
    progress: Callable[[str], None] = print,
    shape: tuple[int, int, int] = (PROVINCES, COMMUNES, GRASSROOTS),
) -> NationResult:
    """The nation (or a smaller `shape`: provinces, communes, grassroots organisations)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The nation scale runs on PostgreSQL only.")
    provinces_n, communes_n, grassroots_n = shape
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - synthetic grades, not secrets
    day = dt.date(2000, 1, 1)
    now = timezone.now()
    with transaction.atomic():
        root = _level(
            [
                Organisation(
                    code=f"{PREFIX}tw",
                    name="Đảng bộ toàn quốc (tổng hợp)",
                    kind=OrgKind.PARTY,
                    issuer_code="TW",
                    valid_from=day,
                )
            ]
        )[0]
        provinces = _level(
            [
                Organisation(
                    code=f"{PREFIX}p{i}",
                    name=f"Đảng bộ tỉnh {i:02d}",
                    kind=OrgKind.PARTY,
                    issuer_code="TU",
                    parent=root,
                    valid_from=day,
                    sort_order=i,
                )
                for i in range(1, provinces_n + 1)
            ]
        )
        communes = _level(
            [
                Organisation(
                    code=f"{PREFIX}c{i}",
                    name=f"Đảng ủy xã {i}",
                    kind=OrgKind.PARTY,
                    issuer_code="ĐU",
                    parent=provinces[i % provinces_n],
                    valid_from=day,
                    sort_order=i,
                )
                for i in range(communes_n)
            ]
        )
        grassroots = _level(
            [
                Organisation(
                    code=f"{PREFIX}g{i}",
                    name=f"Chi bộ cơ sở {i}",
                    kind=OrgKind.PARTY,
                    parent=communes[i % communes_n],
                    valid_from=day,
                    sort_order=i,
                )
                for i in range(grassroots_n)
            ]
        )
        progress(
            f"organisations: {1 + provinces_n + communes_n + grassroots_n} "
            f"({time.perf_counter() - started:.1f} s)"
        )
        round_ = Round.objects.create(
            committee=root, kind="year", year=2025, title="Đánh giá, xếp loại năm 2025 (tổng hợp)",
            starts_on=ROUND_START, ends_on=ROUND_END,
        )  # fmt: skip
        sets = {s.subject_kind: s.pk for s in CriteriaSet.objects.all()}
        first_member = _next_id("evaluation_partymember")
        first_evaluation = _next_id("evaluation_evaluation")
        with connection.cursor() as cursor:
            with cursor.copy(_copy_sql("evaluation_partymember", MEMBER_COLUMNS)) as copy:
                for i in range(members):
                    kind = (
                        SubjectKind.LEADER
                        if i % 20 == 0
                        else (SubjectKind.OUTSIDE if i % 7 == 0 else SubjectKind.MEMBER)
                    )
                    copy.write_row(
                        (
                            first_member + i,
                            f"{PREFIX}{i}",
                            f"Đảng viên {i}",
                            1950 + i % 50,
                            dt.date(1980 + i % 40, 1 + i % 12, 1),
                            "official",
                            kind,
                            i % 108 == 0,
                            False,
                            "",
                            now,
                            now,
                        )
                    )
            progress(f"members: {members} ({time.perf_counter() - started:.1f} s)")
            placement_sql = _copy_sql(
                "evaluation_memberplacement", "member_id, organisation_id, valid_from"
            )
            with cursor.copy(placement_sql) as copy:
                for i in range(members):
                    copy.write_row((first_member + i, grassroots[i % grassroots_n].pk, day))
            progress(f"placements ({time.perf_counter() - started:.1f} s)")
            with cursor.copy(_copy_sql("evaluation_evaluation", EVALUATION_COLUMNS)) as copy:
                n = 0
                for org in grassroots:
                    g = _grade(rng)
                    copy.write_row(
                        (
                            first_evaluation + n,
                            round_.pk,
                            SubjectKind.COLLECTIVE,
                            org.pk,
                            None,
                            org.pk,
                            org.path,
                            "",
                            False,
                            sets[SubjectKind.COLLECTIVE],
                            Stage.DECIDED,
                            "",
                            "",
                            g,
                            False,
                            False,
                            False,
                            True,
                            g,
                            "",
                            "",
                            g,
                            "",
                            "",
                            "synth",
                            ROUND_END,
                            root.pk,
                        )
                    )
                    n += 1
                for i in range(members):
                    org = grassroots[i % grassroots_n]
                    kind = (
                        SubjectKind.LEADER
                        if i % 20 == 0
                        else (SubjectKind.OUTSIDE if i % 7 == 0 else SubjectKind.MEMBER)
                    )
                    g = _grade(rng)
                    copy.write_row(
                        (
                            first_evaluation + n,
                            round_.pk,
                            kind,
                            org.pk,
                            first_member + i,
                            org.pk,
                            org.path,
                            "",
                            i % 108 == 0,
                            sets[kind],
                            Stage.DECIDED,
                            "",
                            "",
                            g,
                            False,
                            False,
                            False,
                            True,
                            g,
                            "",
                            "",
                            g,
                            "",
                            "",
                            "synth",
                            ROUND_END,
                            org.pk,
                        )
                    )
                    n += 1
            progress(f"evaluations: {n} ({time.perf_counter() - started:.1f} s)")
        for table in ("evaluation_partymember", "evaluation_evaluation"):
            _reset_sequence(table)
        rows = summaries.rebuild(round_)
        progress(f"summaries: {rows} rows ({time.perf_counter() - started:.1f} s)")
    with connection.cursor() as cursor:
        for table in ("evaluation_gradesummary", "evaluation_evaluation", "org_organisation"):
            cursor.execute(f"ANALYZE {table}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return NationResult(
        organisations=1 + provinces_n + communes_n + grassroots_n,
        members=members,
        evaluations=n,
        summary_rows=rows,
        seconds=time.perf_counter() - started,
        peak_mb=peak_mb,
        round_id=round_.pk,
    )
