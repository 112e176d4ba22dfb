"""Pages of bureau staff and planning admins: 我的填报, the entry form, review,
填报进度, Excel template and upload, and an indicator's history.

Every view checks permissions through permissions.py; every write goes through
services. Nothing here deletes anything.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .forms import EntryForm, ReturnForm
from .models import Bureau, EntryState, IndicatorBureau, Plan, Role, YearlyValue
from .params import chosen_year
from .permissions import (
    ENTERING,
    bureau_ids,
    entry_indicators,
    get_indicator_for_entry,
    region_id_of,
    role_of,
    role_required,
    watched_region_ids,
)
from .region_views import pending_elsewhere
from .selectors import (
    ENTRY_STATE_LABELS,
    approved_value,
    current_entry,
    entry_rules,
    entry_state,
    plan_years,
    with_year_versions,
)
from .services import (
    Base,
    EntryError,
    StaleEntry,
    value_approve,
    value_check,
    value_return,
    value_save,
)
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
    return render(
        request,
        "indicators/entry_list.html",
        {
            "year": year,
            "years": years,
            "rows": [(i, state, ENTRY_STATE_LABELS[state], version) for i, state, version in rows],
            "bureaus": Bureau.objects.filter(pk__in=bureau_ids(request.user)),
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
        },
        status=status,
    )


@require_safe
@role_required(Role.PLANNER)
def review_list(request: HttpRequest) -> HttpResponse:
    """Values awaiting review, oldest first, with the approved value they would replace."""
    pending = (
        YearlyValue.objects.filter(state=EntryState.SUBMITTED)
        .select_related("indicator__plan", "entered_by")
        .order_by("submitted_at", "pk")
    )
    if region_id_of(request.user) is not None:  # regions: a planner reviews their own
        pending = pending.filter(indicator__plan__region=region_id_of(request.user))
    approved = {
        (v.indicator_id, v.year): v
        for v in YearlyValue.objects.filter(
            state=EntryState.APPROVED,
            indicator__in={entry.indicator_id for entry in pending},
        )
    }
    rows = [(entry, approved.get((entry.indicator_id, entry.year))) for entry in pending]
    return render(
        request,
        "indicators/review_list.html",
        {"rows": rows, "elsewhere": pending_elsewhere(request.user)},
    )


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
    """填报进度: per bureau, how many indicators are missing, draft, submitted,
    returned or approved for a year. Staff see their own bureaus."""
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
        },
    )
