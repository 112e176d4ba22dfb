"""The Django admin, in Chinese: the planning admin's tools.

Writes that carry rules (assessments) go through services.py; nothing that
holds published figures can be deleted from here.
"""

from django.contrib import admin

from . import services
from .models import (
    Assessment,
    Bureau,
    BureauAlias,
    Category,
    Footnote,
    Indicator,
    IndicatorBureau,
    IndicatorNote,
    Plan,
)

admin.site.site_header = "洪山区规划指标跟踪 · 管理"
admin.site.site_title = "规划指标管理"
admin.site.index_title = "规划管理"


class NoDeleteMixin:
    """Published figures and judgements are never hard-deleted through the interface."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["name", "code", "start_year", "end_year", "base_year"]
    search_fields = ["name", "title"]


@admin.register(Category)
class CategoryAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["name", "plan", "position"]
    list_filter = ["plan"]


class BureauAliasInline(admin.TabularInline):
    model = BureauAlias
    extra = 0


@admin.register(Bureau)
class BureauAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name", "aliases__name"]
    inlines = [BureauAliasInline]


class IndicatorBureauInline(admin.TabularInline):
    model = IndicatorBureau
    extra = 0


class IndicatorNoteInline(admin.TabularInline):
    model = IndicatorNote
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["number", "name", "plan", "category", "nature", "status", "computed_status"]
    list_filter = ["plan", "nature", "kind", "status", "category__name"]
    search_fields = ["name", "indicator_bureaus__bureau__name"]
    readonly_fields = ["computed_status", "status"]
    inlines = [IndicatorBureauInline, IndicatorNoteInline]
    ordering = ["-plan__start_year", "number"]


@admin.register(Footnote)
class FootnoteAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["plan", "number", "break_year", "text"]
    list_filter = ["plan"]
    filter_horizontal = ["indicators"]


@admin.register(Assessment)
class AssessmentAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Recorded assessments are added, never edited or deleted: a new judgement
    is a new record, and the indicator page shows the latest beside the computed one."""

    list_display = ["indicator", "year", "status", "computed_status", "assessed_on", "recorded_by"]
    list_filter = ["status", "indicator__plan"]
    search_fields = ["indicator__name", "reason"]
    fields = ["indicator", "year", "status", "reason", "assessed_on"]
    autocomplete_fields = ["indicator"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        recorded = services.assessment_record(
            indicator=obj.indicator,
            year=obj.year,
            status=obj.status,
            reason=obj.reason,
            assessed_on=obj.assessed_on,
            user=request.user,
        )
        obj.pk = recorded.pk
