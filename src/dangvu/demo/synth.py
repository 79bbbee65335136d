"""Synthetic data at city scale, for benchmarks: `dangvu synth --scale city`.

The shape of a city after the 2025 reform: the city Party committee with its staff bodies, about
126 ward and commune committees, each with its own bodies, grassroots Party organisations and
cells; 5,000 users with memberships (office, leaders, reporters, heads); 100,000 tasks over the
last two years with a realistic mix of statuses relative to today (most done on time, some done
late, some open within the deadline, a few overdue or suspended); 400,000 progress reports.

Written for speed: rows go in with `bulk_create` in batches (both SQLite ≥ 3.35 and PostgreSQL
return the new ids, which the tree paths and the tasks' children need), the tree `path` is
computed here rather than by the org services, and there is no audit entry per row: synthetic
data is not an audited user action. Deterministic for a given seed (dates relative to `today`).

Every synthetic organisation's code and user name starts with `syn-`, so that the data can be
told apart: the command refuses to run on a database holding anything else unless forced.

Longer than ~400 lines on purpose (issue 18): one generator run in order (tree, users, tasks,
reports), whose steps share the scale, the seed and the ids each batch returns; cut apart, each
piece would only make sense beside the others.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.assignments.enums import Priority, SourceKind
from dangvu.assignments.models import DeadlineChange, ProgressReport, Task
from dangvu.core.dates import today
from dangvu.core.db import planner_statistics_refresh
from dangvu.org.enums import OrgKind, Role
from dangvu.org.models import Membership, Organisation

PREFIX = "syn-"
PASSWORD = "dangvu-demo"  # noqa: S105 - synthetic accounts, printed on purpose
OFFICE_USERNAME = "syn-vanphong"  # office staff at the city root: the benchmark's user


@dataclass(frozen=True)
class Scale:
    organisations: int
    wards: int
    users: int
    tasks: int
    reports: int


SCALES = {
    "small": Scale(organisations=50, wards=3, users=100, tasks=100, reports=400),
    "city": Scale(organisations=3000, wards=126, users=5000, tasks=100_000, reports=400_000),
}

CITY_BODIES = [
    "Văn phòng Thành ủy",
    "Ban Tổ chức Thành ủy",
    "Ban Tuyên giáo và Dân vận Thành ủy",
    "Ủy ban Kiểm tra Thành ủy",
    "Ban Nội chính Thành ủy",
    "Ban Chính sách, chiến lược Thành ủy",
    "Đảng ủy các cơ quan Đảng Thành phố",
    "Đảng ủy Ủy ban nhân dân Thành phố",
    "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố",
    "Trường Chính trị Thành phố",
]
WARD_BODIES = [
    ("Văn phòng Đảng ủy", OrgKind.PARTY_BODY),
    ("Ban Xây dựng Đảng", OrgKind.PARTY_BODY),
    ("Ủy ban Kiểm tra Đảng ủy", OrgKind.PARTY_BODY),
    ("Ủy ban Mặt trận Tổ quốc", OrgKind.FRONT),
]
WORK = [
    "Xây dựng kế hoạch triển khai",
    "Tổ chức sơ kết",
    "Rà soát, bổ sung quy chế",
    "Kiểm tra, giám sát việc thực hiện",
    "Tuyên truyền, phổ biến",
    "Báo cáo kết quả thực hiện",
    "Đôn đốc giải phóng mặt bằng",
    "Hoàn thiện hồ sơ đề án",
]
TOPICS = [
    "Nghị quyết Đại hội",
    "công tác phát triển đảng viên",
    "chuyển đổi số",
    "cải cách hành chính",
    "phòng cháy chữa cháy",
    "công tác dân vận",
    "trật tự đô thị",
    "kế hoạch kinh tế - xã hội quý IV",
]
SOURCES = [SourceKind.CONCLUSION, SourceKind.CONCLUSION, SourceKind.DOCUMENT, SourceKind.PLAN]
PRODUCTS = ["Kế hoạch", "Báo cáo", "Quy chế", "Đề án", "Tờ trình", "Thông báo"]


def is_synthetic_only() -> bool:
    """Does the database hold nothing but synthetic organisations and tasks (or nothing)?"""
    real_orgs = Organisation.objects.exclude(code__startswith=PREFIX).exists()
    real_tasks = Task.objects.exclude(committee__code__startswith=PREFIX).exists()
    return not (real_orgs or real_tasks)


def has_synthetic() -> bool:
    return Organisation.objects.filter(code__startswith=PREFIX).exists()


def delete_synthetic() -> None:
    """Remove a previous synthetic data set, fast: plain DELETEs, children first. Only rows tied
    to `syn-` organisations and users are touched."""
    tasks = Task.objects.filter(committee__code__startswith=PREFIX).values("pk")
    from dangvu.notifications.models import DigestSent, Notification, ReminderSent
    from dangvu.notifications.targets import about

    users = User.objects.filter(username__startswith=PREFIX).values("pk")
    steps = [
        Notification.objects.filter(about(Task, tasks)),
        ReminderSent.objects.filter(about(Task, tasks)),
        DigestSent.objects.filter(user__in=users),
        Notification.objects.filter(user__in=users),
        ProgressReport.objects.filter(task__in=tasks),
        DeadlineChange.objects.filter(task__in=tasks),
        Task.coordinating_units.through.objects.filter(task__in=tasks),
        Task.followers.through.objects.filter(task__in=tasks),
    ]
    for qs in steps:
        qs._raw_delete(qs.db)
    # Sub-tasks first, then their parents (the self reference is PROTECT).
    subtasks = Task.objects.filter(committee__code__startswith=PREFIX, parent__isnull=False)
    subtasks._raw_delete(subtasks.db)
    for qs in [
        Task.objects.filter(committee__code__startswith=PREFIX),
        Membership.objects.filter(user__username__startswith=PREFIX),
        User.objects.filter(username__startswith=PREFIX),
    ]:
        qs._raw_delete(qs.db)
    orgs = Organisation.objects.filter(code__startswith=PREFIX)
    for depth in sorted(set(orgs.values_list("depth", flat=True)), reverse=True):
        level = orgs.filter(depth=depth)
        level._raw_delete(level.db)


@dataclass
class Result:
    organisations: int = 0
    users: int = 0
    memberships: int = 0
    tasks: int = 0
    reports: int = 0


def synthesize(
    scale: Scale,
    *,
    seed: int = 2020,
    progress: Callable[[str], None] | None = None,
    batch: int = 5000,
) -> Result:
    """Write one synthetic data set of `scale` (see the module). The caller decides whether the
    database may receive it (`is_synthetic_only`)."""
    say = progress or (lambda message: None)
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not secrets
    day0 = today()
    result = Result()
    with transaction.atomic():
        if has_synthetic():
            say("removing the previous synthetic data")
            delete_synthetic()
        tree = _organisations(scale)
        result.organisations = len(tree.all)
        say(f"{result.organisations} organisations")
        result.users, result.memberships = _users(scale, tree)
        say(f"{result.users} users, {result.memberships} memberships")
    result.tasks, result.reports = _tasks(scale, rng, tree, day0, batch, say)
    # Fresh statistics for the query planner after a bulk load.
    planner_statistics_refresh()
    return result


@dataclass
class Tree:
    root: Organisation
    city_bodies: list[Organisation]
    wards: list[Organisation]
    units_of: dict[int, list[Organisation]]  # committee id → units under it (bodies, TCCSĐ, cells)
    all: list[Organisation]


def _create_level(orgs: list[Organisation]) -> list[Organisation]:
    created = Organisation.objects.bulk_create(orgs, batch_size=1000)
    for org in created:
        if org.pk is None:
            raise RuntimeError("the database did not return the new ids")
        org.set_tree_path()
    Organisation.objects.bulk_update(created, ["path", "depth"], batch_size=1000)
    return created


def _organisations(scale: Scale) -> Tree:
    start = dt.date(2020, 1, 1)
    common = {"valid_from": start}
    root = _create_level(
        [
            Organisation(
                code=f"{PREFIX}tu",
                name="Đảng bộ Thành phố (tổng hợp)",
                short_name="Thành ủy",
                kind=OrgKind.PARTY,
                issuer_code="TU",
                **common,
            )
        ]
    )[0]
    n_bodies = min(len(CITY_BODIES), max(2, scale.organisations // 100))
    wards_n = scale.wards
    level1 = [
        Organisation(
            code=f"{PREFIX}tu-b{i:02d}",
            name=CITY_BODIES[i],
            kind=OrgKind.PARTY_BODY,
            parent=root,
            sort_order=i,
            **common,
        )
        for i in range(n_bodies)
    ] + [
        Organisation(
            code=f"{PREFIX}p{w:03d}",
            name=f"Đảng ủy phường {w + 1:03d} (tổng hợp)",
            short_name=f"Phường {w + 1:03d}",
            kind=OrgKind.PARTY,
            issuer_code="ĐU",
            parent=root,
            sort_order=100 + w,
            **common,
        )
        for w in range(wards_n)
    ]
    level1 = _create_level(level1)
    city_bodies, wards = level1[:n_bodies], level1[n_bodies:]
    # What is left for each ward: its bodies, grassroots organisations (TCCSĐ) and cells.
    left = scale.organisations - 1 - len(level1)
    per_ward = [left // wards_n + (1 if w < left % wards_n else 0) for w in range(wards_n)]
    level2: list[Organisation] = []
    plan: list[tuple[int, int]] = []  # (ward index, cells to put under each TCCSĐ)
    for w, ward in enumerate(wards):
        room = per_ward[w]
        bodies = WARD_BODIES[: min(len(WARD_BODIES), max(1, room // 4))]
        for i, (name, kind) in enumerate(bodies):
            level2.append(
                Organisation(
                    code=f"{PREFIX}p{w:03d}-b{i}",
                    name=f"{name} phường {w + 1:03d}",
                    kind=kind,
                    parent=ward,
                    sort_order=i,
                    **common,
                )
            )
        room -= len(bodies)
        grassroots = max(1, room // 3)
        cells = room - grassroots
        for g in range(grassroots):
            level2.append(
                Organisation(
                    code=f"{PREFIX}p{w:03d}-cs{g:02d}",
                    name=f"Chi bộ/Đảng bộ cơ sở {g + 1} phường {w + 1:03d}",
                    kind=OrgKind.PARTY,
                    parent=ward,
                    sort_order=10 + g,
                    **common,
                )
            )
            plan.append((w, cells // grassroots + (1 if g < cells % grassroots else 0)))
    level2 = _create_level(level2)
    grassroots_orgs = [o for o in level2 if "-cs" in o.code]
    level3 = [
        Organisation(
            code=f"{parent.code}-cb{c:02d}",
            name=f"Chi bộ {c + 1}, {parent.name}",
            kind=OrgKind.PARTY,
            parent=parent,
            sort_order=c,
            **common,
        )
        for parent, (_w, count) in zip(grassroots_orgs, plan, strict=True)
        for c in range(count)
    ]
    level3 = _create_level(level3)
    units_of: dict[int, list[Organisation]] = {root.pk: list(city_bodies) + list(wards)}
    for ward in wards:
        units_of[ward.pk] = []
    for org in [*level2, *level3]:
        ward_id = int(org.path.strip("/").split("/")[1])
        units_of[ward_id].append(org)
    return Tree(root, city_bodies, wards, units_of, [root, *level1, *level2, *level3])


def _users(scale: Scale, tree: Tree) -> tuple[int, int]:
    password = make_password(PASSWORD)
    grants: list[tuple[str, Organisation, Role]] = [
        (OFFICE_USERNAME, tree.root, Role.OFFICE),
        (f"{PREFIX}lanhdao", tree.root, Role.LEADER),
    ]
    for ward in tree.wards:
        grants.append((f"{PREFIX}{ward.code[len(PREFIX) :]}-vp", ward, Role.OFFICE))
        grants.append((f"{PREFIX}{ward.code[len(PREFIX) :]}-ld", ward, Role.LEADER))
    # The rest report for and head units, round the tree, until the count is reached.
    units = [*tree.city_bodies] + [u for ward in tree.wards for u in tree.units_of[ward.pk]]
    i = 0
    while len(grants) < scale.users:
        unit = units[i % len(units)]
        role = Role.REPORTER if (i // len(units)) % 2 == 0 else Role.HEAD
        grants.append((f"{PREFIX}u{i:05d}", unit, role))
        i += 1
    grants = grants[: scale.users]
    users = User.objects.bulk_create(
        [
            User(
                username=name,
                full_name=f"Cán bộ mẫu {n + 1}",
                email=f"{name}@example.org",
                password=password,
            )
            for n, (name, _org, _role) in enumerate(grants)
        ],
        batch_size=1000,
    )
    memberships = Membership.objects.bulk_create(
        [
            Membership(user=user, organisation=org, role=role)
            for user, (_name, org, role) in zip(users, grants, strict=True)
        ],
        batch_size=1000,
    )
    return len(users), len(memberships)


def _tasks(
    scale: Scale,
    rng: random.Random,
    tree: Tree,
    day0: dt.date,
    batch: int,
    say: Callable[[str], None],
) -> tuple[int, int]:
    committees = [tree.root, *tree.wards]
    # A fifth of the tasks are the city's own, the rest the wards'.
    weights = [0.2] + [0.8 / len(tree.wards)] * len(tree.wards)
    tz = timezone.get_current_timezone()
    reports_left, tasks_left = scale.reports, scale.tasks
    made_tasks = made_reports = 0
    while tasks_left > 0:
        n = min(batch, tasks_left)
        rows: list[Task] = []
        coordinating: list[list[int]] = []
        for _ in range(n):
            committee = rng.choices(committees, weights)[0]
            units = tree.units_of[committee.pk]
            lead = rng.choice(units)
            issued = day0 - dt.timedelta(days=rng.randint(0, 730))
            deadline = issued + dt.timedelta(days=rng.choice([15, 30, 45, 60, 90, 90, 120, 180]))
            completed = suspended = None
            roll = rng.random()
            if deadline < day0:  # the outcome is known: mostly on time
                if roll < 0.86:
                    completed = deadline - dt.timedelta(
                        days=rng.randint(0, (deadline - issued).days)
                    )
                elif roll < 0.96:
                    completed = min(deadline + dt.timedelta(days=rng.randint(1, 60)), day0)
                elif roll < 0.97:
                    suspended = issued + dt.timedelta(days=rng.randint(0, (day0 - issued).days))
            elif roll < 0.15:  # done ahead of time
                completed = issued + dt.timedelta(days=rng.randint(0, (day0 - issued).days))
            published = roll < 0.995 or completed is not None
            at = dt.datetime.combine(issued, dt.time(9, 0), tzinfo=tz)
            rows.append(
                Task(
                    content=f"{rng.choice(WORK)} {rng.choice(TOPICS)}",
                    source_kind=rng.choice(SOURCES),
                    source_reference=f"Số {rng.randint(1, 400)}-TB/{committee.issuer_code}",
                    issued_on=issued,
                    committee=committee,
                    lead_unit=lead,
                    deadline=deadline,
                    deliverable=rng.choice(PRODUCTS),
                    authority=committee,
                    priority=rng.choice([Priority.NORMAL] * 8 + [Priority.HIGH, Priority.URGENT]),
                    published_at=at if published else None,
                    progress=100 if completed else rng.randint(0, 90),
                    completed_on=completed,
                    completion_proposed_on=completed,
                    suspended_on=suspended,
                    suspension_reason="Tạm dừng theo chỉ đạo" if suspended else "",
                )
            )
            others = [u.pk for u in rng.sample(units, k=min(len(units), rng.choice([0, 0, 1, 2])))]
            coordinating.append([pk for pk in others if pk != lead.pk])
        with transaction.atomic():
            created = Task.objects.bulk_create(rows, batch_size=1000)
            through = Task.coordinating_units.through
            through.objects.bulk_create(
                [
                    through(task_id=task.pk, organisation_id=org_id)
                    for task, org_ids in zip(created, coordinating, strict=True)
                    for org_id in org_ids
                ],
                batch_size=2000,
            )
            changes = [
                DeadlineChange(
                    task=task,
                    old_deadline=task.deadline - dt.timedelta(days=30),  # type: ignore[operator]
                    new_deadline=task.deadline,  # type: ignore[misc]
                    reason="Điều chỉnh theo đề nghị của đơn vị chủ trì",
                    approved_by="Thường trực",
                    changed_on=task.issued_on,
                )
                for task in created
                if rng.random() < 0.03
            ]
            DeadlineChange.objects.bulk_create(changes, batch_size=2000)
            share = round(reports_left * n / tasks_left)
            reports = _reports(created, coordinating, share, rng, day0)
            ProgressReport.objects.bulk_create(reports, batch_size=2000)
        reports_left -= len(reports)
        tasks_left -= n
        made_tasks += n
        made_reports += len(reports)
        say(f"{made_tasks} tasks, {made_reports} progress reports")
    return made_tasks, made_reports


def _reports(
    tasks: list[Task],
    coordinating: list[list[int]],
    count: int,
    rng: random.Random,
    day0: dt.date,
) -> list[ProgressReport]:
    """`count` progress reports spread over the published tasks, dated inside each task's life
    with a rising percentage."""
    published = [(t, c) for t, c in zip(tasks, coordinating, strict=True) if t.published_at]
    if not published:
        return []
    out: list[ProgressReport] = []
    per = [count // len(published)] * len(published)
    for i in rng.sample(range(len(published)), k=count % len(published)):
        per[i] += 1
    for (task, coord), k in zip(published, per, strict=True):
        end = min(task.completed_on or task.suspended_on or day0, day0)
        span = max(0, (end - task.issued_on).days)
        days = sorted(rng.randint(0, span) for _ in range(k))
        for j, offset in enumerate(days):
            percent = (
                min(100, round(100 * (j + 1) / (k + 1)))
                if not task.completed_on
                else min(100, round(100 * (j + 1) / k))
            )
            unit_id = rng.choice(coord) if coord and rng.random() < 0.3 else task.lead_unit_id
            if unit_id is None:
                continue
            out.append(
                ProgressReport(
                    task_id=task.pk,
                    unit_id=unit_id,
                    reported_on=task.issued_on + dt.timedelta(days=offset),
                    done=f"Đã triển khai bước {j + 1}",
                    difficulties="" if rng.random() < 0.7 else "Thiếu kinh phí, nhân lực",
                    next_steps="Tiếp tục thực hiện theo kế hoạch",
                    percent=percent,
                )
            )
    return out


def vendor() -> str:
    return connection.vendor


def synthetic_task_count() -> int:
    return Task.objects.filter(committee__code__startswith=PREFIX).count()
