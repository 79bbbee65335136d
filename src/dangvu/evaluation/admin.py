"""The administration shows the register, criteria sets and rounds for reading and correcting data
(criteria sets are edited here: a new regulation is a new set). Steps go through the pages."""

from django.contrib import admin

from dangvu.evaluation.models import CriteriaSet, Criterion, Evaluation, PartyMember, Round


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["name", "subject_kind", "regulation", "valid_from", "valid_to"]
    inlines = [CriterionInline]


@admin.register(PartyMember)
class PartyMemberAdmin(admin.ModelAdmin):
    list_display = ["code", "full_name", "birth_year", "joined_on", "status", "exempt"]
    search_fields = ["code", "full_name"]
    raw_id_fields = ["user"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "committee", "kind", "starts_on", "ends_on", "decision_number"]
    raw_id_fields = ["committee", "advising_body", "decision_number"]
    exclude = ["decision_docx"]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "subject_kind", "stage", "grade"]
    list_filter = ["stage", "grade", "subject_kind"]
    raw_id_fields = ["round", "organisation", "member", "grassroots", "decided_level"]
    readonly_fields = ["stage", "grade", "decided_level"]
