"""Pages of bureau staff and planning admins: 我的填报, the entry form, review,
填报进度, Excel template and upload, and an indicator's history.

Every view checks permissions through permissions.py; every write goes through
services. Nothing here deletes anything.
"""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .forms import EntryForm, ReturnForm, UploadForm, entry_rules
from .models import (
    OPEN_STATES,
    Bureau,
    EntryState,
    Indicator,
    IndicatorBureau,
    Plan,
    Role,
    YearlyValue,
)
from .permissions import (
    bureau_ids,
    can_enter,
    entry_indicators,
    get_indicator_for_entry,
    is_planner,
    role_of,
    role_required,
)
from .services import (
    EntryError,
    StaleEntry,
    value_approve,
    value_return,
    value_save,
    values_save_all,
)
from .services.values import Base, current_entry
from .spreadsheets import build_template, read_upload
from .validation import check_entry

ENTERING = (Role.STAFF, Role.PLANNER)
MISSING = "missing"
ENTRY_STATES = [
    (MISSING, "未填"),
    (EntryState.DRAFT.value, "草稿"),
    (EntryState.SUBMITTED.value, "已提交"),
    (EntryState.RETURNED.value, "已退回"),
    (EntryState.APPROVED.value, "已通过"),
]


def _years(plans) -> list[int]:
    return sorted({year for plan in plans for year in plan.years}, reverse=True)


def _chosen_year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for, else the last year that has ended (values come in after it)."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year in years:
        return year
    ended = [y for y in years if y < datetime.date.today().year]
    return max(ended or years or [datetime.date.today().year - 1])


def _entry_state(versions: list[YearlyValue]) -> tuple[str, YearlyValue | None]:
    """未填 / 草稿 / 已提交 / 已退回 / 已通过 of one indicator's year."""
    open_version = next((v for v in versions if v.state in OPEN_STATES), None)
    if open_version:
        return open_version.state, open_version
    approved = next((v for v in versions if v.state == EntryState.APPROVED), None)
    return (EntryState.APPROVED.value, approved) if approved else (MISSING, None)


def _with_year_versions(indicators, year: int):
    return indicators.select_related("plan").prefetch_related(
        Prefetch(
            "values",
            queryset=YearlyValue.objects.filter(year=year).select_related("entered_by"),
            to_attr="year_versions",
        ),
        Prefetch("indicator_bureaus", queryset=IndicatorBureau.objects.select_related("bureau")),
    )


@require_safe
@role_required(*ENTERING)
def entry_list(request: HttpRequest) -> HttpResponse:
    """我的填报: the user's indicators for a year, each with its entry state."""
    mine = entry_indicators(request.user)
    plans = Plan.objects.filter(indicators__in=mine).distinct()
    years = _years(plans)
    year = _chosen_year(request, years)
    indicators = _with_year_versions(
        mine.filter(plan__start_year__lte=year, plan__end_year__gte=year), year
    ).order_by("plan__start_year", "number")
    rows = [(indicator, *_entry_state(indicator.year_versions)) for indicator in indicators]
    labels = dict(ENTRY_STATES)
    return render(
        request,
        "indicators/entry_list.html",
        {
            "year": year,
            "years": years,
            "rows": [(i, state, labels[state], version) for i, state, version in rows],
            "bureaus": Bureau.objects.filter(pk__in=bureau_ids(request.user)),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*ENTERING)
def entry_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The form for one indicator and year: type, see the parsed reading, then save."""
    indicator = get_indicator_for_entry(request, pk)
    rules = entry_rules(indicator, year)
    current = current_entry(indicator, year)
    status = 200
    if request.method == "POST":
        form = EntryForm(request.POST, rules=rules, year=year)
        action = request.POST.get("action", "preview")
        if form.is_valid() and action in {"save", "submit"} and form.was_previewed:
            data = form.cleaned_data
            try:
                value_save(
                    indicator=indicator,
                    year=year,
                    value=data["value"],
                    growth=data["growth"],
                    source=data["source"],
                    note=_note(data),
                    user=request.user,
                    base=Base.parse(data["base"]),
                    submit=action == "submit",
                )
            except StaleEntry as error:
                form.add_error(None, str(error))
                status = 409
            except EntryError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                done = "已提交审核" if action == "submit" else "草稿已保存"
                messages.success(request, f"{indicator.name} {year}年:{done}。")
                return redirect(f"{reverse('entry_list')}?year={year}")
        elif form.is_valid():
            # Show the parsed reading first; saving needs a second click on the same input.
            form.data = form.data.copy()
            form.data["previewed"] = form.signature
    else:
        initial = {"base": str(Base.of(current)), "source": "统计快报"}
        if current is not None:
            initial.update(
                value=current.value.text,
                growth=current.growth.text,
                source=current.source or "统计快报",
                note=current.note,
            )
        form = EntryForm(initial=initial, rules=rules, year=year)
    return render(
        request,
        "indicators/entry_form.html",
        {
            "indicator": indicator,
            "year": year,
            "form": form,
            "current": current,
            "rules": rules,
            "preview": form.check if form.is_bound else None,
            "approved": YearlyValue.objects.filter(
                indicator=indicator, year=year, state=EntryState.APPROVED
            ).first(),
        },
        status=status,
    )


def _note(data: dict) -> str:
    note = data.get("note", "").strip()
    if data.get("confirm_note", "").strip():
        note = f"{note}\n确认说明:{data['confirm_note'].strip()}".strip()
    return note


@require_safe
@role_required(Role.PLANNER)
def review_list(request: HttpRequest) -> HttpResponse:
    """Values awaiting review, oldest first, with the approved value they would replace."""
    pending = (
        YearlyValue.objects.filter(state=EntryState.SUBMITTED)
        .select_related("indicator__plan", "entered_by")
        .order_by("submitted_at", "pk")
    )
    approved = {
        (v.indicator_id, v.year): v
        for v in YearlyValue.objects.filter(
            state=EntryState.APPROVED,
            indicator__in={entry.indicator_id for entry in pending},
        )
    }
    rows = [(entry, approved.get((entry.indicator_id, entry.year))) for entry in pending]
    return render(request, "indicators/review_list.html", {"rows": rows})


@require_POST
@role_required(Role.PLANNER)
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(YearlyValue.objects.select_related("indicator__plan"), pk=pk)
    action = request.POST.get("action")
    try:
        base = Base.parse(request.POST.get("base", ""))
        if action == "approve":
            value_approve(entry=entry, user=request.user, base=base)
            messages.success(request, f"已通过:{entry.indicator.name} {entry.year}年。")
        elif action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise EntryError("退回时必须写明意见。")
            value_return(
                entry=entry, user=request.user, base=base, comment=form.cleaned_data["comment"]
            )
            messages.success(request, f"已退回:{entry.indicator.name} {entry.year}年。")
        else:
            raise EntryError("未知的操作。")
    except EntryError as error:
        messages.error(request, f"{entry.indicator.name} {entry.year}年:{error}")
    return redirect("review_list")


@require_safe
@role_required(Role.STAFF, Role.PLANNER, Role.OFFICIAL)
def entry_progress(request: HttpRequest) -> HttpResponse:
    """填报进度: per bureau, how many indicators are missing, draft, submitted,
    returned or approved for a year. Staff see their own bureaus."""
    plans = list(Plan.objects.all())
    years = _years(plans)
    year = _chosen_year(request, years)
    links = IndicatorBureau.objects.filter(
        indicator__plan__start_year__lte=year, indicator__plan__end_year__gte=year
    ).select_related("bureau")
    if role_of(request.user) == Role.STAFF:
        links = links.filter(bureau__in=bureau_ids(request.user))
    states = {}
    for version in YearlyValue.objects.filter(
        year=year, indicator__in={link.indicator_id for link in links}
    ):
        states.setdefault(version.indicator_id, []).append(version)
    counts: dict[Bureau, dict[str, int]] = defaultdict(lambda: dict.fromkeys(dict(ENTRY_STATES), 0))
    for link in links:
        state, _ = _entry_state(states.get(link.indicator_id, []))
        counts[link.bureau][state] += 1
    rows = sorted(counts.items(), key=lambda item: item[0].name)
    return render(
        request,
        "indicators/entry_progress.html",
        {
            "year": year,
            "years": years,
            "states": ENTRY_STATES,
            "rows": [(bureau, [c[s] for s, _ in ENTRY_STATES]) for bureau, c in rows],
        },
    )


def _template_rows(indicators, year: int) -> list[dict]:
    rows = []
    for indicator in indicators:
        _, version = _entry_state(indicator.year_versions)
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
    bureau = get_object_or_404(Bureau, pk=_int(request.GET.get("bureau")))
    if not is_planner(request.user) and bureau.pk not in bureau_ids(request.user):
        raise PermissionDenied("只能下载本单位的模板。")
    plans = Plan.objects.filter(indicators__indicator_bureaus__bureau=bureau).distinct()
    year = _chosen_year(request, _years(plans))
    indicators = _with_year_versions(
        Indicator.objects.filter(
            indicator_bureaus__bureau=bureau,
            plan__start_year__lte=year,
            plan__end_year__gte=year,
        ),
        year,
    ).order_by("plan__start_year", "number")
    response = HttpResponse(
        build_template(_template_rows(indicators, year)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="entry-{bureau.pk}-{year}.xlsx"'
    return response


def _int(text: str | None) -> int | None:
    try:
        return int(text or "")
    except ValueError:
        return None


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
        if not errors and all(row["ok"] for row in checked):
            token = secrets.token_urlsafe(12)
            request.session["upload"] = {
                "token": token,
                "rows": [row["saved"] for row in checked],
            }
            context["token"] = token
            context["warnings"] = any(row["warnings"] for row in checked)
    return render(request, "indicators/entry_upload.html", context)


def _check_upload_row(request: HttpRequest, row) -> dict:
    """One uploaded row against the database: its indicator, the user's rights, the checks."""
    result = {"row": row, "ok": False, "errors": [], "warnings": [], "check": None, "saved": None}
    number = _int(row.number)
    year = _int(row.year)
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
    if not row.source:
        result["errors"].append("请填写来源。")
    check = check_entry(entry_rules(indicator, year), year, row.value, row.growth)
    result["check"] = check
    result["errors"] += list(check.errors.values())
    result["warnings"] = check.warnings
    current = current_entry(indicator, year)
    if current is not None and current.state == EntryState.SUBMITTED:
        result["errors"].append("这一项已提交审核,等待处理,不能再导入。")
    result["ok"] = not result["errors"]
    result["saved"] = {
        "indicator": indicator.pk,
        "year": year,
        "value": row.value,
        "growth": row.growth,
        "source": row.source,
        "note": row.note,
        "base": str(Base.of(current)),
    }
    return result


@require_POST
@role_required(*ENTERING)
def entry_upload_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get("upload")
    if not pending or pending.get("token") != request.POST.get("token"):
        messages.error(request, "预览已过期,请重新上传文件。")
        return redirect("entry_upload")
    note = request.POST.get("confirm_note", "").strip()
    indicators = {
        i.pk: i
        for i in Indicator.objects.select_related("plan")
        .prefetch_related("indicator_bureaus")
        .filter(pk__in=[row["indicator"] for row in pending["rows"]])
    }
    rows = []
    for saved in pending["rows"]:
        indicator = indicators[saved["indicator"]]
        if not can_enter(request.user, indicator):
            raise PermissionDenied("这不是您所在单位负责的指标。")
        check = check_entry(
            entry_rules(indicator, saved["year"]), saved["year"], saved["value"], saved["growth"]
        )
        if check.warnings and not note:
            messages.error(request, "有需要确认的数值,请填写确认说明后再导入。")
            return redirect("entry_upload")
        rows.append(
            {
                **saved,
                "indicator": indicator,
                "base": Base.parse(saved["base"]),
                "note": (saved["note"] + (f"\n确认说明:{note}" if check.warnings else "")).strip(),
            }
        )
    try:
        values_save_all(rows=rows, user=request.user, submit=request.POST.get("action") == "submit")
    except EntryError as error:
        messages.error(request, f"导入没有保存任何数据:{error}")
        return redirect("entry_upload")
    del request.session["upload"]
    messages.success(request, f"已导入{len(rows)}条数值。")
    return redirect("entry_list")


@require_safe
@login_required
def indicator_history(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """Every change to the indicator's values, targets and assessments: who, when,
    old → new, and why."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("plan"), plan__code=code, number=number
    )
    changes = []
    histories = [
        ("指标", Indicator.history.filter(id=indicator.pk), lambda record: "目标与定义"),
        (
            "数值",
            YearlyValue.history.filter(indicator_id=indicator.pk),
            lambda record: f"{record.year}年第{record.version}版",
        ),
        (
            "评估",
            indicator.assessments.model.history.filter(indicator_id=indicator.pk),
            lambda record: f"{record.year}年人工评估",
        ),
    ]
    for kind, records, label in histories:
        records = list(
            records.select_related("history_user").order_by("id", "history_date", "history_id")
        )
        previous_by_object: dict[int, object] = {}
        for record in records:
            previous = previous_by_object.get(record.id)
            fields = []
            if previous is None:
                fields = [("", "", "新建")]
            else:
                delta = record.diff_against(previous)
                fields = [
                    (change.field, _shown(change.old), _shown(change.new))
                    for change in delta.changes
                    if change.field not in {"revision", "submitted_at", "reviewed_at"}
                ]
            previous_by_object[record.id] = record
            if fields:
                changes.append(
                    {
                        "when": record.history_date,
                        "who": record.history_user,
                        "kind": kind,
                        "what": label(record),
                        "fields": [(_field_label(record, f), old, new) for f, old, new in fields],
                        "why": record.history_change_reason or "",
                    }
                )
    changes.sort(key=lambda change: change["when"], reverse=True)
    return render(
        request,
        "indicators/history.html",
        {"indicator": indicator, "plan": indicator.plan, "changes": changes},
    )


def _shown(value) -> str:
    text = getattr(value, "text", value)
    return "" if text is None else str(text)


def _field_label(record, name: str) -> str:
    if not name:
        return ""
    try:
        return str(record.instance_type._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field removed since: show its name
        return name
