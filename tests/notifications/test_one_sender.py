"""One sender: every e-mail is built by `notifications.emails` from translated templates, on the
site's configured address, and leaves through the outbox; notifications point at a generic
target instead of a task."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from dangvu.core import policy
from dangvu.notifications import emails, outbox, targets
from dangvu.notifications.enums import NotificationKind
from dangvu.notifications.models import Notification, OutgoingMail, ReminderSent
from dangvu.notifications.services import reminders_send
from tests.factories import UserFactory
from tests.notifications.conftest import TODAY, World, make_world

SRC = Path(__file__).resolve().parents[2] / "src" / "dangvu"
# Talking to the mail server: Django's mail module (its backends named in settings aside).
SENDING = re.compile(
    r"django\.core\.mail\b(?!\.backends)|\b(mail_admins|mail_managers|send_mass_mail)\b"
)


def test_no_module_but_the_outbox_talks_to_the_mail_server() -> None:
    senders = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and SENDING.search(path.read_text(encoding="utf-8"))
    )
    assert senders == ["notifications/outbox.py"]


def test_templates_render_in_vietnamese_with_the_configured_address(settings: Any) -> None:
    settings.DANGVU_SITE_URL = "https://dangvu.example.vn/"
    mail_ = emails.render(
        "reminder_digest",
        {
            "name": "Nguyễn Văn A",
            "day": dt.date(2020, 12, 24),
            "items": [{"text": "Còn 3 ngày đến hạn", "link": "/tasks/7/"}],
        },
    )
    assert mail_.subject == "[Dangvu] Đôn đốc ngày 24/12/2020: 1 nhiệm vụ"
    assert "Kính gửi đồng chí Nguyễn Văn A," in mail_.body
    assert "  https://dangvu.example.vn/tasks/7/\n" in mail_.body
    assert "8000" not in mail_.body
    assert emails.absolute("/tasks/7/") == "https://dangvu.example.vn/tasks/7/"


def test_queue_is_idempotent_and_skips_empty_addresses(db: Any) -> None:
    context = {"name": "A", "day": TODAY, "items": []}
    assert emails.queue(key="k:1", name="reminder_digest", to=["", " "], context=context) is False
    assert emails.queue(key="k:1", name="reminder_digest", to=["b@x.vn", "a@x.vn", "a@x.vn"],
                        context=context)  # fmt: skip
    assert not emails.queue(key="k:1", name="reminder_digest", to=["c@x.vn"], context=context)
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == ["a@x.vn\nb@x.vn"]


def test_reminders_point_at_their_task_by_a_generic_target(world: World, settings: Any) -> None:
    settings.DANGVU_SITE_URL = "https://dangvu.example.vn"
    task = world.task(deadline=TODAY + dt.timedelta(days=3))

    run = reminders_send(by=policy.WORKER, day=TODAY)

    assert mail.outbox == []  # queued; the worker's pass delivers
    assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == run.emails == 3
    note = Notification.objects.get(user=world.reporter, kind=NotificationKind.REMINDER_BEFORE)
    assert note.target == task
    about_task = Notification.objects.filter(targets.about(type(task), [task.pk]))
    assert about_task.filter(kind=NotificationKind.REMINDER_BEFORE).count() == 3
    assert {r.target for r in ReminderSent.objects.all()} == {task}
    outbox.deliver()
    assert len(mail.outbox) == 3
    assert all(f"https://dangvu.example.vn/tasks/{task.pk}/" in m.body for m in mail.outbox)


def test_password_reset_link_is_on_the_configured_address(
    db: Any, client: Client, settings: Any
) -> None:
    settings.DANGVU_SITE_URL = "https://dangvu.example.vn"
    UserFactory(username="quen", email="quen@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "quen@example.org"})
    assert mail.outbox == []
    outbox.deliver()
    [message] = mail.outbox
    assert message.subject == "Đặt lại mật khẩu Dangvu"
    assert "https://dangvu.example.vn/accounts/password/reset/" in message.body
    assert "testserver" not in message.body
    assert message.body.rstrip().endswith(": quen")


# --- the migration from the task reference to the generic target -------------------------

BEFORE = [("notifications", "0003_outbox")]
AFTER = [("notifications", "0006_generic_target_only")]


def migrate(targets_: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets_)
    return executor.loader.project_state(targets_).apps


def migrate_all() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_task_becomes_the_target_and_back(time_machine: Any) -> None:
    world = make_world(time_machine)
    task = world.task(deadline=TODAY + dt.timedelta(days=3))
    assert Notification.objects.filter(kind=NotificationKind.TASK_ASSIGNED).exists()
    try:
        old = migrate(BEFORE)  # the task's workflow notifications go back as "other" (0008)
        assert set(old.get_model("notifications", "Notification").objects.values_list(
            "kind", flat=True)) == {"other"}  # fmt: skip
        old.get_model("notifications", "Notification").objects.all().delete()
        old.get_model("notifications", "Notification").objects.create(
            user_id=world.reporter.pk, kind="reminder_due", text="x", link="/", task_id=task.pk
        )
        old.get_model("notifications", "Notification").objects.create(
            user_id=world.head.pk, kind="other", text="no task"
        )
        old.get_model("notifications", "ReminderSent").objects.create(
            user_id=world.reporter.pk, task_id=task.pk, day=TODAY, kind="before", days=3
        )

        new = migrate(AFTER)
        task_type = new.get_model("contenttypes", "ContentType").objects.get(
            app_label="assignments", model="task"
        )
        notes = new.get_model("notifications", "Notification").objects
        assert sorted(notes.values_list("user_id", "target_type_id", "target_id")) == sorted(
            [(world.reporter.pk, task_type.pk, task.pk), (world.head.pk, None, None)]
        )
        reminders = new.get_model("notifications", "ReminderSent").objects
        assert list(reminders.values_list("target_type_id", "target_id")) == [
            (task_type.pk, task.pk)
        ]

        back = migrate(BEFORE)
        assert list(
            back.get_model("notifications", "ReminderSent").objects.values_list(
                "task_id", flat=True
            )
        ) == [task.pk]
        assert sorted(
            back.get_model("notifications", "Notification").objects.values_list(
                "task_id", flat=True
            ),
            key=str,
        ) == sorted([task.pk, None], key=str)
    finally:
        migrate_all()


def test_deploy_check_warns_when_links_would_point_at_a_developer_machine(settings: Any) -> None:
    from dangvu.notifications.checks import site_url_is_public

    settings.DANGVU_SITE_URL = "http://127.0.0.1:8000"
    assert [w.id for w in site_url_is_public()] == ["dangvu.W101"]
    settings.DANGVU_SITE_URL = "https://dangvu.example.vn"
    assert site_url_is_public() == []
