"""Meeting service registering a conference's papers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.policy import Actor
from dangvu.documents.numbering import format_number, register_keep_docx
from dangvu.documents.rendering import render_docx
from dangvu.meetings.enums import ConferenceState
from dangvu.meetings.models import (
    Conference,
)

from ._common import _locked


@transaction.atomic
def paper_register(
    *, conference: Conference, kind: str, by: Actor, issued_on: dt.date | None = None
) -> Any:
    """Number a conference paper (the giấy mời "GM", the biên bản "BB") in the committee's
    register and keep its DOCX there as issued. Once per paper; the office of the committee only
    (documents.services.register_record asks its policy)."""
    from dangvu.documents.services import register_record
    from dangvu.meetings import papers

    type_code = papers.REGISTERED.get(kind)
    if type_code is None:
        raise ValidationError(_("Only the invitation letter and the minutes are registered."))
    conference = _locked(conference)
    existing = papers.paper_entry(conference, type_code)
    if existing is not None:
        raise ValidationError(
            _("This paper is already in the register as number %(number)s.")
            % {"number": format_number(existing)}
        )
    if type_code == "BB" and conference.state == ConferenceState.PLANNED:
        raise ValidationError(_("The minutes are registered once the conference has been held."))
    document = (
        papers.invitation_letter(conference)
        if type_code == "GM"
        else papers.minutes_document(conference)
    )
    entry = register_record(
        issuer=conference.committee,
        type_code=type_code,
        issued_on=issued_on or timezone.localdate(),
        label=f"{document.type_name.capitalize()}: {conference.title}"[:300],
        source=papers.paper_source(conference, type_code),
        by=by,
    )
    built = (
        papers.invitation_letter(conference)
        if type_code == "GM"
        else papers.minutes_document(conference)
    )
    register_keep_docx(entry=entry, docx=render_docx(built))
    return entry
