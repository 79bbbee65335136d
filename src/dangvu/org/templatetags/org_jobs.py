"""The one-time password links of the accounts a large organisation import created in the
worker (`org.background.import_apply`), made when the job's owner opens its result page."""

from __future__ import annotations

from typing import Any

from django import template

from dangvu.org import services

register = template.Library()


@register.simple_tag(takes_context=True)
def account_setup_links(context: Any, job: Any) -> list[tuple[Any, str | None]]:
    """(account, its link) for each account the job created, for the job's owner only (the job
    page is theirs alone already: `core.background.get_job_for_user`). The links are made now,
    never stored: a link in the job's row would open the account to whoever reads the database.
    An account whose owner has set a password since gets no link (None): its link is spent."""
    from dangvu.accounts.models import User

    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or job.owner_id is None or job.owner_id != user.pk:
        return []
    ids = [int(pk) for pk in (job.result or {}).get("accounts") or []]
    accounts = User.objects.filter(pk__in=ids).order_by("username")
    return [
        (
            account,
            None
            if account.has_usable_password()
            else request.build_absolute_uri(services.account_setup_link(account)),
        )
        for account in accounts
    ]
