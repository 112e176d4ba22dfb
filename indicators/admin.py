"""The Django admin, in Chinese: the planning admin's whole job.

Only planning admins and superusers reach it (admin_site.PlanningAdminSite). The
admin parses forms and calls services; it never saves a model itself. Each form
runs its service's dry run in `clean()`, so a refusal is shown on the form; nothing
that holds published figures or judgements can be deleted.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import admin_accounts, admin_plans, services  # noqa: F401  (they register their admins)
from .admin_base import PlannerAccess, ServiceAdmin, add_errors
from .models import (
    Assessment,
    Bureau,
    BureauAlias,
    Category,
    Commitment,
    Footnote,
    Indicator,
    IndicatorBureau,
    IndicatorNote,
    TargetRevision,
)
from .permissions import is_planner
from .services import RuleError

admin.site.unregister(Group)  # roles are Account.role, not groups


@admin.register(Category)
class CategoryAdmin(ServiceAdmin):
    list_display = ["name", "plan", "position"]
    list_filter = ["plan"]
    search_fields = ["name"]


# -------------------------------------------------------------------- bureaus


class BureauAliasInline(PlannerAccess, admin.TabularInline):
    model = BureauAlias
    extra = 0


class MergeBureausForm(forms.Form):
    into = forms.ModelChoiceField(label="合并到", queryset=Bureau.objects.all())
    reason = forms.CharField(label="原因", required=False, max_length=500)


@admin.register(Bureau)
class BureauAdmin(ServiceAdmin):
    list_display = ["name", "alias_names"]
    search_fields = ["name", "aliases__name"]
    inlines = [BureauAliasInline]
    actions = ["merge_bureaus"]

    @admin.display(description="曾用名/别名")
    def alias_names(self, bureau):
        return "、".join(alias.name for alias in bureau.aliases.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    def save_object(self, request, obj, form, change):
        if change:
            current = Bureau.objects.get(pk=obj.pk)
            services.bureau_rename(bureau=current, name=obj.name, user=request.user)
            obj.refresh_from_db()
        else:
            obj.pk = services.bureau_create(name=obj.name, user=request.user).pk

    @admin.action(description="把所选单位合并到另一个单位")
    def merge_bureaus(self, request, queryset):
        form = MergeBureausForm(request.POST if "into" in request.POST else None)
        form.fields["into"].queryset = Bureau.objects.exclude(pk__in=queryset)
        if form.is_bound and form.is_valid():
            into = form.cleaned_data["into"]
            for source in list(queryset):
                services.bureau_merge(
                    source=source, into=into, user=request.user, reason=form.cleaned_data["reason"]
                )
            self.message_user(request, f"已合并到{into.name},原名称保留为别名。", messages.SUCCESS)
            return None
        return render(
            request,
            "admin/indicators/merge_bureaus.html",
            {
                **self.admin_site.each_context(request),
                "title": "合并单位",
                "form": form,
                "bureaus": queryset,
                "opts": self.model._meta,
                "action": "merge_bureaus",
            },
        )


# ----------------------------------------------------------------- indicators


class IndicatorBureauInline(PlannerAccess, admin.TabularInline):
    model = IndicatorBureau
    extra = 0
    autocomplete_fields = ["bureau"]


class IndicatorNoteInline(PlannerAccess, admin.TabularInline):
    model = IndicatorNote
    extra = 0


class TargetRevisionInline(PlannerAccess, admin.TabularInline):
    model = TargetRevision
    extra = 0
    fields = ["effective_date", "changes_shown", "reason", "recorded_by"]
    readonly_fields = fields
    verbose_name_plural = "目标调整记录"

    @admin.display(description="调整内容")
    def changes_shown(self, revision):
        return ";".join(
            f"{label}:{old or '空'} → {new or '空'}" for label, old, new in revision.changes()
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IndicatorAdminForm(forms.ModelForm):
    revision_reason = forms.CharField(
        label="调整原因",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="修改基期值、目标值、年均增长、基期年、目标年、类型或方向时必填。",
    )
    effective_date = forms.DateField(
        label="生效日期", required=False, help_text="修改目标时必填,格式 2024-03-01。"
    )

    class Meta:
        model = Indicator
        fields = [
            "plan",
            "category",
            "number",
            "name",
            "unit",
            "nature",
            "kind",
            "direction",
            "baseline_year",
            "baseline",
            "target_year",
            "target",
            "target_growth",
            "official_assessment",
            "companion_label",
            "predecessor",
            "reference",
        ]

    def changes(self) -> dict:
        """The fields this form changes, as the service takes them."""
        editable = set(services.REVISED_FIELDS) | set(services.targets.EDITABLE_FIELDS)
        return {f: self.cleaned_data[f] for f in self.changed_data if f in editable}

    def clean(self):
        data = super().clean()
        if self.instance.pk and not self.errors:
            if "plan" in self.changed_data:
                self.add_error("plan", "指标不能移到另一个规划;新规划请用“创建下一个规划”。")
            add_errors(
                self,
                services.indicator_update_check(
                    indicator=Indicator.objects.get(pk=self.instance.pk),
                    changes=self.changes(),
                    reason=data.get("revision_reason") or "",
                    effective_date=data.get("effective_date"),
                ),
            )
        return data


@admin.register(Indicator)
class IndicatorAdmin(ServiceAdmin, SimpleHistoryAdmin):
    form = IndicatorAdminForm
    list_display = ["number", "name", "plan", "category", "nature", "target", "status"]
    list_display_links = ["number", "name"]
    list_filter = ["plan", "source", "nature", "kind", "status", "category__name"]
    list_select_related = ["plan", "category"]
    search_fields = ["name", "indicator_bureaus__bureau__name", "indicator_bureaus__printed_name"]
    readonly_fields = ["computed_status", "status"]
    autocomplete_fields = ["predecessor", "reference"]
    inlines = [IndicatorBureauInline, IndicatorNoteInline, TargetRevisionInline]
    ordering = ["-plan__start_year", "number"]
    fieldsets = [
        (None, {"fields": ["plan", "category", "number", "name", "unit", "nature"]}),
        (
            "基期与目标(修改需写明调整原因和生效日期)",
            {
                "fields": [
                    ("kind", "direction"),
                    ("baseline_year", "baseline"),
                    ("target_year", "target"),
                    "target_growth",
                    "revision_reason",
                    "effective_date",
                ]
            },
        ),
        (
            "其他",
            {
                "fields": [
                    "official_assessment",
                    "companion_label",
                    "predecessor",
                    "reference",
                    "status",
                    "computed_status",
                ]
            },
        ),
    ]

    def save_object(self, request, obj, form, change):
        if not change:
            fields = {
                f: form.cleaned_data[f] for f in form.Meta.fields if f not in {"plan", "category"}
            }
            created = services.indicator_create(
                plan=form.cleaned_data["plan"],
                category=form.cleaned_data["category"],
                user=request.user,
                **fields,
            )
            obj.pk = created.pk
            return
        services.indicator_update(
            indicator=Indicator.objects.get(pk=obj.pk),
            user=request.user,
            changes=form.changes(),
            reason=form.cleaned_data["revision_reason"],
            effective_date=form.cleaned_data["effective_date"],
        )
        obj.refresh_from_db()


class FootnoteForm(forms.ModelForm):
    class Meta:
        model = Footnote
        fields = ["plan", "number", "text", "indicators", "break_year"]


@admin.register(Footnote)
class FootnoteAdmin(ServiceAdmin):
    form = FootnoteForm
    list_display = ["plan", "number", "break_year", "text"]
    list_filter = ["plan"]
    search_fields = ["text"]
    filter_horizontal = ["indicators"]

    def save_related(self, request, form, formsets, change):
        services.footnote_indicators_set(
            footnote=form.instance, indicators=form.cleaned_data["indicators"], user=request.user
        )


@admin.register(TargetRevision)
class TargetRevisionAdmin(PlannerAccess, admin.ModelAdmin):
    """A read-only list: revisions are made by editing the indicator."""

    list_display = ["indicator", "effective_date", "old_target", "target", "reason", "recorded_by"]
    list_filter = ["indicator__plan"]
    search_fields = ["indicator__name", "reason"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(ServiceAdmin, SimpleHistoryAdmin):
    """Recorded assessments are added, never edited or deleted: a new judgement
    is a new record, and the indicator page shows the latest beside the computed one."""

    list_display = ["indicator", "year", "status", "computed_status", "assessed_on", "recorded_by"]
    list_filter = ["status", "indicator__plan"]
    search_fields = ["indicator__name", "reason"]
    fields = ["indicator", "year", "status", "reason", "assessed_on"]
    autocomplete_fields = ["indicator"]

    def has_change_permission(self, request, obj=None):
        return obj is None and is_planner(request.user)

    def save_object(self, request, obj, form, change):
        recorded = services.assessment_record(
            indicator=obj.indicator,
            year=obj.year,
            status=obj.status,
            reason=obj.reason,
            assessed_on=obj.assessed_on,
            user=request.user,
        )
        obj.pk = recorded.pk


class AssignBureausForm(forms.Form):
    bureaus = forms.ModelMultipleChoiceField(
        label="责任单位(第一个为牵头单位)",
        queryset=Bureau.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )


@admin.register(Commitment)
class CommitmentAdmin(PlannerAccess, admin.ModelAdmin):
    """The plan's text commitments, as quoted (read-only). Their bureaus are assigned
    on the indicator that tracks each one (责任单位)."""

    list_display = ["code", "quote", "target_text", "kind", "bureaus_assigned", "tracking"]
    list_filter = ["kind", "soft", "chapter"]
    search_fields = ["code", "quote", "target_text"]
    list_select_related = ["indicator__plan"]
    actions = ["assign_bureaus"]

    @admin.action(description="把所选正文目标分配给责任单位")
    def assign_bureaus(self, request, queryset):
        form = AssignBureausForm(request.POST if "bureaus" in request.POST else None)
        if form.is_bound and form.is_valid():
            bureaus = list(form.cleaned_data["bureaus"])
            try:
                with transaction.atomic():
                    for commitment in queryset.select_related("indicator__plan"):
                        services.commitment_bureaus_add(
                            indicator=commitment.indicator, bureaus=bureaus, user=request.user
                        )
            except RuleError as error:
                self.message_user(request, f"没有分配:{error}", messages.ERROR)
                return None
            names = "、".join(bureau.name for bureau in bureaus)
            self.message_user(
                request, f"已把{queryset.count()}项正文目标分配给{names}。", messages.SUCCESS
            )
            return None
        return render(
            request,
            "admin/indicators/assign_bureaus.html",
            {
                **self.admin_site.each_context(request),
                "title": "分配责任单位",
                "form": form,
                "commitments": queryset,
                "opts": self.model._meta,
                "action": "assign_bureaus",
            },
        )

    @admin.display(description="责任单位")
    def bureaus_assigned(self, commitment):
        names = [link.bureau.name for link in commitment.indicator.indicator_bureaus.all()]
        return "、".join(names) or "未分配"

    @admin.display(description="跟踪指标")
    def tracking(self, commitment):
        url = reverse("admin:indicators_indicator_change", args=[commitment.indicator_id])
        return format_html('<a href="{}">分配责任单位、查看</a>', url)

    def get_queryset(self, request):
        return (
            super().get_queryset(request).prefetch_related("indicator__indicator_bureaus__bureau")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
