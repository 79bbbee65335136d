"""Report service sending reminders to units that have not yet sent their contribution."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.dates import today
from dangvu.core.policy import Actor
from dangvu.notifications import emails
from dangvu.notifications.targets import link_of
from dangvu.org.models import Membership
from dangvu.org.roles import UNIT_ROLES
from dangvu.reports import selectors
from dangvu.reports.models import (
    Contribution,
    Period,
)

from ._common import _check_not_frozen


@transaction.atomic
def reminders_send(*, period: Period, by: Actor, day: dt.date | None = None) -> int:
    """E-mail the reporters and heads of every unit that has not submitted after the due date,
    through the outbox (the worker sends them once this commits). Returns the number of units
    reminded."""
    policy.require(
        by, "period.manage", period, message=_("Only the committee's office staff may do this.")
    )
    _check_not_frozen(period)
    late = list(selectors.late_contributions(period, day or today()))
    if not late:
        return 0
    addresses: dict[int, list[str]] = {}
    for org_id, email in Membership.objects.filter(
        organisation__in=[c.unit_id for c in late],
        role__in=UNIT_ROLES,
        user__is_active=True,
    ).values_list("organisation_id", "user__email"):
        if email:
            addresses.setdefault(org_id, []).append(email)
    now = timezone.now()
    for contribution in late:  # the one sender: rendered now, sent by the worker (outbox)
        emails.queue(
            key=f"report-reminder:{contribution.pk}:{now:%Y%m%d%H%M%S%f}",
            name="report_reminder",
            to=addresses.get(contribution.unit_id, []),
            context={"period": period, "unit": contribution.unit, "link": link_of(contribution)},
        )
    Contribution.objects.filter(pk__in=[c.pk for c in late]).update(reminded_at=now)
    audit.record(actor=by, action="report.reminders_send", obj=period, after={"units": len(late)})
    return len(late)
