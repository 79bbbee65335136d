"""Evaluation and classification (đánh giá, xếp loại chất lượng) of Party organisations and members.

- `PartyMember` with dated `MemberPlacement`s in cells: the register follows the tree and its
  reorganisations (a placement ends with its cell and the next one starts in the successor).
- `CriteriaSet` / `Criterion`: the criteria as data (one set per kind of subject, 30 + 70 points,
  grade bands), so a new regulation is a new set, not a migration.
- `Round`: one evaluation by a committee (year, term, quarter, ad hoc) with its quota rule.
- `Evaluation`: one subject (an organisation or a member) in a round, moved through the three steps
  (self-assessment → appraisal and proposal → decision) by the services only; `Score` per criterion.
- `GradeSummary`: counts per (round, organisation, kind of subject, grade), kept by the services at
  each decision: `own` for subjects counted at the organisation, `total` for its whole subtree, so a
  roll-up through the tree reads a handful of rows whatever the number of members.

About 400 lines on purpose (issue 18): the app's models are one aggregate (a round, its
evaluations and scores, the criteria they are scored on, the summaries its decisions keep) whose
constraints read together; the register's two models are the only part that could stand apart.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.models import TimeStampedModel
from dangvu.evaluation.enums import (
    CriterionPart,
    Grade,
    MemberStatus,
    RoundKind,
    Stage,
    SubjectKind,
)
from dangvu.org.models import Organisation


class PartyMember(TimeStampedModel):
    """A Party member (đảng viên), as much as evaluation needs."""

    code = models.CharField(
        _("member code"), max_length=32, unique=True, help_text=_("Card number or register code.")
    )
    full_name = models.CharField(_("full name"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    joined_on = models.DateField(_("joined the Party on"))
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.OFFICIAL
    )
    # Which criteria set applies: with a leading post, without one, outside the political system.
    subject_kind = models.CharField(
        _("evaluated as"),
        max_length=20,
        choices=[(k.value, k.label) for k in SubjectKind if k != SubjectKind.COLLECTIVE],
        default=SubjectKind.MEMBER,
    )
    heads_cell = models.BooleanField(_("heads the cell"), default=False)  # bí thư chi bộ
    exempt = models.BooleanField(_("exempt from activities"), default=False)  # miễn sinh hoạt
    exempt_reason = models.CharField(_("reason for the exemption"), max_length=300, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="party_member",
    )

    class Meta:
        verbose_name = _("Party member")
        verbose_name_plural = _("Party members")
        ordering = ["full_name", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt=False) | ~Q(exempt_reason=""), name="member_exempt_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"


class MemberPlacement(models.Model):
    """A member's cell (or grassroots organisation) for a time (inclusive, open when null)."""

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="placements")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("cell"), on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["member", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(valid_to__isnull=True), name="placement_one_open"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="placement_valid_interval",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.member} – {self.organisation}"


class CriteriaSet(models.Model):
    """The criteria of one regulation for one kind of subject, with its grade bands."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=300)
    regulation = models.CharField(_("regulation"), max_length=100)  # "Quy định 366-QĐ/TW"
    subject_kind = models.CharField(
        _("kind of subject"), max_length=20, choices=SubjectKind.choices
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force to"), null=True, blank=True)
    excellent_min = models.DecimalField(
        _("excellent from (points)"), default=90, max_digits=5, decimal_places=2
    )
    good_min = models.DecimalField(
        _("good from (points)"), default=70, max_digits=5, decimal_places=2
    )
    complete_min = models.DecimalField(
        _("complete from (points)"), default=50, max_digits=5, decimal_places=2
    )

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-valid_from", "subject_kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(excellent_min__gt=F("good_min")) & Q(good_min__gt=F("complete_min")),
                name="criteria_bands_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    part = models.CharField(
        pgettext_lazy("criteria", "part"), max_length=20, choices=CriterionPart.choices
    )
    position = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(_("number"), max_length=10)
    text = models.CharField(_("criterion"), max_length=500)
    max_score = models.DecimalField(_("maximum score"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "position"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "position"], name="criterion_position"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Round(TimeStampedModel):
    """One evaluation and classification by a committee, over the organisations and members under
    it, as of its last day (`ends_on`)."""

    committee = models.ForeignKey(
        Organisation, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+"
    )
    # cơ quan tham mưu (Ban Tổ chức): appraises and proposes
    advising_body = models.ForeignKey(
        Organisation,
        verbose_name=_("advising body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("The quarter, for a quarterly round.")
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    starts_on = models.DateField(_("covers from"))
    ends_on = models.DateField(_("covers to"))
    quota_percent = models.PositiveSmallIntegerField(
        _("quota of excellent members (%)"),
        default=20,
        help_text=_(
            "Members graded excellent may not exceed this share of those graded good or better, "
            "per grassroots organisation."
        ),
    )
    decision_number = models.OneToOneField(
        "documents.DocumentNumber",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_on = models.DateField(_("decision issued on"), null=True, blank=True)
    decision_signer = models.CharField(_("signed by"), max_length=150, blank=True)
    decision_docx = models.BinaryField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-ends_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="round_valid_interval"
            ),
            models.CheckConstraint(
                condition=Q(quota_percent__gte=0) & Q(quota_percent__lte=100),
                name="round_quota_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_issued(self) -> bool:
        return self.decision_number_id is not None


class Evaluation(models.Model):
    """One subject in a round: an organisation (collective) or a member, with its three steps."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="evaluations")
    subject_kind = models.CharField(
        _("kind of subject"), max_length=20, choices=SubjectKind.choices
    )
    # The organisation evaluated (collective) or the member's cell on the round's day.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        PartyMember,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    # The grassroots organisation the quota counts in (tổ chức cơ sở đảng).
    grassroots = models.ForeignKey(
        Organisation,
        verbose_name=_("grassroots organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    path = models.CharField(max_length=512, editable=False, default="")  # the organisation's path
    # A group of members with comparable tasks the quota counts in instead of the grassroots
    # organisation (nhóm đối tượng có chức năng, nhiệm vụ tương đồng); empty: the grassroots one.
    quota_group = models.CharField(
        _("quota group"),
        max_length=150,
        blank=True,
        help_text=_(
            "Members with comparable tasks counted together for the quota; empty: their "
            "grassroots organisation."
        ),
    )
    is_head = models.BooleanField(_("head of the unit"), default=False)
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.PENDING
    )
    # 1. self-assessment
    self_total = models.DecimalField(
        _("self-assessed points"), null=True, blank=True, max_digits=5, decimal_places=2
    )
    self_grade = models.CharField(
        _("self-assessed grade"), max_length=20, choices=Grade.choices, blank=True
    )
    self_note = models.TextField(_("self-assessment note"), blank=True)
    self_signer = models.CharField(_("self-assessment signed by"), max_length=150, blank=True)
    self_on = models.DateField(_("self-assessed on"), null=True, blank=True)
    self_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Non-point conditions (stated at self-assessment, checked at appraisal).
    tasks_all_on_time = models.BooleanField(_("every task done on time"), default=False)
    tasks_exceeding = models.BooleanField(_("a share of tasks beyond expectations"), default=False)
    disciplined = models.BooleanField(_("disciplined in the period"), default=False)
    shortcomings_remedied = models.BooleanField(_("earlier shortcomings remedied"), default=True)
    # 2. appraisal and proposal by the advising body
    appraised_total = models.DecimalField(
        _("appraised points"), null=True, blank=True, max_digits=5, decimal_places=2
    )
    proposed_grade = models.CharField(
        _("proposed grade"), max_length=20, choices=Grade.choices, blank=True
    )
    appraisal_note = models.TextField(_("appraisal note"), blank=True)
    appraisal_signer = models.CharField(_("appraisal signed by"), max_length=150, blank=True)
    appraised_on = models.DateField(_("appraised on"), null=True, blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # 3. decision by the competent level
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    quota_exception = models.TextField(_("reason for the exception to the quota"), blank=True)
    decision_signer = models.CharField(_("decision signed by"), max_length=150, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_level = models.ForeignKey(
        Organisation,
        verbose_name=_("decided at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["round", "path", "subject_kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"],
                condition=Q(subject_kind=SubjectKind.COLLECTIVE),
                name="evaluation_one_collective",
            ),
            models.UniqueConstraint(
                fields=["round", "member"],
                condition=Q(member__isnull=False),
                name="evaluation_one_member",
            ),
            models.CheckConstraint(
                condition=Q(subject_kind=SubjectKind.COLLECTIVE, member__isnull=True)
                | (~Q(subject_kind=SubjectKind.COLLECTIVE) & Q(member__isnull=False)),
                name="evaluation_subject_matches_kind",
            ),
            models.CheckConstraint(
                condition=~Q(stage=Stage.DECIDED) | ~Q(grade=""), name="evaluation_decided_grade"
            ),
        ]
        indexes = [
            models.Index(fields=["round", "stage"]),
            models.Index(fields=["round", "grassroots"]),
            models.Index(fields=["round", "organisation"]),
        ]

    def __str__(self) -> str:
        subject = (
            self.member.full_name if self.member_id and self.member else str(self.organisation)
        )
        return f"{subject} – {self.round}"

    @property
    def subject_name(self) -> str:
        return self.member.full_name if self.member is not None else self.organisation.name


class Score(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    self_score = models.DecimalField(_("self-assessed score"), max_digits=5, decimal_places=2)
    appraised_score = models.DecimalField(
        _("appraised score"), null=True, blank=True, max_digits=5, decimal_places=2
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    evidence = models.CharField(_("evidence"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["evaluation", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="score_one_per_criterion"
            ),
            models.CheckConstraint(condition=Q(self_score__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.number}: {self.self_score}"


class GradeSummary(models.Model):
    """Decided grades counted per organisation: `own` for the subjects counted at it (the
    organisation itself, the members of a cell), `total` for its whole subtree. Kept by the
    services at each decision and reopening; rebuilt by `summaries.rebuild`."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="summaries")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    parent_id_snapshot = models.IntegerField(null=True, blank=True)  # the parent on the round's day
    depth = models.PositiveSmallIntegerField(default=0)
    subject_kind = models.CharField(max_length=20, choices=SubjectKind.choices)
    grade = models.CharField(max_length=20, choices=Grade.choices)
    own = models.IntegerField(default=0)
    total = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("grade summary")
        verbose_name_plural = _("grade summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "subject_kind", "grade"],
                name="grade_summary_unique",
            ),
        ]
        indexes = [models.Index(fields=["round", "parent_id_snapshot"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.subject_kind} {self.grade}: {self.own}/{self.total}"
