"""Setting a committee's portal up (pages, Wagtail groups, the moderation workflow) and granting
its roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from dangvu.core import audit, policy
from dangvu.org.models import Organisation
from dangvu.portal import permissions
from dangvu.portal.models import (
    CategoryKind,
    CategoryPage,
    PortalHomePage,
    PortalRootPage,
)
from dangvu.portal.permissions import PortalRole

if TYPE_CHECKING:
    from dangvu.accounts.models import User
    from dangvu.core.policy import Actor

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
    *, committee: Organisation, title: str, slug: str, tagline: str = "", by: Actor
) -> PortalHomePage:
    """A committee's portal with the five categories, its three Wagtail groups (writers,
    reviewers, contributors) and the moderation workflow "reviewers approve"."""
    policy.require(
        by,
        "portal.manage",
        committee,
        message=_("Only the committee's office may set up its portal."),
    )
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
def portal_role_grant(*, portal: PortalHomePage, user: User, role: str, by: Actor) -> None:
    """Put `user` in the portal's group for `role` (writer, reviewer, contributor)."""
    policy.require(
        by,
        "portal.manage",
        portal.committee,
        message=_("Only the committee's office may grant portal roles."),
    )
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
