"""The Django admin, in Chinese: the planning admin's whole job.

Only planning admins and superusers reach it (admin_site.PlanningAdminSite).
Writes that carry rules go through services: target revisions need a reason and
an effective date, renames keep the former name as an alias, nothing that holds
published figures or judgements can be deleted.
"""

from __future__ import annotations

import datetime
import secrets

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    Account,
    Assessment,
    Bureau,
    BureauAlias,
    Category,
    Footnote,
    Indicator,
    IndicatorBureau,
    IndicatorNote,
    Plan,
    TargetRevision,
)
from .permissions import is_planner
from .spreadsheets import read_indicator_definitions

admin.site.unregister(Group)  # roles are Account.role, not groups


class PlannerAccess:
    """Planning admins may view, add and change; nobody deletes through the admin."""

    def has_module_permission(self, request):
        return is_planner(request.user)

    def has_view_permission(self, request, obj=None):
        return is_planner(request.user)

    def has_add_permission(self, request, obj=None):
        return is_planner(request.user)

    def has_change_permission(self, request, obj=None):
        return is_planner(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.plans_touch()  # whatever changed here may be on a cached dashboard

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        services.plans_touch()


def _history(obj, request, reason: str) -> None:
    obj._history_user = request.user
    obj._change_reason = reason


# --------------------------------------------------------------------- plans


class StartNextPlanForm(forms.Form):
    code = forms.SlugField(label="代码", initial="15th")
    name = forms.CharField(label="名称", initial="“十五五”规划")
    title = forms.CharField(
        label="规划全称", initial="洪山区国民经济和社会发展第十五个五年规划纲要"
    )
    start_year = forms.IntegerField(label="起始年", initial=2026)
    end_year = forms.IntegerField(label="终止年", initial=2030)
    numbers = forms.MultipleChoiceField(
        label="延续的指标", widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args, previous: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["numbers"].choices = [
            (i.number, f"{i.number}. {i.name}") for i in previous.indicators.order_by("number")
        ]

    def clean(self):
        data = super().clean()
        if (
            data.get("start_year")
            and data.get("end_year")
            and data["end_year"] < data["start_year"]
        ):
            raise ValidationError("终止年不能早于起始年。")
        return data


class ImportIndicatorsForm(forms.Form):
    file = forms.FileField(label="指标定义Excel(.xlsx)")


@admin.register(Plan)
class PlanAdmin(PlannerAccess, admin.ModelAdmin):
    list_display = ["name", "code", "start_year", "end_year", "base_year", "previous"]
    search_fields = ["name", "title", "code"]
    actions = ["start_next_plan"]
    readonly_fields = ["tools"]

    @admin.display(description="工具")
    def tools(self, plan):
        if plan.pk is None:
            return "保存后可用"
        return format_html(
            '<a href="{}">由此规划创建下一个规划</a> · <a href="{}">从Excel导入指标</a>',
            reverse("admin:indicators_plan_start_next", args=[plan.pk]),
            reverse("admin:indicators_plan_import", args=[plan.pk]),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/start-next/",
                self.admin_site.admin_view(self.start_next_view),
                name="indicators_plan_start_next",
            ),
            path(
                "<int:pk>/import-indicators/",
                self.admin_site.admin_view(self.import_view),
                name="indicators_plan_import",
            ),
            *super().get_urls(),
        ]

    @admin.action(description="由所选规划创建下一个规划(选择延续的指标)")
    def start_next_plan(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "请只选择一个规划。", messages.ERROR)
            return None
        return redirect("admin:indicators_plan_start_next", queryset.get().pk)

    def start_next_view(self, request, pk):
        previous = get_object_or_404(Plan, pk=pk)
        form = StartNextPlanForm(request.POST or None, previous=previous)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                plan, made = services.plan_start_from(
                    previous=previous,
                    code=data["code"],
                    name=data["name"],
                    title=data["title"],
                    start_year=data["start_year"],
                    end_year=data["end_year"],
                    numbers=[int(n) for n in data["numbers"]],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request, f"{plan.name}:新建{len(made)}项延续指标。", messages.SUCCESS
                )
                return redirect("admin:indicators_plan_change", plan.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"由{previous.name}创建下一个规划",
            "form": form,
            "previous": previous,
            "opts": self.model._meta,
        }
        return render(request, "admin/indicators/start_next_plan.html", context)

    def import_view(self, request, pk):
        """Indicator definitions from Excel: preview, then all or nothing."""
        plan = get_object_or_404(Plan, pk=pk)
        form = ImportIndicatorsForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "title": f"从Excel导入{plan.name}的指标",
            "form": form,
            "plan": plan,
            "opts": self.model._meta,
        }
        if request.method == "POST" and request.POST.get("token"):
            pending = request.session.get("indicator_import", {})
            if pending.get("token") != request.POST["token"] or pending.get("plan") != plan.pk:
                self.message_user(request, "预览已过期,请重新上传。", messages.ERROR)
                return redirect("admin:indicators_plan_import", plan.pk)
            try:
                made = services.indicators_import(
                    plan=plan, rows=[tuple(row) for row in pending["rows"]], user=request.user
                )
            except ValidationError as error:
                self.message_user(
                    request, f"没有导入任何指标:{';'.join(error.messages)}", messages.ERROR
                )
                return redirect("admin:indicators_plan_import", plan.pk)
            del request.session["indicator_import"]
            self.message_user(request, f"已导入{len(made)}项指标。", messages.SUCCESS)
            return redirect("admin:indicators_plan_change", plan.pk)
        if request.method == "POST" and form.is_valid():
            rows, errors = read_indicator_definitions(form.cleaned_data["file"].read())
            checked = services.indicator_rows_check(plan=plan, rows=rows)
            context.update(errors=errors, rows=checked)
            if not errors and not any(row["errors"] for row in checked):
                token = secrets.token_urlsafe(12)
                request.session["indicator_import"] = {
                    "token": token,
                    "plan": plan.pk,
                    "rows": rows,
                }
                context["token"] = token
        return render(request, "admin/indicators/import_indicators.html", context)


@admin.register(Category)
class CategoryAdmin(PlannerAccess, admin.ModelAdmin):
    list_display = ["name", "plan", "position"]
    list_filter = ["plan"]
    search_fields = ["name"]


# -------------------------------------------------------------------- bureaus


class BureauAliasInline(PlannerAccess, admin.TabularInline):
    model = BureauAlias
    extra = 0


class MergeBureausForm(forms.Form):
    into = forms.ModelChoiceField(label="合并到", queryset=Bureau.objects.all())


@admin.register(Bureau)
class BureauAdmin(PlannerAccess, admin.ModelAdmin):
    list_display = ["name", "alias_names"]
    search_fields = ["name", "aliases__name"]
    inlines = [BureauAliasInline]
    actions = ["merge_bureaus"]

    @admin.display(description="曾用名/别名")
    def alias_names(self, bureau):
        return "、".join(alias.name for alias in bureau.aliases.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    def save_model(self, request, obj, form, change):
        if change and "name" in form.changed_data:
            old = Bureau.objects.get(pk=obj.pk)
            services.bureau_rename(bureau=old, name=obj.name)
            obj.refresh_from_db()
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description="把所选单位合并到另一个单位")
    def merge_bureaus(self, request, queryset):
        form = MergeBureausForm(request.POST if "into" in request.POST else None)
        form.fields["into"].queryset = Bureau.objects.exclude(pk__in=queryset)
        if form.is_bound and form.is_valid():
            into = form.cleaned_data["into"]
            for source in list(queryset):
                services.bureau_merge(source=source, into=into)
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
    fields = [
        "effective_date",
        "old_baseline",
        "old_target",
        "old_target_growth",
        "baseline",
        "target",
        "target_growth",
        "reason",
        "recorded_by",
    ]
    readonly_fields = fields
    verbose_name_plural = "目标调整记录"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IndicatorAdminForm(forms.ModelForm):
    revision_reason = forms.CharField(
        label="调整原因",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="修改基期值、目标值或年均增长时必填。",
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

    def clean(self):
        data = super().clean()
        if self.instance.pk and any(
            f in self.changed_data for f in services.admin_tasks.TARGET_FIELDS
        ):
            if not (data.get("revision_reason") or "").strip():
                self.add_error("revision_reason", "修改目标必须写明调整原因。")
            if not data.get("effective_date"):
                self.add_error("effective_date", "修改目标必须填写生效日期。")
            elif data["effective_date"] > datetime.date.today():
                self.add_error(
                    "effective_date", "生效日期不能晚于今天;尚未生效的调整请在生效后录入。"
                )
        return data


@admin.register(Indicator)
class IndicatorAdmin(PlannerAccess, SimpleHistoryAdmin):
    form = IndicatorAdminForm
    list_display = [
        "number",
        "name",
        "plan",
        "category",
        "nature",
        "target",
        "status",
        "computed_status",
    ]
    list_display_links = ["number", "name"]
    list_filter = ["plan", "nature", "kind", "status", "category__name"]
    list_select_related = ["plan", "category"]
    search_fields = ["name", "indicator_bureaus__bureau__name", "indicator_bureaus__printed_name"]
    readonly_fields = ["computed_status", "status"]
    autocomplete_fields = ["predecessor", "reference"]
    inlines = [IndicatorBureauInline, IndicatorNoteInline, TargetRevisionInline]
    ordering = ["-plan__start_year", "number"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "plan",
                    "category",
                    "number",
                    "name",
                    "unit",
                    "nature",
                    "kind",
                    "direction",
                ]
            },
        ),
        (
            "基期与目标",
            {
                "fields": [
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

    def save_model(self, request, obj, form, change):
        targets = services.admin_tasks.TARGET_FIELDS
        if not (change and any(field in form.changed_data for field in targets)):
            _history(obj, request, "管理后台修改" if change else "管理后台新建")
            super().save_model(request, obj, form, change)
            services.statuses_refresh(plan=obj.plan)
            return
        new = {field: getattr(obj, field).text for field in targets}
        current = Indicator.objects.get(pk=obj.pk)
        for field in targets:  # other fields first; the target change is a revision
            setattr(obj, field, getattr(current, field))
        _history(obj, request, "管理后台修改")
        super().save_model(request, obj, form, change)
        services.target_revise(
            indicator=obj,
            reason=form.cleaned_data["revision_reason"],
            effective_date=form.cleaned_data["effective_date"],
            user=request.user,
            **new,
        )
        obj.refresh_from_db()


@admin.register(Footnote)
class FootnoteAdmin(PlannerAccess, admin.ModelAdmin):
    list_display = ["plan", "number", "break_year", "text"]
    list_filter = ["plan"]
    search_fields = ["text"]
    filter_horizontal = ["indicators"]


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
class AssessmentAdmin(PlannerAccess, SimpleHistoryAdmin):
    """Recorded assessments are added, never edited or deleted: a new judgement
    is a new record, and the indicator page shows the latest beside the computed one."""

    list_display = ["indicator", "year", "status", "computed_status", "assessed_on", "recorded_by"]
    list_filter = ["status", "indicator__plan"]
    search_fields = ["indicator__name", "reason"]
    fields = ["indicator", "year", "status", "reason", "assessed_on"]
    autocomplete_fields = ["indicator"]

    def has_change_permission(self, request, obj=None):
        return obj is None and is_planner(request.user)

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


# ---------------------------------------------------------------------- users


class AccountInline(PlannerAccess, admin.StackedInline):
    model = Account
    can_delete = False
    filter_horizontal = ["bureaus"]
    verbose_name_plural = "角色与单位"


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(PlannerAccess, DjangoUserAdmin):
    """Users with their role and bureaus. Planning admins manage accounts but cannot
    grant superuser rights; nobody is deleted (deactivate instead)."""

    inlines = [AccountInline]
    list_display = ["username", "first_name", "role", "is_active", "last_login"]
    list_filter = ["account__role", "is_active", "account__bureaus"]
    search_fields = ["username", "first_name", "account__bureaus__name"]

    @admin.display(description="角色")
    def role(self, user):
        if user.is_superuser:
            return "超级管理员"
        account = getattr(user, "account", None)
        return account.get_role_display() if account else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("account")

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        if obj is None:
            return self.add_fieldsets
        return [(None, {"fields": ["username", "password", "first_name", "is_active"]})]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return ["username", "first_name", "is_active"]
        return super().get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.is_superuser = obj.is_superuser if change else False
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        account = getattr(user, "account", None)
        # Planning admins work in this admin; others do not.
        user.is_staff = user.is_superuser or (account is not None and account.role == "planner")
        user.save(update_fields=["is_staff"])
