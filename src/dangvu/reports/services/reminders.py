"""Report service sending reminders to units that have not yet sent their contribution."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.dates import short_date, today
from dangvu.core.policy import Actor
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
    once the transaction commits. Returns the number of units reminded."""
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
    messages = []
    for contribution in late:
        to = addresses.get(contribution.unit_id)
        if not to:
            continue
        subject = f"[Dangvu] Đôn đốc gửi báo cáo: {period.title}"
        body = (
            f"Kính gửi {contribution.unit.name},\n\n"
            f"Đến nay đơn vị chưa gửi nội dung tham gia {period.title.lower()} "
            f"(hạn {short_date(period.due_on)}). Đề nghị đơn vị khẩn trương hoàn thành và gửi "
            f"về {period.committee.name}.\n"
        )
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, sorted(set(to))))
    Contribution.objects.filter(pk__in=[c.pk for c in late]).update(reminded_at=timezone.now())
    audit.record(actor=by, action="report.reminders_send", obj=period, after={"units": len(late)})
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(late)
