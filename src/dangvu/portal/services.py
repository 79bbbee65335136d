"""Writes for the portal: setting a committee's portal up (pages, Wagtail groups, the moderation
workflow), granting its roles, drafting an article from a conference, publishing an issued
document, and counting a view."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from dangvu.core import audit, policy
from dangvu.core.richtext import document_lines
from dangvu.meetings.enums import Attendance
from dangvu.meetings.models import Conference
from dangvu.org.models import Organisation
from dangvu.portal import permissions
from dangvu.portal.folding import fold
from dangvu.portal.models import (
    ArticlePage,
    ArticleView,
    CategoryKind,
    CategoryPage,
    PortalHomePage,
    PortalRootPage,
    PublishedDocument,
)
from dangvu.portal.permissions import PortalRole

# The categories of a district portal, in menu order (slug, title, kind).
DEFAULT_CATEGORIES = [
    ("tin-tuc-su-kien", "Tin tức - sự kiện", CategoryKind.ARTICLES),
    ("dang-doan-the", "Đảng - đoàn thể", CategoryKind.ARTICLES),
    ("chinh-quyen", "Chính quyền", CategoryKind.ARTICLES),
    ("mat-tran-doan-the", "Mặt trận - đoàn thể", CategoryKind.ARTICLES),
    ("van-ban", "Văn bản", CategoryKind.DOCUMENTS),
]
CONFERENCE_CATEGORY = "dang-doan-the"

# Wagtail page permissions of each role on the portal's pages.
ROLE_PAGE_PERMISSIONS = {
    PortalRole.WRITER: ("add", "change"),
    PortalRole.REVIEWER: ("add", "change", "publish", "lock", "unlock"),
    PortalRole.CONTRIBUTOR: ("add",),
}
ROLE_GROUP_SUFFIX = {
    PortalRole.WRITER: "Biên tập",
    PortalRole.REVIEWER: "Duyệt bài",
    PortalRole.CONTRIBUTOR: "Cộng tác viên",
}


# --- setting up ---------------------------------------------------------------------------


def wagtail_base_ensure() -> None:
    """Wagtail's own starting rows (the default locale, the root page, the root collection) come
    from its data migrations; a test database flushed between tests has lost them."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Locale

    language = get_supported_language_variant(settings.LANGUAGE_CODE)
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        locale = Locale.objects.create(language_code=language)
    if Page.get_first_root_node() is None:
        Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                content_type=ContentType.objects.get_for_model(Page),
                locale=locale,
                live=True,
            )
        )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def portal_root() -> PortalRootPage:
    """The /portal/ root page, made the default site's root on first use."""
    from wagtail.models import Site

    root = PortalRootPage.objects.first()
    if root is None:
        wagtail_base_ensure()
        tree_root = Page.get_first_root_node()
        root = tree_root.add_child(
            instance=PortalRootPage(title="Cổng thông tin điện tử", slug="portal")
        )
        # Wagtail's migration seeds a "welcome" page as the default site's root: replaced.
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
        else:
            old = site.root_page
            site.root_page = root
            site.site_name = "Dangvu"
            site.save()
            if old.pk != root.pk and old.depth == 2 and not old.get_children().exists():
                old.delete()
    return root


@transaction.atomic
def portal_create(
    *, committee: Organisation, title: str, slug: str, tagline: str = "", by: Any
) -> PortalHomePage:
    """A committee's portal with the five categories, its three Wagtail groups (writers,
    reviewers, contributors) and the moderation workflow "reviewers approve"."""
    if by is not None and not permissions.can_manage_portal(by, committee):
        raise PermissionDenied(_("Only the committee's office may set up its portal."))
    if PortalHomePage.objects.filter(committee=committee).exists():
        raise ValidationError(_("This committee already has a portal."))
    wagtail_base_ensure()
    home = PortalHomePage(committee=committee, title=title, slug=slug, tagline=tagline)
    home.full_clean(exclude=["path", "depth", "url_path"])
    portal_root().add_child(instance=home)
    for category_slug, category_title, kind in DEFAULT_CATEGORIES:
        home.add_child(
            instance=CategoryPage(
                title=category_title, slug=category_slug, kind=kind, show_in_menus=True
            )
        )
    groups = {}
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    collection = Collection.get_first_root_node()
    image_permissions = Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=["add_image", "choose_image"]
    )
    for role in PortalRole.ALL:
        group = Group.objects.create(name=f"{title} · {ROLE_GROUP_SUFFIX[role]}"[:150])
        group.permissions.add(access_admin)
        for permission_type in ROLE_PAGE_PERMISSIONS[role]:
            GroupPagePermission.objects.create(
                group=group, page=home, permission_type=permission_type
            )
        for permission in image_permissions:
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=permission
            )
        groups[role] = group
    workflow = Workflow.objects.create(name=f"{title} · Duyệt bài"[:255], active=True)
    task = GroupApprovalTask.objects.create(name=_("Review by the office"), active=True)
    task.groups.set([groups[PortalRole.REVIEWER]])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=home)
    home.writers_group = groups[PortalRole.WRITER]
    home.reviewers_group = groups[PortalRole.REVIEWER]
    home.contributors_group = groups[PortalRole.CONTRIBUTOR]
    home.save(update_fields=["writers_group", "reviewers_group", "contributors_group"])
    audit.record(actor=by, action="portal.create", obj=home, after={"title": title, "slug": slug})
    return home


@transaction.atomic
def portal_role_grant(*, portal: PortalHomePage, user: Any, role: str, by: Any) -> None:
    """Put `user` in the portal's group for `role` (writer, reviewer, contributor)."""
    if by is not None and not permissions.can_manage_portal(by, portal.committee):
        raise PermissionDenied(_("Only the committee's office may grant portal roles."))
    if role not in PortalRole.ALL:
        raise ValidationError({"role": _("Unknown portal role.")})
    if not permissions.may_hold_role(user, portal.committee, role):
        raise ValidationError(
            {
                "role": _(
                    "Writers and reviewers are the committee's office staff; contributors a "
                    "unit's reporter or head under the committee."
                )
            }
        )
    group = {
        PortalRole.WRITER: portal.writers_group,
        PortalRole.REVIEWER: portal.reviewers_group,
        PortalRole.CONTRIBUTOR: portal.contributors_group,
    }[role]
    if group is None:
        raise ValidationError(_("The portal has no groups; set it up again."))
    user.groups.add(group)
    audit.record(actor=by, action="portal.role_grant", obj=portal, after={str(user.pk): role})


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
            return f"Theo dự thảo báo cáo {_lower_first(period.title)}: {opening}"
        return f"Hội nghị đã thảo luận dự thảo báo cáo {_lower_first(period.title)}."
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
def article_from_conference(*, conference: Conference, by: Any) -> ArticlePage:
    """Draft (not published) an article about a held conference whose conclusion is issued,
    in the portal's conference category; the article and the conference point to each other."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    if by is not None and not permissions.can_draft_article(by, conference):
        raise PermissionDenied(_("Only the committee's office may draft the portal's articles."))
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
        owner=by if by is not None and by.is_authenticated else None,
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
def article_from_report(*, issued_report: Any, by: Any) -> ArticlePage:
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


def scheduled_publish(*, by: Any, now: dt.datetime | None = None) -> str:
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


# --- documents ------------------------------------------------------------------------------


@transaction.atomic
def document_publish(
    *,
    committee: Organisation,
    number: str,
    issued_on: dt.date,
    summary: str,
    conclusion: Any = None,
    issued_report: Any = None,
    pdf: Any = None,
    by: Any,
) -> PublishedDocument:
    """Show an issued notice or report under "Văn bản"."""
    if by is not None and not permissions.can_manage_portal(by, committee):
        raise PermissionDenied(_("Only the committee's office may publish its documents."))
    document = PublishedDocument(
        committee=committee,
        number=number,
        issued_on=issued_on,
        summary=summary,
        conclusion=conclusion,
        issued_report=issued_report,
        pdf=pdf,
    )
    document.full_clean()
    document.save()
    audit.record(actor=by, action="portal.document_publish", obj=document, after={"n": number})
    return document


def notice_publish(*, conclusion: Any, by: Any) -> PublishedDocument:
    """Make an issued conclusion notice public under "Văn bản": its number, date, trích yếu and,
    when LibreOffice is installed, the PDF of the DOCX as issued (a Wagtail document)."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from dangvu.documents.conversion import convert_to_pdf
    from dangvu.documents.numbering import format_number

    conference = conclusion.conference
    if by is not None and not permissions.can_manage_portal(by, conference.committee):
        raise PermissionDenied(_("Only the committee's office may publish its documents."))
    if conclusion.number is None or not conclusion.notice_docx:
        raise ValidationError(_("Only an issued notice can be published."))
    if PublishedDocument.objects.filter(conclusion=conclusion).exists():
        raise ValidationError(_("This notice is already published."))
    number = format_number(conclusion.number)
    # Converted before the transaction: LibreOffice takes seconds, the write lock must not wait.
    pdf_bytes = convert_to_pdf(bytes(conclusion.notice_docx))
    with transaction.atomic():
        pdf = None
        if pdf_bytes:
            pdf = Document(title=f"Thông báo số {number}")
            pdf.file.save(f"thong-bao-{slugify(number)}.pdf", ContentFile(pdf_bytes), save=False)
            pdf.save()
        return document_publish(
            committee=conference.committee,
            number=f"Số {number}",
            issued_on=conclusion.issued_on,
            summary=f"Thông báo kết luận {_lower_first(conference.title)}"[:500],
            conclusion=conclusion,
            pdf=pdf,
            by=by,
        )


# --- views ----------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _bot_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(
        _bot_pattern(settings.DANGVU_PORTAL_BOT_PATTERN).search(user_agent)
    )


def visitor_key(request: HttpRequest, day: dt.date) -> str:
    """A salted hash of the address and the browser, different every day: counts a visitor once
    a day without keeping who they are."""
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    material = f"{settings.SECRET_KEY}|{day.isoformat()}|{address}|{agent}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


def is_countable(request: HttpRequest) -> bool:
    """Not a bot, not a preview, not the portal's own editors reading."""
    if getattr(request, "is_preview", False) or request.method != "GET":
        return False
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    user = getattr(request, "user", None)
    return not (
        user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
    )


def view_record(*, article: ArticlePage, request: HttpRequest, on: dt.date | None = None) -> None:
    """One insert-or-ignore (`INSERT … ON CONFLICT DO NOTHING` / `INSERT OR IGNORE`): a second
    view the same day, or a concurrent one, meets the unique constraint and adds nothing."""
    if not article.live or not is_countable(request):
        return
    day = on or timezone.localdate()
    ArticleView.objects.bulk_create(
        [ArticleView(article_id=article.pk, day=day, visitor=visitor_key(request, day))],
        ignore_conflicts=True,
    )
