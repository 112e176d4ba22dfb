"""Excel in and out for bureau staff: a pre-filled template, and an upload that is
previewed row by row and then saved all or nothing."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .downloads import XLSX, attachment
from .forms import UploadForm
from .models import Bureau, Indicator, Plan
from .params import chosen_year, parse_int
from .permissions import (
    ENTERING,
    bureau_ids,
    can_enter,
    is_planner,
    region_id_of,
    role_required,
)
from .selectors import current_entry, entry_state, plan_years, with_year_versions
from .services import Base, EntryError, value_check, values_save_all
from .spreadsheets import build_template, read_upload


def _template_rows(indicators, year: int) -> list[dict]:
    rows = []
    for indicator in indicators:
        _, version = entry_state(indicator.year_versions)
        rows.append(
            {
                "plan": indicator.plan.code,
                "number": indicator.number,
                "name": indicator.name,
                "unit": indicator.unit,
                "year": year,
                "value": version.value.text if version else "",
                "growth": version.growth.text if version else "",
                "source": version.source if version else "",
                "note": version.note if version else "",
            }
        )
    return rows


@require_safe
@role_required(*ENTERING)
def entry_template(request: HttpRequest) -> HttpResponse:
    """An Excel template for a bureau and a year, pre-filled with its indicators."""
    bureau = get_object_or_404(Bureau, pk=parse_int(request.GET.get("bureau")))
    if not is_planner(request.user) and bureau.pk not in bureau_ids(request.user):
        raise PermissionDenied("只能下载本单位的模板。")
    if region_id_of(request.user) not in {None, bureau.region_id}:  # regions
        raise PermissionDenied("只能下载本行政区划单位的模板。")
    plans = Plan.objects.filter(indicators__indicator_bureaus__bureau=bureau).distinct()
    year = chosen_year(request, plan_years(plans))
    indicators = with_year_versions(
        Indicator.objects.filter(
            indicator_bureaus__bureau=bureau,
            plan__start_year__lte=year,
            plan__end_year__gte=year,
        ),
        year,
    ).order_by("plan__start_year", "number")
    return attachment(
        build_template(_template_rows(indicators, year)),
        XLSX,
        name=f"{year}年填报表-{bureau.name}.xlsx",
        fallback=f"entry-{bureau.pk}-{year}.xlsx",
    )


@require_http_methods(["GET", "POST"])
@role_required(*ENTERING)
def entry_upload(request: HttpRequest) -> HttpResponse:
    """Upload a filled-in template: every row is previewed with its reading or error;
    nothing is saved until the user confirms, and then all rows or none."""
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        rows, errors = read_upload(form.cleaned_data["file"].read())
        checked = [_check_upload_row(request, row) for row in rows]
        context.update(rows=checked, errors=errors)
        to_save = [row["saved"] for row in checked if not row.get("skipped")]
        if not errors and all(row["ok"] for row in checked) and to_save:
            token = secrets.token_urlsafe(12)
            request.session["upload"] = {"token": token, "rows": to_save}
            context["token"] = token
            context["warnings"] = any(row["warnings"] for row in checked)
    return render(request, "indicators/entry_upload.html", context)


def _check_upload_row(request: HttpRequest, row) -> dict:
    """One uploaded row against the database: which indicator it is, and the service's
    verdict (services.value_check) on it."""
    result = {"row": row, "ok": False, "errors": [], "warnings": [], "check": None, "saved": None}
    number = parse_int(row.number)
    year = parse_int(row.year)
    indicator = (
        Indicator.objects.select_related("plan")
        .prefetch_related("indicator_bureaus")
        .filter(plan__code=row.plan, number=number)
        .first()
        if number is not None
        else None
    )
    if indicator is None:
        result["errors"].append(f"找不到规划“{row.plan}”的第“{row.number}”项指标。")
        return result
    if indicator.name != row.name:
        result["errors"].append(f"序号{number}的指标是“{indicator.name}”,不是“{row.name}”。")
    if not can_enter(request.user, indicator):
        result["errors"].append(f"“{indicator.name}”不是您所在单位负责的指标。")
        return result
    if year is None:
        result["errors"].append(f"年份“{row.year}”不是数字。")
        return result
    if not (row.value.strip() or row.growth.strip()):
        # A round's workbook lists every indicator: a row left blank is not reported yet.
        result.update(ok=True, skipped=True)
        return result
    arguments = {"value": row.value, "growth": row.growth, "source": row.source, "note": row.note}
    # The confirmation of warnings is asked once for the whole file, at confirm.
    check = value_check(
        indicator=indicator, year=year, user=request.user, confirmation="上传预览", **arguments
    )
    result["check"] = check
    result["errors"] += list(check.errors.values())
    result["warnings"] = check.warnings
    result["ok"] = not result["errors"]
    result["saved"] = {
        "indicator": indicator.pk,
        "year": year,
        **arguments,
        "base": str(Base.of(current_entry(indicator, year))),
        "line": getattr(row, "line", None),
    }
    return result


@require_POST
@role_required(*ENTERING)
def entry_upload_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get("upload")
    if not pending or pending.get("token") != request.POST.get("token"):
        messages.error(request, "预览已过期,请重新上传文件。")
        return redirect("entry_upload")
    confirmation = request.POST.get("confirm_note", "").strip()
    indicators = Indicator.objects.select_related("plan").in_bulk(
        [row["indicator"] for row in pending["rows"]]
    )
    rows = [
        {
            **saved,
            "indicator": indicators[saved["indicator"]],
            "base": Base.parse(saved["base"]),
            "confirmation": confirmation,
        }
        for saved in pending["rows"]
    ]
    submit = request.POST.get("action") == "submit"
    try:
        values_save_all(rows=rows, user=request.user, submit=submit)
    except EntryError as error:
        messages.error(request, f"导入没有保存任何数据:{error}")
        return redirect("entry_upload")
    del request.session["upload"]
    years = "、".join(str(year) for year in sorted({row["year"] for row in rows}))
    state = "已提交审核" if submit else "已保存为草稿"
    messages.success(request, f"已导入{len(rows)}条{years}年的数值,{state}。")
    # Show the year just imported (the latest, if the file held several), not the default.
    year = max(row["year"] for row in rows)
    return redirect(f"{reverse('entry_list')}?year={year}")
