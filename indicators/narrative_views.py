"""Causes and measures (原因 / 措施): the bureau's form and the planning admins' review.

Every write goes through services/narratives.py; the views only parse input and
show the services' messages. Permissions as for values: the bureau's staff (and
planning admins on their behalf) write; planning admins review.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .evaluation import evaluate
from .models import EntryState, Indicator, Narrative, Role
from .permissions import ENTERING, get_indicator_for_entry, role_required
from .services import Base, RuleError, StaleEntry
from .services.narratives import (
    CAUSE_LIMIT,
    MEASURE_LIMIT,
    NarrativeError,
    StaleNarrative,
    current_narrative,
    narrative_approve,
    narrative_return,
    narrative_save,
)


@require_http_methods(["GET", "POST"])
@role_required(*ENTERING)
def narrative_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """原因与措施 of one indicator and year, with where it stands against its pace."""
    indicator = get_indicator_for_entry(request, pk)
    if year not in indicator.plan.years:
        raise Http404(f"{year}年不在{indicator.plan.name}规划期内。")
    standing = evaluate(Indicator.objects.for_dashboard().get(pk=indicator.pk), year)
    current = current_narrative(indicator, year)
    errors: dict[str, str] = {}
    status = 200
    data = {
        "cause": current.cause if current else "",
        "measure": current.measure if current else "",
        "base": str(Base.of(current)),
    }
    if request.method == "POST":
        data = {key: request.POST.get(key, "") for key in ("cause", "measure", "base")}
        action = request.POST.get("action")
        try:
            narrative_save(
                indicator=indicator,
                year=year,
                cause=data["cause"],
                measure=data["measure"],
                user=request.user,
                base=Base.parse(data["base"]),
                submit=action == "submit",
            )
        except (StaleNarrative, StaleEntry) as error:  # Base.parse raises StaleEntry
            errors, status = {"": str(error)}, 409
        except NarrativeError as error:
            errors, status = error.errors, 400
        else:
            done = "已提交审核" if action == "submit" else "草稿已保存"
            messages.success(request, f"{indicator.name} {year}年原因与措施:{done}。")
            return redirect(f"{reverse('entry_list')}?year={year}")
    return render(
        request,
        "indicators/narrative_form.html",
        {
            "indicator": indicator,
            "year": year,
            "standing": standing,
            "current": current,
            "data": data,
            "errors": errors,
            "limits": {"cause": CAUSE_LIMIT, "measure": MEASURE_LIMIT},
        },
        status=status,
    )


@require_safe
@role_required(Role.PLANNER)
def narrative_review_list(request: HttpRequest) -> HttpResponse:
    """Causes and measures awaiting review, oldest first, with the approved ones they
    would replace."""
    pending = list(
        Narrative.objects.filter(state=EntryState.SUBMITTED)
        .select_related("indicator__plan", "entered_by")
        .order_by("submitted_at", "pk")
    )
    approved = {
        (n.indicator_id, n.year): n
        for n in Narrative.objects.filter(
            state=EntryState.APPROVED, indicator__in={n.indicator_id for n in pending}
        )
    }
    rows = [(n, approved.get((n.indicator_id, n.year))) for n in pending]
    return render(request, "indicators/narrative_review_list.html", {"rows": rows})


@require_POST
@role_required(Role.PLANNER)
def narrative_review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    narrative = get_object_or_404(Narrative.objects.select_related("indicator__plan"), pk=pk)
    action = request.POST.get("action")
    what = f"{narrative.indicator.name} {narrative.year}年原因与措施"
    try:
        base = Base.parse(request.POST.get("base", ""))
        if action == "approve":
            narrative_approve(narrative=narrative, user=request.user, base=base)
            messages.success(request, f"已通过:{what}。")
        elif action == "return":
            narrative_return(
                narrative=narrative,
                user=request.user,
                base=base,
                comment=request.POST.get("comment", ""),
            )
            messages.success(request, f"已退回:{what}。")
        else:
            raise NarrativeError("未知的操作。")
    except RuleError as error:  # the service's refusal, or a malformed base (StaleEntry)
        messages.error(request, f"{what}:{error}")
    return redirect("narrative_review_list")
