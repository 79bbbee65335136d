"""Conferences of a committee: agenda, invitations and attendance, minutes with their revisions,
and the chair's conclusion, issued as a numbered notice whose items become tasks.

The state (planned → held → closed) changes only through the services. The issued notice keeps
its DOCX as issued (`notice_docx`), so that later edits cannot change what was sent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.assignments.models import Task
from dangvu.core.models import TimeStampedModel
from dangvu.documents.models import DocumentNumber
from dangvu.meetings.enums import Attendance, ConferenceKind, ConferenceState, OutcomeKind
from dangvu.org.models import Organisation, Person


class Conference(TimeStampedModel):
    committee = models.ForeignKey(
        Organisation,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConferenceKind.choices)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=400)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    chair = models.ForeignKey(
        Person,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_conferences",
    )
    chair_title = models.CharField(_("chair's title"), max_length=200, blank=True)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    delegates = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("the chair's delegates"),
        blank=True,
        related_name="delegated_conferences",
        help_text=_("People the chair entrusts with the record of the conference."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=ConferenceState.choices,
        default=ConferenceState.PLANNED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ConferenceKind.values), name="conference_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=ConferenceState.values), name="conference_state_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="conference_title_set"),
        ]
        indexes = [models.Index(fields=["committee", "starts_at"])]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    """An item of the agenda, with its minutes: the discussion and the outcome (the latest
    version; every version is kept in `MinutesRevision`)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("agenda item"), max_length=500)
    document_reference = models.CharField(
        _("document discussed"),
        max_length=500,
        blank=True,
        help_text=_("A report draft or a document: its title, number or address."),
    )
    report_period = models.ForeignKey(
        "reports.Period",
        verbose_name=_("report discussed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    discussion = models.TextField(_("discussion"), blank=True)
    outcome_kind = models.CharField(
        _("outcome kind"), max_length=12, choices=OutcomeKind.choices, blank=True
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["conference", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "position"], name="agenda_item_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(outcome_kind="") | Q(outcome_kind__in=OutcomeKind.values),
                name="agenda_item_outcome_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class MinutesRevision(models.Model):
    """One version of an agenda item's minutes, with who wrote it and when."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="revisions")
    discussion = models.TextField(_("discussion"), blank=True)
    outcome_kind = models.CharField(
        _("outcome kind"), max_length=12, choices=OutcomeKind.choices, blank=True
    )
    outcome = models.TextField(_("outcome"), blank=True)
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        ordering = ["item", "-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item} @ {self.written_at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """A person or an organisation invited, with the position they are invited as
    ("Trưởng ban Tuyên giáo", "heads and deputies of the Party-building boards")."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position_text = models.CharField(_("invited as"), max_length=300, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    emailed_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["conference", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organisation__isnull=False),
                name="invitation_has_invitee",
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=Attendance.values), name="invitation_attendance_valid"
            ),
            models.UniqueConstraint(
                fields=["conference", "person"],
                condition=Q(person__isnull=False),
                name="invitation_person_once",
            ),
            models.UniqueConstraint(
                fields=["conference", "organisation"],
                condition=Q(person__isnull=True),
                name="invitation_organisation_once",
            ),
        ]

    def __str__(self) -> str:
        who = self.person or self.organisation
        return f"{who} ({self.position_text})" if self.position_text else str(who)


class Conclusion(TimeStampedModel):
    """The chair's conclusion; once issued it carries its number and the DOCX as issued."""

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, related_name="conclusion"
    )
    preamble = models.TextField(_("introduction"), blank=True)
    number = models.OneToOneField(
        DocumentNumber,
        verbose_name=_("notice number"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    signer_authority = models.CharField(_("signed for"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    notice_docx = models.BinaryField(_("notice as issued"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__isnull=True, issued_on__isnull=True)
                | Q(number__isnull=False, issued_on__isnull=False),
                name="conclusion_issued_with_number",
            ),
        ]

    def __str__(self) -> str:
        return str(self.conference)

    @property
    def is_issued(self) -> bool:
        return self.number_id is not None


class ConclusionItem(models.Model):
    """A numbered item of the conclusion (1., 2.…) or a sub-item (a), b)…) under one."""

    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    task = models.OneToOneField(
        Task,
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conclusion_item",
    )
    # An item holding several directives became several tasks: the first is `task`, the others
    # are here (still traced to the item).
    more_tasks = models.ManyToManyField(
        Task, verbose_name=_("further tasks"), blank=True, related_name="conclusion_item_parts"
    )

    class Meta:
        verbose_name = _("conclusion item")
        verbose_name_plural = _("conclusion items")
        ordering = ["conclusion", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conclusion", "number"],
                condition=Q(parent__isnull=True),
                name="conclusion_item_number_unique",
            ),
            models.UniqueConstraint(
                fields=["parent", "number"],
                condition=Q(parent__isnull=False),
                name="conclusion_subitem_number_unique",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="conclusion_item_text_set"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:60]}"

    @property
    def label(self) -> str:
        """ "1." for an item, "a)" for a sub-item."""
        if self.parent_id is None:
            return f"{self.number}."
        return f"{chr(ord('a') + self.number - 1)})"
