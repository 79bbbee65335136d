"""Report services for comments on the draft and their answers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core import audit, policy
from dangvu.core.policy import Actor
from dangvu.core.richtext import paragraphs, sanitise
from dangvu.notifications import events
from dangvu.org.models import Organisation
from dangvu.reports.enums import (
    CommentStatus,
)
from dangvu.reports.models import (
    Comment,
    DraftVersion,
    Section,
)

from ._common import _check_not_frozen


@transaction.atomic
def comment_add(
    *,
    version: DraftVersion,
    text: str,
    by: Actor,
    passage: str = "",
    section: Section | None = None,
    author_name: str = "",
    author_unit: Organisation | None = None,
) -> Comment:
    """A comment on a passage of a version, by a delegate or a unit."""
    policy.require(
        by,
        "period.comment",
        version.period,
        message=_("You may not comment on this report."),
    )
    _check_not_frozen(version.period)
    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    if section is not None and section.period_id != version.period_id:
        raise ValidationError({"section": _("That section is not in this report.")})
    comment = Comment(
        version=version,
        text=text.strip(),
        passage=passage.strip(),
        section=section,
        author=audit.actor_or_none(by),
        author_name=(author_name or getattr(by, "full_name", "") or str(by or "")).strip()[:200],
        author_unit=author_unit,
    )
    comment.full_clean()
    comment.save()
    audit.record(actor=by, action="report.comment_add", obj=comment)
    return comment


@transaction.atomic
def comment_answer(*, comment: Comment, status: str, answer: str, by: Actor) -> Comment:
    """The office's answer: accepted (tiếp thu, the change is in the latest version) or explained
    (giải trình). Only an open comment can be answered."""
    comment = (
        Comment.objects.select_for_update().select_related("version__period").get(pk=comment.pk)
    )
    policy.require(
        by,
        "period.manage",
        comment.version.period,
        message=_("Only the committee's office staff may do this."),
    )
    _check_not_frozen(comment.version.period)
    if comment.status != CommentStatus.OPEN:
        raise ValidationError(_("This comment has already been answered."))
    if status not in (CommentStatus.ACCEPTED, CommentStatus.EXPLAINED):
        raise ValidationError({"status": _("Choose accepted or explained.")})
    # rich text from the editor (or plain lines from the API): only paragraphs and lists stay
    answer = sanitise(answer)
    if not paragraphs(answer):
        raise ValidationError({"answer": _("Write the answer.")})
    comment.status = status
    comment.answer = answer
    comment.answered_by = audit.actor_or_none(by)
    comment.answered_at = timezone.now()
    if status == CommentStatus.ACCEPTED:
        comment.answered_in = comment.version.period.versions.order_by("-number").first()
    comment.full_clean()
    comment.save()
    audit.record(actor=by, action="report.comment_answer", obj=comment, after={"status": status})
    events.emit(events.Event.COMMENT_ANSWERED, target=comment, to=[comment.author], by=by)
    return comment
