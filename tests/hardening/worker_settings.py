"""Settings of the worker subprocess in the outbox kill test: the test settings, the database
of $DATABASE_URL, mails appended to $DANGVU_MAILSINK."""

from tests.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.hardening.mailsink.SlowFileBackend"
