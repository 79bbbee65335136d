"""In-app notifications, the ledger of reminders sent, and the worker's schedule.

`ReminderSent` and `DigestSent` make the reminder pass idempotent: their unique constraints mean
a second pass on the same day finds everything already sent. `ScheduledJob` is the worker's
queue without Redis: a row per job with `next_run_at`, claimed by a conditional UPDATE so that
two workers never run the same occurrence (`jobs.job_claim`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.notifications.enums import JobName, NotificationKind, ReminderKind


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    text = models.TextField(_("text"))
    # The target: what the notification is about (a task, a contribution, a conference…), by
    # content type and id, and the path of its page (`link`, relative: the e-mail digest puts
    # the site's configured address in front of it).
    link = models.CharField(_("link"), max_length=500, blank=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # A workflow event goes out in the next e-mail digest (`events.digests_send`), which sets
    # `emailed_at`; no e-mail is due for a reminder (it has its own daily digest).
    email_due = models.BooleanField(_("e-mail due"), default=False)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(target_type__isnull=True, target_id__isnull=True)
                | Q(target_type__isnull=False, target_id__isnull=False),
                name="notification_target_whole",
            ),
        ]
        # The unread badge counts (user, read_at is null); the page lists a user's newest first;
        # the digest finds what is still to e-mail.
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["target_type", "target_id"]),
            models.Index(
                fields=["user", "created_at"],
                condition=Q(email_due=True, emailed_at__isnull=True),
                name="notification_email_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ReminderSent(models.Model):
    """A reminder about a target (a task) sent to `user` on `day`: at most one per target,
    person and day."""

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    days = models.SmallIntegerField(
        _("days"),
        default=0,
        help_text=_("Days before (positive) or after (negative) the deadline."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-day", "target_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "user", "day"], name="reminder_once_a_day"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["day", "user"])]

    def __str__(self) -> str:
        return (
            f"{self.day} {self.kind} {self.target_type_id}:{self.target_id} → user {self.user_id}"
        )


class DigestSent(models.Model):
    """The one digest e-mail a person receives on a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    tasks = models.PositiveIntegerField(_("tasks"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        ordering = ["-day", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} → user {self.user_id}"


class ScheduledJob(models.Model):
    """A recurring job of the worker. Whoever moves `next_run_at` first (a conditional UPDATE on
    its old value) runs the occurrence."""

    name = models.CharField(_("name"), max_length=50, unique=True, choices=JobName.choices)
    next_run_at = models.DateTimeField(_("next run at"))
    last_started_at = models.DateTimeField(_("last started at"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished at"), null=True, blank=True)
    last_result = models.TextField(_("last result"), blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OutgoingMail(models.Model):
    """The outbox: an e-mail to send, written in the same transaction as what it reports (the
    digest ledger), marked sent only after the mail server accepted it (`outbox.deliver`). A
    refused or crashed send is tried again with a growing delay; `key` makes enqueuing
    idempotent and gives the mail a stable Message-ID, so a reader can drop the duplicate that
    a crash between the server's acceptance and `sent_at` would cause."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=500)
    body = models.TextField(pgettext_lazy("e-mail", "body"))
    from_email = models.CharField(_("from"), max_length=300)
    to = models.TextField(_("to"), help_text=_("One address per line."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.key} ({'sent' if self.sent_at else 'pending'})"
