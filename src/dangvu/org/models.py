"""The organisation tree, versioned in time.

An organisation exists from `valid_from` to `valid_to` (inclusive; open-ended when null). A change
that ends an organisation (a merger, the abolition of districts on 1/7/2025) closes it and links it
to its successors with a `Succession`, so that 2020 records and 2026 records live side by side.
`path` is the chain of ids from the root ("/1/7/12/"), kept by the services, so that a subtree is
one indexed prefix query.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel
from dangvu.org.enums import ChangeAction, OrgKind, Role, SuccessionKind


class Organisation(TimeStampedModel):
    code = models.SlugField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("A short stable identifier, used in imports and the API."),
    )
    name = models.CharField(_("full name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrgKind.choices)
    issuer_code = models.CharField(
        _("issuer code"),
        max_length=16,
        blank=True,
        help_text=_('Used in document numbers, e.g. "QU" in "Số 125-BC/QU".'),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=512, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # tên đã bỏ dấu: name and short name folded (core.text.fold), kept by the services, so that a
    # search ignores case and diacritics on SQLite as on PostgreSQL
    name_folded = models.CharField(max_length=400, default="", editable=False, db_index=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="org_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def set_tree_path(self, parent_path: str | None = None) -> None:
        """The one tree-path rule (issue 18): `path` is the parent's path and this id ("/1/7/12/",
        "/1/" for a root), `depth` the number of ancestors. Sets the fields, saves nothing (the
        services save one, the synthetic builders update thousands at once). `parent_path`
        spares reading the parent when the caller has it."""
        if parent_path is None:
            parent_path = self.parent.path if self.parent else "/"
        self.path = f"{parent_path}{self.pk}/"
        self.depth = self.path.count("/") - 2


class Reorganisation(TimeStampedModel):
    """One act of reorganisation (a resolution or decision): the units it created, changed and
    closed (`ReorganisationChange`) and the successor links it made (`Succession`)."""

    number = models.CharField(_("decision number"), max_length=64)
    title = models.CharField(_("summary"), max_length=255, blank=True)
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issued by"), max_length=255)
    effective_on = models.DateField(_("effective from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        ordering = ["-effective_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="reorganisation_unique_number"),
        ]

    def __str__(self) -> str:
        return self.number


class ReorganisationChange(models.Model):
    """What one reorganisation did to one organisation, with its fields before and after."""

    reorganisation = models.ForeignKey(
        Reorganisation, on_delete=models.CASCADE, related_name="changes"
    )
    organisation = models.ForeignKey(
        "Organisation", on_delete=models.CASCADE, related_name="reorganisation_changes"
    )
    action = models.CharField(_("change"), max_length=10, choices=ChangeAction.choices)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("reorganisation change")
        verbose_name_plural = _("reorganisation changes")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.reorganisation}: {self.get_action_display()} {self.organisation}"


class Succession(models.Model):
    """A predecessor → successor link, with how much of the predecessor went over, in the
    resolution's own words ("một phần diện tích…") and clause ("khoản 12")."""

    predecessor = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="predecessor_links"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SuccessionKind.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    wording = models.CharField(_("wording of the resolution"), max_length=500, blank=True)
    clause = models.CharField(_("clause"), max_length=64, blank=True)
    reorganisation = models.ForeignKey(
        Reorganisation,
        verbose_name=_("reorganisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="links",
    )

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique"),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"


class Term(models.Model):
    """A committee's term (nhiệm kỳ 2020–2025, khóa IV)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="terms")
    number = models.CharField(_("term number"), max_length=16, help_text=_('e.g. "IV"'))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["organisation", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="term_unique_number"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="term_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        end = self.ends_on.year if self.ends_on else "…"
        return f"khóa {self.number}, nhiệm kỳ {self.starts_on.year}–{end}"


class Person(TimeStampedModel):
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Position(models.Model):
    """A person holding a title in an organisation for a time (Phó Bí thư, Trưởng ban…)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(_("title"), max_length=150)
    term = models.ForeignKey(
        Term, null=True, blank=True, on_delete=models.SET_NULL, related_name="positions"
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["sort_order", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="position_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.title}, {self.organisation}"


class Membership(models.Model):
    """What a user may do for an organisation: the role applies to it and to its subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # A role is held for a time, like a position: granted from a day, ended on a day (inclusive),
    # and ended with its organisation by a reorganisation. Null `valid_from`: since always.
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            # One open grant of a role per user and organisation; ended grants stay as history.
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(valid_to__isnull=True),
                name="membership_unique_open",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="membership_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"
