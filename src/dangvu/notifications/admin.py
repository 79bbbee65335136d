from django.contrib import admin

from dangvu.notifications.models import (
    DigestSent,
    Notification,
    OutgoingMail,
    ReminderSent,
    ScheduledJob,
)


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    list_display = ["name", "next_run_at", "last_started_at", "last_finished_at"]
    readonly_fields = ["last_started_at", "last_finished_at", "last_result", "last_error"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "target_type", "target_id", "user"]
    raw_id_fields = ["user"]
    date_hierarchy = "day"


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    list_display = ["day", "user", "tasks"]
    raw_id_fields = ["user"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["key", "created_at", "attempts", "next_attempt_at", "sent_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["key", "to"]
    readonly_fields = ["key", "created_at", "attempts", "sent_at", "last_error"]
