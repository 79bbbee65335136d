"""Settings of the worker subprocess in the job kill test: the test settings, the database of
$DATABASE_URL, the test job kinds (tests/hardening/background.py) and a two-second lease."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.hardening"]
DANGVU_JOB_LEASE_SECONDS = 2
