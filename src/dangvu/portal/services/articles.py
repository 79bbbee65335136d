"""Articles drafted from a conference or from an issued report, and scheduled publishing."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import (
    Page,
    Revision,
)

from dangvu.core import audit, policy
from dangvu.core.richtext import document_lines
from dangvu.meetings.enums import Attendance
from dangvu.meetings.models import Conference
from dangvu.portal import permissions
from dangvu.portal.folding import fold
from dangvu.portal.models import (
    ArticlePage,
    CategoryKind,
    CategoryPage,
    PortalHomePage,
)
from dangvu.portal.services.setup import CONFERENCE_CATEGORY

if TYPE_CHECKING:
    from dangvu.core.policy import Actor

# --- an article drafted from a conference --------------------------------------------------


def _part_of_day(moment: dt.datetime) -> str:
    hour = timezone.localtime(moment).hour
    return "Sáng" if hour < 12 else ("Chiều" if hour < 18 else "Tối")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _subject(conference: Conference) -> str:
    """ "Hội nghị thảo luận X" -> "Thảo luận X" (the article's title)."""
    subject = re.sub(r"^\s*hội nghị\s+", "", conference.title, flags=re.IGNORECASE).strip()
    return subject[:1].upper() + subject[1:]


def _attendees(conference: Conference) -> list[str]:
    """As the minutes list them: who was present, in invitation order, one entry per role."""
    seen: list[str] = []
    for invitation in conference.invitations.select_related("person", "organisation"):
        if invitation.attendance not in (Attendance.PRESENT, Attendance.UNKNOWN):
            continue
        if invitation.person_id is not None:
            entry = str(invitation.person)
            if invitation.position_text:
                entry += f" - {invitation.position_text}"
        else:
            entry = invitation.position_text or str(invitation.organisation)
        if entry not in seen:
            seen.append(entry)
    return seen


def _report_subject(title: str) -> str:
    """ "Báo cáo công tác X" -> "công tác X": the article says "dự thảo báo cáo" itself."""
    return _lower_first(re.sub(r"^\s*báo cáo\s+", "", title, flags=re.IGNORECASE).strip())


def _report_summary(conference: Conference) -> str:
    for item in conference.agenda.select_related("report_period"):
        period = item.report_period
        if period is None:
            continue
        version = period.versions.order_by("-number").first()
        opening = ""
        for section in version.body if version is not None else []:
            texts = [strip_tags(p.get("text", "")).strip() for p in section.get("paragraphs", [])]
            texts = [text for text in texts if text]
            if texts:
                opening = texts[0]
                break
        if opening:
            return f"Theo dự thảo báo cáo {_report_subject(period.title)}: {opening}"
        return f"Hội nghị đã thảo luận dự thảo báo cáo {_report_subject(period.title)}."
    return ""


def article_body_from_conference(conference: Conference) -> tuple[str, str, list[Any]]:
    """(title, lead, body stream data) in the seed's shape."""
    chair = str(conference.chair) if conference.chair else ""
    chair_phrase = f"đồng chí {chair}" + (
        f" - {conference.chair_title}" if conference.chair_title else ""
    )
    day = timezone.localtime(conference.starts_at)
    title = _subject(conference)
    lead = (
        f"{_part_of_day(conference.starts_at)} ngày {day.day}/{day.month}/{day.year}, "
        f"{chair_phrase} đã chủ trì {_lower_first(conference.title)}."
    )
    paragraphs: list[str] = []
    attendees = _attendees(conference)
    if attendees:
        paragraphs.append("Dự hội nghị có các đồng chí " + "; ".join(attendees) + ".")
    summary = _report_summary(conference)
    if summary:
        paragraphs.append(summary)
    for item in conference.agenda.all():
        paragraphs += document_lines(item.discussion)  # rich text of the minutes
    conclusion = conference.conclusion
    html = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    opening = "Phát biểu kết luận hội nghị, " + chair_phrase
    preamble = conclusion.preamble.strip()
    if preamble.lower().startswith("đồng chí"):
        html += f"<p>Phát biểu kết luận hội nghị, {escape(_lower_first(preamble))}</p>"
    elif preamble:
        html += f"<p>{escape(opening)}: {escape(_lower_first(preamble))}</p>"
    else:
        html += f"<p>{escape(opening)} yêu cầu các cơ quan, đơn vị tập trung thực hiện:</p>"
    items = list(conclusion.items.order_by("pk"))
    top = [entry for entry in items if entry.parent_id is None]
    html += "<ol>"
    for entry in sorted(top, key=lambda e: e.number):
        children = sorted((c for c in items if c.parent_id == entry.pk), key=lambda c: c.number)
        sub = "".join(f"<li>{escape(child.text)}</li>" for child in children)
        html += f"<li>{escape(entry.text)}" + (f"<ol>{sub}</ol>" if sub else "") + "</li>"
    html += "</ol>"
    return title, lead, [("text", html)]


def _unique_slug(parent: Page, base: str) -> str:
    slug = slugify(fold(base))[:80].strip("-") or "bai-viet"
    candidate, n = slug, 1
    while parent.get_children().filter(slug=candidate).exists():
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


@transaction.atomic
def article_from_conference(*, conference: Conference, by: Actor) -> ArticlePage:
    """Draft (not published) an article about a held conference whose conclusion is issued,
    in the portal's conference category; the article and the conference point to each other."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    policy.require(
        by,
        "portal.article_from_conference",
        conference,
        message=_("Only the committee's office may draft the portal's articles."),
    )
    if not permissions.conference_is_reportable(conference):
        raise ValidationError(
            _("An article is drafted from a held conference whose conclusion has been issued.")
        )
    existing = ArticlePage.objects.filter(conference=conference).first()
    if existing is not None:
        raise ValidationError(_("This conference already has an article."))
    portal = PortalHomePage.objects.filter(committee=conference.committee).first()
    if portal is None:
        raise ValidationError(_("The committee has no portal yet."))
    category = (
        CategoryPage.objects.child_of(portal).filter(slug=CONFERENCE_CATEGORY).first()
        or CategoryPage.objects.child_of(portal).filter(kind=CategoryKind.ARTICLES).first()
    )
    if category is None:
        raise ValidationError(_("The portal has no category for articles."))
    title, lead, body = article_body_from_conference(conference)
    article = ArticlePage(
        title=title[:255],
        slug=_unique_slug(category, title),
        lead=lead,
        body=body,
        live=False,
        conference=conference,
        owner=policy.audit_actor(by),
    )
    category.add_child(instance=article)
    article.save_revision(user=article.owner, log_action=True)
    audit.record(
        actor=by, action="portal.article_from_conference", obj=article, after={"title": title}
    )
    return article


# --- an article drafted from an issued report ----------------------------------------------


def article_body_from_report(issued_report: Any) -> tuple[str, str, list[Any]]:
    """(title, lead, body stream data): the report's title, "Ngày d/m/yyyy, <committee> ban hành
    Báo cáo số …", then its sections as issued (headings and paragraphs, plain text)."""
    period = issued_report.period
    day = issued_report.issued_on
    title = period.title.strip()
    lead = (
        f"Ngày {day.day}/{day.month}/{day.year}, {period.committee.name} ban hành Báo cáo số "
        f"{issued_report.number_label} về {_lower_first(title)}."
    )
    html = ""
    for section in issued_report.version.body or []:
        number, heading = str(section.get("number") or ""), section.get("title") or ""
        heading = f"{number}. {heading}" if number and heading else heading
        tag = "h2" if int(section.get("depth") or 1) <= 1 else "h3"
        if heading:
            html += f"<{tag}>{escape(heading)}</{tag}>"
        for paragraph in section.get("paragraphs", []):
            text = " ".join(strip_tags(paragraph.get("text", "")).split())
            if text:
                html += f"<p>{escape(text)}</p>"
    return title, lead, [("text", html)] if html else []


@transaction.atomic
def article_from_report(*, issued_report: Any, by: Actor) -> ArticlePage:
    """ "Đăng lên cổng thông tin": a draft (not published) article from an issued report, in the
    committee portal's "Đảng - đoàn thể"; the office edits it and sends it for review."""
    from dangvu.reports.models import IssuedReport

    issued_report = (
        IssuedReport.objects.select_for_update()
        .select_related("period__committee", "version")
        .get(pk=issued_report.pk)
    )
    policy.require(
        by,
        "portal.article_from_report",
        issued_report,
        message=_("Only the committee's office may draft the portal's articles."),
    )
    if ArticlePage.objects.filter(issued_report=issued_report).exists():
        raise ValidationError(_("This report already has an article."))
    committee = issued_report.period.committee
    portal = PortalHomePage.objects.filter(committee=committee).first()
    if portal is None:
        raise ValidationError(_("The committee has no portal yet."))
    category = (
        CategoryPage.objects.child_of(portal).filter(slug=CONFERENCE_CATEGORY).first()
        or CategoryPage.objects.child_of(portal).filter(kind=CategoryKind.ARTICLES).first()
    )
    if category is None:
        raise ValidationError(_("The portal has no category for articles."))
    title, lead, body = article_body_from_report(issued_report)
    owner = policy.audit_actor(by)
    article = ArticlePage(
        title=title[:255],
        slug=_unique_slug(category, title),
        lead=lead,
        body=body,
        live=False,
        issued_report=issued_report,
        owner=owner,
    )
    category.add_child(instance=article)  # Wagtail's Page.save runs full_clean()
    article.save_revision(user=owner, log_action=True)
    audit.record(
        actor=owner, action="portal.article_from_report", obj=article, after={"title": title}
    )
    return article


# --- scheduled publishing -------------------------------------------------------------------


def scheduled_publish(*, by: Actor, now: dt.datetime | None = None) -> str:
    """What Wagtail's `publish_scheduled` command does, on the worker's loop (no cron): pages
    whose expiry has passed are unpublished, revisions approved to go live by now are published.
    Each page is its own transaction (Wagtail's publish and unpublish are atomic), so one
    failing page does not hold back the others. Returns "" when there was nothing to do."""
    policy.require(by, "portal.publish_scheduled")
    now = now or timezone.now()
    expired = 0
    for page in Page.objects.filter(live=True, expire_at__lt=now).order_by("expire_at"):
        page.specific.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        expired += 1
    published = 0
    due = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
    for revision in due:
        revision.publish(log_action="wagtail.publish.scheduled")
        published += 1
    if not (expired or published):
        return ""
    return f"portal: {published} scheduled publication(s), {expired} expired page(s)"
