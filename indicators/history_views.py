"""An indicator's history: every change to its values, targets, bureaus and assessments."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Indicator
from .selectors import indicator_history


@require_safe
@login_required
def indicator_history_view(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """Every change to the indicator: who, when, old → new, and why."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("plan").prefetch_related("indicator_bureaus"),
        plan__code=code,
        number=number,
    )
    return render(
        request,
        "indicators/history.html",
        {
            "indicator": indicator,
            "plan": indicator.plan,
            "changes": indicator_history(indicator, request.user),
        },
    )
