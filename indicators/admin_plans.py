"""Plans in the admin: their fields, starting the next plan, importing indicators."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html

from . import services
from .admin_base import ServiceAdmin, add_errors
from .models import Plan
from .services import RuleError
from .spreadsheets import read_indicator_definitions


class StartNextPlanForm(forms.Form):
    code = forms.SlugField(label="代码", initial="15th", max_length=20)
    name = forms.CharField(label="名称", initial="“十五五”规划", max_length=50)
    title = forms.CharField(
        label="规划全称", initial="洪山区国民经济和社会发展第十五个五年规划纲要", max_length=200
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


class ImportIndicatorsForm(forms.Form):
    file = forms.FileField(label="指标定义Excel(.xlsx)")


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "code",
            "name",
            "title",
            "start_year",
            "end_year",
            "base_year",
            "table_title",
            "source",
            "note",
            "previous",
            "synthetic",
        ]

    def clean(self):
        data = super().clean()
        years = {f: data.get(f) for f in ("start_year", "end_year", "base_year")}
        if all(isinstance(year, int) for year in years.values()):
            add_errors(self, services.plans.plan_years_check(**years))
        return data


@admin.register(Plan)
class PlanAdmin(ServiceAdmin):
    form = PlanForm
    list_display = ["name", "code", "start_year", "end_year", "base_year", "previous"]
    search_fields = ["name", "title", "code"]
    actions = ["start_next_plan"]
    readonly_fields = ["tools"]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["code", "start_year", "end_year", "base_year"]
        return ["tools", *fixed] if obj is not None and obj.indicators.exists() else ["tools"]

    def save_object(self, request, obj, form, change):
        data = {field: form.cleaned_data[field] for field in form.changed_data}
        if change:
            current = Plan.objects.get(pk=obj.pk)
            services.plan_update(plan=current, user=request.user, changes=data)
            obj.refresh_from_db()
        else:
            fields = {f: form.cleaned_data[f] for f in form.cleaned_data}
            obj.pk = services.plan_create(user=request.user, **fields).pk

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
                    user=request.user,
                    **{f: data[f] for f in ("code", "name", "title", "start_year", "end_year")},
                    numbers=[int(n) for n in data["numbers"]],
                )
            except RuleError as error:
                add_errors(form, error.errors)
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
            except RuleError as error:
                self.message_user(request, f"没有导入任何指标:{error}", messages.ERROR)
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
