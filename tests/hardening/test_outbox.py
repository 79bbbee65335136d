"""The outbox: a digest is marked sent only after the server accepted it; an outage or a killed
worker loses none and sends none twice (before, the ledger was committed before the mail left:
kill -9 mid-run lost 229 digests, an SMTP outage 250)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core import mail
from django.utils import timezone

from dangvu.core import policy
from dangvu.notifications import outbox
from dangvu.notifications.models import DigestSent, OutgoingMail
from dangvu.notifications.services import reminders_send
from tests.notifications.conftest import TODAY, World, committed

ROOT = Path(__file__).resolve().parents[2]


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def test_smtp_outage_loses_nothing(world: World, settings: object) -> None:
    for number in range(3):
        world.task(deadline=days(3), content=f"Nhiệm vụ {number}")
    settings.EMAIL_BACKEND = "tests.hardening.mailsink.DownBackend"  # type: ignore[attr-defined]
    run = committed(reminders_send, day=TODAY, by=policy.WORKER)
    assert run.emails > 0
    assert mail.outbox == []
    pending = OutgoingMail.objects.filter(sent_at__isnull=True)
    assert pending.count() == run.emails == DigestSent.objects.count()
    first = pending.first()
    assert first is not None
    assert first.attempts == 1
    assert "SMTP server unreachable" in first.last_error
    assert first.next_attempt_at > timezone.now()
    # Still down a minute later: tried again, the delay doubles.
    outbox.deliver(now=timezone.now() + dt.timedelta(minutes=2))
    first.refresh_from_db()
    assert first.attempts == 2
    assert first.sent_at is None
    # The server is back: every digest leaves exactly once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    assert outbox.deliver(now=timezone.now() + dt.timedelta(hours=1)) == (run.emails, 0)
    assert outbox.deliver(now=timezone.now() + dt.timedelta(days=1)) == (0, 0)
    assert len(mail.outbox) == run.emails
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == run.emails
    # The same day again: nothing new is queued.
    committed(reminders_send, day=TODAY, by=policy.WORKER)
    assert OutgoingMail.objects.count() == run.emails


def test_backoff_grows_and_is_capped() -> None:
    assert [outbox.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert outbox.backoff(30) == outbox.MAX_DELAY


def _dangvu(env: dict[str, str], *args: str, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "dangvu", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,  # type: ignore[arg-type]
    )


SEED = """
from django.db import transaction
from dangvu.notifications import outbox
with transaction.atomic():
    for i in range({count}):
        outbox.enqueue(key=f"digest:{{i}}:2020-12-28", subject="Đôn đốc", body="x",
                       to=[f"user{{i}}@example.org"])
"""


def test_killed_worker_sends_every_digest_exactly_once(tmp_path: Path) -> None:
    count = 300
    sink = tmp_path / "mails.txt"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.hardening.worker_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DANGVU_MAILSINK": str(sink),
        "PYTHONPATH": str(ROOT),
    }
    _dangvu(env, "migrate", "--no-input")
    _dangvu(env, "shell", "-c", SEED.format(count=count))
    worker = subprocess.Popen(
        [sys.executable, "-m", "dangvu", "worker", "--sleep", "0.2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if sink.exists() and len(sink.read_text().splitlines()) >= count // 4:
                break
            time.sleep(0.02)
        worker.send_signal(signal.SIGKILL)  # mid-run: between two mails, or inside one
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    sent_before = len(sink.read_text().splitlines())
    assert 0 < sent_before < count, "the worker was not killed mid-run"
    # The lease of the mail being sent when it died must pass; then another pass finishes.
    later = (timezone.now() + outbox.LEASE + dt.timedelta(seconds=1)).isoformat()
    finish = (
        "from dangvu.notifications import outbox; import datetime as dt; "
        f"print(outbox.deliver(now=dt.datetime.fromisoformat('{later}')))"
    )
    _dangvu(env, "shell", "-c", finish)
    lines = sink.read_text().splitlines()
    recipients = [line.split()[1] for line in lines]
    assert set(recipients) == {f"user{i}@example.org" for i in range(count)}
    # Exactly once, except a kill between the server's acceptance and the row marked sent:
    # that one mail comes twice with the same Message-ID (at most one such mail).
    assert len(lines) - len(set(lines)) <= 1
    assert len({line.split()[0] for line in lines}) == count
