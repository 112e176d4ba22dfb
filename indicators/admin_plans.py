"""Plans in the admin: their fields, starting the next plan, plan files in and out."""

from __future__ import annotations

import base64
import secrets

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html

from . import services
from .admin_base import ServiceAdmin, add_errors
from .models import Plan
from .planfile import read_plan_file
from .planfile_export import plan_file_response
from .printed import read_printed
from .services import RuleError
from .services.planfiles import plan_file_check, plan_file_import


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


class PlanFileForm(forms.Form):
    file = forms.FileField(label="规划文件(.xlsx)")
    replace_values = forms.BooleanField(
        label="文件中的数值与库中不同时,作为新版本替换(旧版本保留)", required=False
    )


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
            '<a href="{}">由此规划创建下一个规划</a> · <a href="{}">导入规划文件</a>'
            ' · <a href="{}">下载规划文件</a>',
            reverse("admin:indicators_plan_start_next", args=[plan.pk]),
            reverse("admin:indicators_plan_import", args=[plan.pk]),
            reverse("plan_file", args=[plan.code]),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/start-next/",
                self.admin_site.admin_view(self.start_next_view),
                name="indicators_plan_start_next",
            ),
            path(
                "<int:pk>/import-plan-file/",
                self.admin_site.admin_view(self.import_view),
                name="indicators_plan_import",
            ),
            path(
                "import-plan-file/",
                self.admin_site.admin_view(self.import_view),
                name="indicators_plan_file_import",
            ),
            path(
                "<int:pk>/plan-file.xlsx",
                self.admin_site.admin_view(self.export_view),
                name="indicators_plan_export",
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

    def export_view(self, request, pk):
        return plan_file_response(get_object_or_404(Plan, pk=pk))

    def import_view(self, request, pk=None):
        """A plan file: every row previewed with its reading, then all or nothing.
        On a plan's page the file must be that plan's (same 代码)."""
        plan = get_object_or_404(Plan, pk=pk) if pk is not None else None
        here = (
            reverse("admin:indicators_plan_import", args=[pk])
            if pk is not None
            else reverse("admin:indicators_plan_file_import")
        )
        form = PlanFileForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "title": f"向{plan.name}导入规划文件" if plan else "导入规划文件",
            "form": form,
            "plan": plan,
            "opts": self.model._meta,
        }
        if request.method == "POST" and request.POST.get("token"):
            pending = request.session.get("plan_file_import", {})
            if pending.get("token") != request.POST["token"]:
                self.message_user(request, "预览已过期,请重新上传。", messages.ERROR)
                return redirect(here)
            data = read_plan_file(base64.b64decode(pending["data"]))
            try:
                report = plan_file_import(
                    data=data, user=request.user, replace_values=pending["replace_values"]
                )
            except (RuleError, AttributeError) as error:
                self.message_user(request, f"没有导入任何内容:{error}", messages.ERROR)
                return redirect(here)
            del request.session["plan_file_import"]
            self.message_user(
                request,
                f"已导入规划文件 {report.code}:新建{len(report.created)}项,"
                f"新增数值{len(report.new_values)}项。",
                messages.SUCCESS,
            )
            imported = Plan.objects.get(code=report.code)
            return redirect("admin:indicators_plan_change", imported.pk)
        if request.method == "POST" and form.is_valid():
            raw = form.cleaned_data["file"].read()
            data = read_plan_file(raw)
            if isinstance(data, list):
                context["errors"] = [str(error) for error in data]
            elif plan is not None and data.plan.code != plan.code:
                context["errors"] = [
                    f"文件是规划“{data.plan.code}”的,不是{plan.name}({plan.code})的。"
                ]
            else:
                replace = form.cleaned_data["replace_values"]
                report = plan_file_check(data=data, replace_values=replace)
                readings = [
                    (
                        row,
                        [
                            (t, read_printed(t).meaning)
                            for t in (row.baseline, row.target, row.target_growth)
                        ],
                    )
                    for row in data.indicators
                ]
                context.update(data=data, report=report, errors=report.refusals, readings=readings)
                if report.ok:
                    token = secrets.token_urlsafe(12)
                    request.session["plan_file_import"] = {
                        "token": token,
                        "data": base64.b64encode(raw).decode(),
                        "replace_values": replace,
                    }
                    context["token"] = token
        return render(request, "admin/indicators/import_plan_file.html", context)
