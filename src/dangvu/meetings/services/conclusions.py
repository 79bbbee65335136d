"""Meeting services for the conclusion: writing it, issuing its notice (the text format is
`meetings.conclusion_text`, its tasks `conclusion_tasks`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.documents.numbering import allocate_number, format_number, register_keep_docx
from dangvu.documents.rendering import render_docx
from dangvu.meetings.conclusion_text import ItemText, items_as_text
from dangvu.meetings.enums import ConferenceState
from dangvu.meetings.models import (
    Conclusion,
    ConclusionItem,
    Conference,
)
from dangvu.meetings.notice import notice_document

from ._common import EDIT_REFUSAL, NOTICE_TYPE_CODE, _editable
from .conferences import conference_day


@transaction.atomic
def conclusion_write(
    *, conference: Conference, preamble: str, items: Sequence[ItemText], by: Actor
) -> Conclusion:
    """Write (or rewrite) the chair's conclusion before it is issued. Refused once issued, for
    a planned conference, or without any item."""
    conference = _editable(conference, by)
    if conference.state == ConferenceState.PLANNED:
        raise ValidationError(_("The conclusion is written once the conference has been held."))
    if not [item for item in items if item.text.strip()]:
        raise ValidationError({"items": _("The conclusion needs at least one numbered item.")})
    conclusion, _created = Conclusion.objects.select_for_update(of=("self",)).get_or_create(
        conference=conference
    )
    if conclusion.is_issued:
        raise ValidationError(_("The notice has been issued; its conclusion can no longer change."))
    if conclusion.items.filter(task__isnull=False).exists():  # (more_tasks only beside a task)
        raise ValidationError(
            _("Tasks have been created from this conclusion; its items can no longer change.")
        )
    before = {"preamble": conclusion.preamble, "items": items_as_text(list(conclusion.items.all()))}
    conclusion.preamble = preamble.strip()
    conclusion.full_clean()
    conclusion.save()
    conclusion.items.all().delete()
    number = 0
    for entry in items:
        if not entry.text.strip():
            continue
        number += 1
        parent = ConclusionItem.objects.create(
            conclusion=conclusion, number=number, text=entry.text.strip()
        )
        for sub_number, sub_text in enumerate([s for s in entry.subitems if s.strip()], 1):
            ConclusionItem.objects.create(
                conclusion=conclusion, parent=parent, number=sub_number, text=sub_text.strip()
            )
    after = {"preamble": conclusion.preamble, "items": items_as_text(list(conclusion.items.all()))}
    audit.record(actor=by, action="conclusion.write", obj=conclusion, before=before, after=after)
    return conclusion


@transaction.atomic
def notice_issue(
    *,
    conclusion: Conclusion,
    signer_authority: str,
    signer_title: str,
    signer_name: str,
    recipients: Sequence[str],
    by: Actor,
    issued_on: dt.date | None = None,
    number: int | None = None,
    confidentiality: str = "",
    urgency: str = "",
) -> Conclusion:
    """Issue the conclusion as a notice (thông báo kết luận): allocate the committee's next TB
    number for the year (or record `number`, typed from the paper register), and keep the DOCX
    as issued, here and in the register. Refused when already issued."""
    conclusion = (
        Conclusion.objects.select_for_update(of=("self",))
        .select_related("conference__committee", "conference__chair")
        .get(pk=conclusion.pk)
    )
    policy.require(by, "conference.edit", conclusion.conference, message=EDIT_REFUSAL)
    if conclusion.is_issued:
        raise ValidationError(
            _("This notice has already been issued as number %(number)s.")
            % {"number": format_number(conclusion.number)}  # type: ignore[arg-type]
        )
    if not conclusion.items.exists():
        raise ValidationError(_("The conclusion has no items to issue."))
    errors = {}
    if not signer_authority.strip():
        errors["signer_authority"] = _("Say on whose behalf the notice is signed.")
    if not signer_name.strip():
        errors["signer_name"] = _("The signer's name is required.")
    if errors:
        raise ValidationError(errors)
    conference = conclusion.conference
    day = issued_on or timezone.localdate()
    if day < conference_day(conference):
        raise ValidationError({"issued_on": _("The notice cannot be dated before the conference.")})
    entry = allocate_number(
        issuer=conference.committee,
        type_code=NOTICE_TYPE_CODE,
        year=day.year,
        label=_("Conclusion notice: %(title)s") % {"title": conference.title},
        by=by,
        number=number,
        issued_on=day,
        confidentiality=confidentiality,
        urgency=urgency,
    )
    conclusion.number = entry
    conclusion.issued_on = day
    conclusion.signer_authority = signer_authority.strip()
    conclusion.signer_title = signer_title.strip()
    conclusion.signer_name = signer_name.strip()
    conclusion.recipients = "\n".join(r.strip() for r in recipients if r.strip())
    conclusion.full_clean()
    conclusion.notice_docx = render_docx(notice_document(conclusion))
    conclusion.save()
    register_keep_docx(entry=entry, docx=conclusion.notice_docx)
    audit.record(
        actor=by,
        action="conclusion.issue",
        obj=conclusion,
        after={
            "number": format_number(entry),
            "issued_on": day.isoformat(),
            "signer": f"{conclusion.signer_authority} {conclusion.signer_name}",
        },
    )
    return conclusion
