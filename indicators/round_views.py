"""Collection rounds: the planning admin's rounds page (open, close, reopen a bureau),
the grid where a bureau enters all its indicators of a round, the live reading of a
typed figure, and the round's Excel workbook.

Permissions through permissions.py; every write through services."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .downloads import XLSX, attachment
from .forms import ReopenForm, RoundForm
from .models import Bureau, CollectionRound, Plan, Role
from .notation import NotationError, parse
from .params import parse_int
from .permissions import ENTERING, bureau_ids, is_planner, role_required
from .round_selectors import grid_indicators, grid_rows, round_bureaus, rounds_for_user
from .services import (
    Base,
    EntryError,
    RuleError,
    StaleEntry,
    round_close,
    round_open,
    round_reopen,
    value_check,
    values_save_all,
)
from .spreadsheets import build_round_template
from .vocabulary import EntryState, RoundState

READING_LIMIT = 64


def _own_bureaus(user) -> set[int] | None:
    """The bureaus a user enters for; None: all of them (planning admins)."""
    return None if is_planner(user) else bureau_ids(user)


@require_http_methods(["GET", "POST"])
@role_required(*ENTERING)
def round_list(request: HttpRequest) -> HttpResponse:
    """填报轮次: staff see the rounds of their bureaus, with links to their grids;
    planning admins also open, close and reopen."""
    planner = is_planner(request.user)
    form = None
    if planner:
        form = RoundForm(
            request.POST if request.method == "POST" else None, plans=Plan.objects.all()
        )
        if request.method == "POST" and form.is_valid():
            try:
                opened = round_open(user=request.user, **form.cleaned_data)
            except RuleError as error:
                for field, message in error.errors.items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, f"已开启:{opened.title},截止{opened.deadline:%Y-%m-%d}。")
                return redirect("round_list")
    elif request.method == "POST":
        raise PermissionDenied("只有规划管理员可以开启填报轮次。")
    own = _own_bureaus(request.user)
    rounds = [
        {
            "round": r,
            # Staff: a grid per bureau of theirs; planning admins reach every grid
            # from the board.
            "bureaus": round_bureaus(r, own) if own is not None else [],
            "reopen": ReopenForm(
                bureaus=Bureau.objects.filter(indicators__plan=r.plan_id).distinct(),
                auto_id=f"reopen-{r.pk}-%s",
            )
            if planner
            else None,
        }
        for r in rounds_for_user(request.user, own)
    ]
    return render(
        request,
        "indicators/round_list.html",
        {"rounds": rounds, "form": form, "today": timezone.localdate()},
        status=400 if form is not None and form.is_bound else 200,
    )


@require_POST
@role_required(Role.PLANNER)
def round_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(CollectionRound.objects.select_related("plan"), pk=pk)
    try:
        round_close(round=round, user=request.user)
        messages.success(request, f"已结束:{round.title}。数值已锁定。")
    except RuleError as error:
        messages.error(request, str(error))
    return redirect("round_list")


@require_POST
@role_required(Role.PLANNER)
def round_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(CollectionRound.objects.select_related("plan"), pk=pk)
    form = ReopenForm(request.POST, bureaus=Bureau.objects.all())
    if not form.is_valid():
        messages.error(request, "重新开放需要选择单位、开放截止日期并写明原因。")
        return redirect("round_list")
    try:
        round_reopen(round=round, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"已为{form.cleaned_data['bureau'].name}重新开放{round.title},"
            f"至{form.cleaned_data['until']:%Y-%m-%d}。",
        )
    except RuleError as error:
        messages.error(request, str(error))
    return redirect("round_list")


def _round_for_bureau(request: HttpRequest, pk: int, bureau_pk: int):
    round = get_object_or_404(CollectionRound.objects.select_related("plan"), pk=pk)
    bureau = get_object_or_404(Bureau, pk=bureau_pk)
    own = _own_bureaus(request.user)
    if own is not None and bureau.pk not in own:
        raise PermissionDenied("只能填报本单位的指标。")
    return round, bureau


def _accepts(round: CollectionRound, bureau: Bureau) -> bool:
    """The grid's inputs are enabled while the round accepts this bureau's values (the
    services decide each value; this only spares typing into a locked page)."""
    today = timezone.localdate()
    if round.reopenings.filter(bureau=bureau, until__gte=today).exists():
        return True
    return round.state == RoundState.OPEN and today <= round.locks_on


@require_http_methods(["GET", "POST"])
@role_required(*ENTERING)
def round_grid(request: HttpRequest, pk: int, bureau_pk: int) -> HttpResponse:
    """All of a bureau's indicators of a round on one page: type, see each reading,
    save all as drafts or submit all (all or nothing, services.values_save_all)."""
    round, bureau = _round_for_bureau(request, pk, bureau_pk)
    rows = grid_rows(round, grid_indicators(round, {bureau.pk}))
    status = 200
    if request.method == "POST":
        status = _grid_post(request, round, rows)
        if status == 302:
            return redirect("round_grid", round.pk, bureau.pk)
    return render(
        request,
        "indicators/round_grid.html",
        {
            "round": round,
            "bureau": bureau,
            "rows": rows,
            "accepts": _accepts(round, bureau),
            "confirm_note": request.POST.get("confirm_note", ""),
            "reading_url": reverse("entry_reading"),
        },
        status=status,
    )


def _grid_post(request: HttpRequest, round: CollectionRound, rows: list[dict]) -> int:
    """Check every changed row; save all of them, or show each row's errors."""
    submit = request.POST.get("action") == "submit"
    confirmation = request.POST.get("confirm_note", "").strip()
    chosen = []
    for row in rows:
        indicator, version = row["indicator"], row["version"]
        typed = {
            "value": request.POST.get(f"value-{indicator.pk}", "")[:READING_LIMIT],
            "growth": request.POST.get(f"growth-{indicator.pk}", "")[:READING_LIMIT],
            "source": request.POST.get(f"source-{indicator.pk}", "")[:200],
        }
        row["typed"] = typed
        if row["state"] == EntryState.SUBMITTED or not (typed["value"] or typed["growth"]):
            continue
        unchanged = version is not None and (
            version.value.text == typed["value"].strip()
            and version.growth.text == typed["growth"].strip()
            and version.source == typed["source"].strip()
        )
        if unchanged and not (row["open"] and submit):
            continue
        arguments = {"indicator": indicator, "year": round.year, **typed, "note": ""}
        check = value_check(**arguments, user=request.user, confirmation=confirmation)
        row["check"] = check
        if check.ok:
            base = Base.parse(request.POST.get(f"base-{indicator.pk}", ""))
            chosen.append({**arguments, "base": base, "confirmation": confirmation})
    if any(row.get("check") and not row["check"].ok for row in rows):
        messages.error(request, "有的行没有通过检查(见各行提示),这次没有保存任何数值。")
        return 400
    if not chosen:
        messages.info(request, "没有需要保存的改动。")
        return 302
    try:
        values_save_all(rows=chosen, user=request.user, submit=submit)
    except StaleEntry as error:
        messages.error(request, f"没有保存任何数值:{error}")
        return 409
    except EntryError as error:
        messages.error(request, f"没有保存任何数值:{error}")
        return 400
    done = "已提交审核" if submit else "已保存为草稿"
    messages.success(request, f"{len(chosen)}项指标{done}。")
    return 302


@require_safe
@role_required(*ENTERING)
def entry_reading(request: HttpRequest) -> JsonResponse:
    """How a typed figure is read, for the grid's live reading: {"text", "reading",
    "error"} ("１，２３４．５" → "1234.5"). The full checks run when saving."""
    text = request.GET.get("text", "")[:READING_LIMIT]
    try:
        figure = parse(text)
    except NotationError as error:
        return JsonResponse({"text": text, "reading": "", "error": str(error)})
    reading = "" if figure.is_blank else figure.meaning
    return JsonResponse({"text": text, "reading": reading, "error": ""})


@require_safe
@role_required(*ENTERING)
def round_template(request: HttpRequest, pk: int) -> HttpResponse:
    """One workbook for all the user's bureaus in a round (a planning admin: ?bureau=,
    or every bureau): base, target, last year and 序时进度 shown and locked; only the
    input cells are editable; an instructions sheet; 来源 pre-filled."""
    round = get_object_or_404(CollectionRound.objects.select_related("plan"), pk=pk)
    own = _own_bureaus(request.user)
    chosen = parse_int(request.GET.get("bureau"))
    if own is None:
        own = {chosen} if chosen else None
    elif chosen:
        if chosen not in own:
            raise PermissionDenied("只能下载本单位的模板。")
        own = {chosen}
    bureaus = round_bureaus(round, own)
    indicators = grid_indicators(round, {b.pk for b in bureaus})
    rows = grid_rows(round, indicators)
    data = build_round_template(
        [_template_row(round, row) for row in rows],
        instructions=_instructions(round, bureaus),
    )
    names = "、".join(b.name for b in bureaus) if len(bureaus) <= 3 else f"{len(bureaus)}个单位"
    return attachment(
        data,
        XLSX,
        name=f"{round.plan.region.name}{round.title}填报表-{names}.xlsx",
        fallback=f"round-{round.pk}-{round.year}.xlsx",
    )


def _template_row(round: CollectionRound, row: dict) -> dict:
    indicator, version = row["indicator"], row["version"]
    editable = version is None or version.state != EntryState.SUBMITTED
    open_version = version if row["open"] else None
    return {
        "plan": indicator.plan.code,
        "number": indicator.number,
        "name": indicator.name,
        "unit": indicator.unit,
        "year": round.year,
        "base": row["base"],
        "target": row["target"],
        "last": row["last"],
        "pace": row["pace"],
        "value": open_version.value.text if open_version else "",
        "growth": open_version.growth.text if open_version else "",
        "source": (open_version.source if open_version else "") or round.source,
        "note": open_version.note if open_version else "",
        "editable": editable,
    }


def _instructions(round: CollectionRound, bureaus: list[Bureau]) -> list[str]:
    return [
        f"{round.title}填报表",
        f"填报单位:{'、'.join(b.name for b in bureaus)}",
        f"截止日期:{round.deadline:%Y-%m-%d}(之后{round.grace_days}天内仍可补报,然后锁定)",
        "只需填写“总量/数值”“增速(%)”“来源”“备注”四列(浅黄色),其他列不能修改。",
        "数值按指标单位填写,不写单位;增速填百分数,如 8.5 或 8.5%;下降填负数,如 -2.2。",
        "不要写“左右”“以上”“＞”等目标的写法,实际数应是确切的数。",
        "来源已预填,如不同请改写(如 统计年报、部门统计)。",
        "不要增删列、合并单元格或使用公式;不要修改本页以外的工作表名称。",
        f"填好后在系统“我的填报 → 上传已填好的Excel”上传;生成于{datetime.date.today():%Y-%m-%d}。",
    ]
