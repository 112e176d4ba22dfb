"""The plan's commitments in its own words (chapters 3–8): a page by chapter and a JSON
list. Public, like the plan: approved figures only."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .jsonsafe import JSON_OPTIONS, SafeJSONEncoder
from .models import Indicator, Plan
from .params import parse_int
from .selectors import default_as_of, evaluation_years, indicator_pace


def _commitments(plan: Plan):
    """The plan's commitments with everything the page and the API show, in a fixed
    number of queries."""
    return (
        plan.indicators.commitments()
        .for_dashboard()
        .select_related("commitment", "commitment__related")
        .order_by("number")
    )


def _as_of(request: HttpRequest, plan: Plan) -> int:
    year = parse_int(request.GET.get("as_of"))
    return year if year in evaluation_years(plan) else default_as_of(plan)


@require_safe
def plan_commitments(request: HttpRequest, code: str) -> HttpResponse:
    """正文目标: each commitment quoted, with its bureaus, latest value and 序时进度."""
    plan = get_object_or_404(Plan, code=code)
    as_of = _as_of(request, plan)
    rows = [(indicator, indicator_pace(indicator, as_of)) for indicator in _commitments(plan)]
    chapters = [
        (chapter, list(members))
        for chapter, members in groupby(rows, key=lambda row: row[0].commitment.chapter)
    ]
    return render(
        request,
        "indicators/commitments.html",
        {
            "plan": plan,
            "as_of": as_of,
            "years": evaluation_years(plan),
            "chapters": chapters,
            "unassigned": sum(1 for indicator, _ in rows if not indicator.bureau_links),
            "shows_synthetic": plan.synthetic,
        },
    )


def commitment_json(indicator: Indicator, as_of: int) -> dict:
    """One commitment as the API serves it (docs/api.md)."""
    commitment = indicator.commitment
    pace = indicator_pace(indicator, as_of)
    return {
        "id": commitment.code,
        "number": indicator.number,
        "quote": commitment.quote,
        "chapter": commitment.chapter,
        "section": commitment.section,
        "subsection": commitment.subsection,
        "subject": indicator.name,
        "kind": commitment.kind,
        "soft": commitment.soft,
        "works": commitment.works,
        "target": {
            "text": commitment.target_text,
            "figure": indicator.target.text,
            "value": indicator.target.number,
            "meaning": indicator.target.meaning,
            "year": indicator.target_year,
        },
        "unit": indicator.unit,
        "related_indicator": commitment.related.number if commitment.related else None,
        "bureaus": [
            {"name": link.bureau.name, "role": link.role} for link in indicator.bureau_links
        ],
        "values": [
            {
                "year": value.year,
                "value": {"text": value.value.text, "value": value.value.number},
                "note": value.note,
                "source": value.source,
            }
            for value in indicator.yearly_values
        ],
        "status": {"code": indicator.status, "label": indicator.status_label},
        "pace": {
            "as_of": pace.as_of,
            "expected": pace.expected,
            "actual": pace.actual,
            "gap": pace.gap,
            "gap_unit": pace.gap_unit,
            "label": pace.label.label,
            "class": pace.label.value,
            "basis": pace.basis,
        },
    }


@require_safe
def api_plan_commitments(request: HttpRequest, code: str) -> JsonResponse:
    """GET /api/plans/<code>/commitments/?as_of=YEAR (docs/api.md)."""
    plan = get_object_or_404(Plan, code=code)
    as_of = _as_of(request, plan)
    return JsonResponse(
        {
            "plan": plan.code,
            "as_of": as_of,
            "synthetic": plan.synthetic,
            "commitments": [commitment_json(i, as_of) for i in _commitments(plan)],
        },
        encoder=SafeJSONEncoder,
        json_dumps_params=JSON_OPTIONS,
    )
