"""Pages of bureau staff and planning admins: 我的填报, the entry form, review,
填报进度, Excel template and upload, and an indicator's history.

Every view checks permissions through permissions.py; every write goes through
services. Nothing here deletes anything.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .collection import DEFAULT_JUMP_POINTS, jump_flags
from .filters import ReviewFilter
from .forms import EntryForm, EvidenceForm, ReturnForm
from .models import (
    Bureau,
    EntryState,
    Indicator,
    IndicatorBureau,
    Plan,
    Role,
    YearlyValue,
)
from .params import chosen_year, parse_int
from .permissions import (
    ENTERING,
    bureau_ids,
    can_enter,
    can_see_pending,
    entry_indicators,
    get_indicator_for_entry,
    is_planner,
    region_id_of,
    role_of,
    role_required,
    watched_region_ids,
)
from .region_views import pending_elsewhere
from .round_selectors import round_board, round_bureaus, rounds_for_user, year_window
from .selectors import (
    ENTRY_STATE_LABELS,
    approved_value,
    current_entry,
    entry_rules,
    entry_state,
    indicator_pace,
    plan_years,
    with_pace_inputs,
    with_year_versions,
)
from .services import (
    Base,
    EntryError,
    StaleEntry,
    value_approve,
    value_attach,
    value_check,
    value_return,
    value_save,
    values_approve_all,
)
from .services.evidence import evidence_kind
from .validation import EntryCheck

DEFAULT_SOURCE = "统计快报"  # the first figure of a year usually comes from the 快报


@require_safe
@role_required(*ENTERING)
def entry_list(request: HttpRequest) -> HttpResponse:
    """我的填报: the user's indicators for a year, each with its entry state."""
    mine = entry_indicators(request.user)
    plans = Plan.objects.filter(indicators__in=mine).distinct()
    years = plan_years(plans)
    year = chosen_year(request, years)
    indicators = with_year_versions(
        mine.filter(plan__start_year__lte=year, plan__end_year__gte=year), year
    ).order_by("plan__start_year", "number")
    rows = [(indicator, *entry_state(indicator.year_versions)) for indicator in indicators]
    own = None if is_planner(request.user) else bureau_ids(request.user)
    return render(
        request,
        "indicators/entry_list.html",
        {
            "year": year,
            "years": years,
            "rows": [(i, state, ENTRY_STATE_LABELS[state], version) for i, state, version in rows],
            "bureaus": Bureau.objects.filter(pk__in=bureau_ids(request.user)),
            # The rounds open now, each with a grid link per bureau of the user's
            # (planning admins reach the grids from the board).
            "rounds": [
                (r, [] if own is None else round_bureaus(r, own))
                for r in rounds_for_user(request.user, own).filter(state="open")[:5]
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*ENTERING)
def entry_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The form for one indicator and year: type, see the parsed reading, then save."""
    indicator = get_indicator_for_entry(request, pk)
    if year not in indicator.plan.years:
        raise Http404(f"{year}年不在{indicator.plan.name}规划期内。")
    rules = entry_rules(indicator, year)
    current = current_entry(indicator, year)
    status = 200
    if request.method == "POST":
        form = EntryForm(request.POST, rules=rules)
        action = request.POST.get("action", "preview")
        if form.is_valid():
            arguments = {"indicator": indicator, "year": year, "user": request.user}
            arguments |= form.service_arguments()
            form.show_check(value_check(**arguments))
        if form.is_valid() and action in {"save", "submit"} and form.was_previewed:
            try:
                value_save(
                    **arguments,
                    base=Base.parse(form.cleaned_data["base"]),
                    submit=action == "submit",
                )
            except StaleEntry as error:
                form.add_error(None, str(error))
                status = 409
            except EntryError as error:
                form.show_check(EntryCheck(errors=error.errors))
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
        initial = {"base": str(Base.of(current)), "source": DEFAULT_SOURCE}
        if current is not None:
            initial.update(value=current.value.text, growth=current.growth.text)
            if current.state != EntryState.APPROVED:  # an open version: go on with it
                initial.update(source=current.source or DEFAULT_SOURCE, note=current.note)
        form = EntryForm(initial=initial, rules=rules)
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
            # The figures were read; at most a confirmation is still missing.
            "readable": form.check is not None and set(form.check.errors) <= {"confirmation"},
            "approved": approved_value(indicator, year),
            "window": year_window(indicator, year),
            "evidence_form": EvidenceForm(initial={"base": str(Base.of(current))}),
        },
        status=status,
    )


REVIEW_PAGE = 300  # rows shown at once; the filters narrow the rest


@require_safe
@role_required(Role.PLANNER)
def review_list(request: HttpRequest) -> HttpResponse:
    """Values to review, filtered by bureau, round and state (submitted by default),
    oldest first: each beside last year's value, the target and the 序时进度, with
    flags where the change looks implausible."""
    found = ReviewFilter(
        request.GET,
        queryset=YearlyValue.objects.exclude(state=EntryState.SUPERSEDED)
        .select_related("indicator__plan", "entered_by", "round")
        .order_by("submitted_at", "pk"),
    )
    entries = found.qs
    if region_id_of(request.user) is not None:  # a planner reviews their own region's
        entries = entries.filter(indicator__plan__region=region_id_of(request.user))
    entries = list(entries[:REVIEW_PAGE])
    indicators = with_pace_inputs(
        Indicator.objects.filter(pk__in={e.indicator_id for e in entries})
    )
    context = {i.pk: i for i in indicators}
    rows = []
    for entry in entries:
        indicator = context[entry.indicator_id]
        approved = indicator.value_in(entry.year)
        last = indicator.value_in(entry.year - 1)
        rows.append(
            {
                "entry": entry,
                "indicator": indicator,
                "approved": approved if approved and approved.pk != entry.pk else None,
                "last": last,
                "pace": indicator_pace(indicator, entry.year),
                "flags": jump_flags(
                    kind=indicator.kind,
                    unit=indicator.unit,
                    value=_number(entry.value),
                    growth=_number(entry.growth),
                    last_value=_number(last.value) if last else None,
                    last_growth=_number(last.growth) if last else None,
                    jump_points=float(entry.round.jump_points)
                    if entry.round
                    else DEFAULT_JUMP_POINTS,
                ),
            }
        )
    return render(
        request,
        "indicators/review_list.html",
        {
            "rows": rows,
            "filter": found,
            "more": len(entries) == REVIEW_PAGE,
            "elsewhere": pending_elsewhere(request.user),
        },
    )


def _number(figure) -> float | None:
    return float(figure.number) if figure.number is not None else None


@require_POST
@role_required(Role.PLANNER)
def review_approve_all(request: HttpRequest) -> HttpResponse:
    """Approve the ticked values: all of them or none (services.values_approve_all)."""
    pks = [pk for pk in map(parse_int, request.POST.getlist("entry")) if pk is not None]
    entries = YearlyValue.objects.select_related("indicator__plan").in_bulk(pks)
    if not entries:
        messages.error(request, "请先勾选要通过的数值。")
        return redirect(request.POST.get("next") or "review_list")
    try:
        decisions = [
            (entry, Base.parse(request.POST.get(f"base-{pk}", ""))) for pk, entry in entries.items()
        ]
        values_approve_all(decisions=decisions, user=request.user)
    except EntryError as error:
        messages.error(request, f"没有通过任何数值:{error}")
    else:
        messages.success(request, f"已通过{len(decisions)}项数值。")
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/review/") else "review_list")


@require_POST
@role_required(Role.PLANNER)
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(YearlyValue.objects.select_related("indicator__plan"), pk=pk)
    action = request.POST.get("action")
    form = ReturnForm(request.POST)
    try:
        base = Base.parse(request.POST.get("base", ""))
        if action == "approve":
            value_approve(entry=entry, user=request.user, base=base)
            messages.success(request, f"已通过:{entry.indicator.name} {entry.year}年。")
        elif action == "return" and form.is_valid():
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
    """填报进度: the board of a collection round (?round=, else the latest round, unless
    a year is asked for), else per bureau the counts of a year's states. Staff see
    their own bureaus."""
    own = bureau_ids(request.user) if role_of(request.user) == Role.STAFF else None
    rounds = list(rounds_for_user(request.user, own))
    chosen = parse_int(request.GET.get("round"))
    round = next((r for r in rounds if r.pk == chosen), None)
    if round is None and rounds and chosen is None and "year" not in request.GET:
        round = rounds[0]
    if round is not None:
        return render(
            request,
            "indicators/round_board.html",
            {"round": round, "rounds": rounds, "rows": round_board(round, own)},
        )
    plans = list(Plan.objects.all())
    years = plan_years(plans)
    year = chosen_year(request, years)
    links = IndicatorBureau.objects.filter(
        indicator__plan__start_year__lte=year, indicator__plan__end_year__gte=year
    ).select_related("bureau")
    if role_of(request.user) == Role.STAFF:
        links = links.filter(bureau__in=bureau_ids(request.user))
    elif watched_region_ids(request.user) is not None:  # regions: own and those under it
        links = links.filter(indicator__plan__region__in=watched_region_ids(request.user))
    states = {}
    for version in YearlyValue.objects.filter(
        year=year, indicator__in={link.indicator_id for link in links}
    ):
        states.setdefault(version.indicator_id, []).append(version)
    counts: dict[Bureau, dict[str, int]] = defaultdict(lambda: dict.fromkeys(ENTRY_STATE_LABELS, 0))
    for link in links:
        state, _ = entry_state(states.get(link.indicator_id, []))
        counts[link.bureau][state] += 1
    rows = sorted(counts.items(), key=lambda item: item[0].name)
    return render(
        request,
        "indicators/entry_progress.html",
        {
            "year": year,
            "years": years,
            "states": list(ENTRY_STATE_LABELS.items()),
            "rows": [(bureau, list(c.values())) for bureau, c in rows],
            "rounds": rounds,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def value_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the evidence of a value, to those who may see that version (its bureaus and
    planning admins always; officials once submitted; anyone signed in once approved).
    POST: attach a file to an open version (services.value_attach)."""
    entry = get_object_or_404(
        YearlyValue.objects.select_related("indicator__plan").prefetch_related(
            "indicator__indicator_bureaus"
        ),
        pk=pk,
    )
    indicator = entry.indicator
    back = reverse("entry_edit", args=[indicator.pk, entry.year])
    if request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES)
        if not can_enter(request.user, indicator):
            raise PermissionDenied("这不是您所在单位负责的指标。")
        if not form.is_valid():
            messages.error(request, "请选择要上传的文件。")
            return redirect(back)
        upload = form.cleaned_data["attachment"]
        try:
            data = upload.read(settings.EVIDENCE_MAX_BYTES + 1)
            value_attach(
                entry=entry,
                user=request.user,
                name=upload.name,
                data=data,
                base=Base.parse(form.cleaned_data["base"]),
            )
        except EntryError as error:
            messages.error(request, f"佐证材料没有保存:{error}")
        else:
            messages.success(request, f"已附上佐证材料:{upload.name}。")
        return redirect(back)
    if not _may_see(request.user, entry):
        raise PermissionDenied("您不能查看这一版本的数值。")
    if not entry.attachment:
        raise Http404("这一版本没有佐证材料。")
    with entry.attachment.open("rb") as handle:  # a few MiB at most (EVIDENCE_MAX_BYTES)
        data = handle.read()
    kind = evidence_kind(data[:16])
    response = HttpResponse(data, content_type=kind[1] if kind else "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        True, entry.attachment_name or entry.attachment.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _may_see(user, entry: YearlyValue) -> bool:
    if can_enter(user, entry.indicator):
        return True
    if entry.state == EntryState.SUBMITTED:
        return can_see_pending(user)
    return entry.state in (EntryState.APPROVED, EntryState.SUPERSEDED)
