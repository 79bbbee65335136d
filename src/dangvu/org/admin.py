"""Admin views of the tree. Organisations are read-only here: their path and validity are kept by
the services (the pages under /org/), which the admin would bypass."""

from django.contrib import admin

from dangvu.core.admin import ReadOnlyAdminMixin
from dangvu.org.models import Membership, Organisation, Person, Position, Succession, Term


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "issuer_code", "valid_from", "valid_to", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["path"]


@admin.register(Succession)
class SuccessionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["organisation", "number", "starts_on", "ends_on"]
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "phone", "user"]
    search_fields = ["full_name", "email"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organisation", "valid_from", "valid_to"]
    autocomplete_fields = ["person", "organisation"]
    search_fields = ["person__full_name", "title"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: roles are granted and ended on the organisation's roles page (audited)."""

    list_display = ["user", "role", "organisation", "valid_from", "valid_to"]
    list_filter = ["role"]
    autocomplete_fields = ["organisation"]
