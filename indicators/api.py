"""The read-only JSON API, documented in docs/api.md.

Field names are a contract with other systems: change them only with the docs.
Every `text` is the figure as printed; `value` is its number, or null.
"""

from __future__ import annotations

import json

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from . import cache as page_cache
from .jsonsafe import JSON_OPTIONS, SafeJSONEncoder
from .models import Indicator, Plan
from .notation import Figure
from .params import chosen_as_of
from .selectors import pace_summary
from .vocabulary import Source


def _comparator(figure: Figure) -> str | None:
    return figure.comparator.value if figure.comparator else None


def indicator_as_dict(indicator: Indicator, as_of: int) -> dict:
    growth = indicator.target_growth
    return {
        "number": indicator.number,
        "category": indicator.category.name,
        "name": indicator.name,
        "unit": indicator.unit,
        "nature": indicator.get_nature_display() if indicator.nature else None,
        "kind": indicator.kind,
        "direction": indicator.direction,
        "bureaus": indicator.bureau_names,
        "baseline": {
            "year": indicator.baseline_year,
            "text": indicator.baseline.text,
            "value": indicator.baseline.number,
        },
        "target": {
            "year": indicator.target_year,
            "text": indicator.target.text,
            "value": indicator.target.number,
            "comparator": _comparator(indicator.target),
        },
        "target_growth": None
        if growth.is_blank
        else {"text": growth.text, "value": growth.number, "cumulative": growth.cumulative},
        "values": [
            {
                "year": value.year,
                "text": value.value.text,
                "value": value.value.number,
                "growth_text": value.growth.text,
                "growth": value.growth.number,
                "companion_text": value.companion.text,
            }
            for value in indicator.yearly_values
        ],
        "official_assessment": indicator.official_assessment or None,
        "status": indicator.status,
        "status_label": indicator.status_label,
        "computed_assessment": _computed(indicator),
        "recorded_assessment": _recorded(indicator),
        "progress": _progress(indicator),
        "projection": _projection(indicator),
        # 序时进度 and the mid-term class, with the approved values up to `as_of`.
        "pace": pace_summary(indicator, as_of),
        "target_revisions": [
            {
                "effective_date": revision.effective_date.isoformat(),
                "reason": revision.reason,
                "baseline": {"old": revision.old_baseline.text, "new": revision.baseline.text},
                "target": {"old": revision.old_target.text, "new": revision.target.text},
                "target_growth": {
                    "old": revision.old_target_growth.text,
                    "new": revision.target_growth.text,
                },
                "recorded_at": revision.created_at.isoformat(),
            }
            for revision in indicator.revisions
        ],
        "footnotes": [
            {"number": note.number, "text": note.text, "break_year": note.break_year}
            for note in indicator.footnotes.all()
        ],
        "notes": [note.text for note in indicator.notes.all()],
    }


def _round(number: float | None) -> float | None:
    return None if number is None else round(number, 4)


def _computed(indicator: Indicator) -> dict:
    progress = indicator.progress
    return {
        "status": progress.status.value,
        "label": progress.label,
        "verdict": progress.verdict.value if progress.verdict else None,
        "explanation": progress.explanation,
    }


def _recorded(indicator: Indicator) -> dict | None:
    recorded = indicator.recorded_assessment
    if recorded is None:
        return None
    return {
        "status": recorded.status,
        "label": recorded.get_status_display(),
        "year": recorded.year,
        "reason": recorded.reason,
        "assessed_on": recorded.assessed_on.isoformat(),
    }


def _progress(indicator: Indicator) -> dict | None:
    progress = indicator.progress
    if progress.latest_year is None:
        return None
    return {
        "latest_year": progress.latest_year,
        "latest": _round(progress.latest),
        "expected": _round(progress.expected),
        "goal": _round(progress.goal),
        "share": _round(progress.share),
        "achieved_rate": _round(progress.achieved),
        "required_rate": _round(progress.required),
        "rate_unit": progress.change_unit,
        "ratio": _round(progress.ratio),
        "crosses_definition_change": progress.crosses_break,
    }


def _projection(indicator: Indicator) -> dict | None:
    progress = indicator.progress
    if progress.projection is None or progress.latest_year is None:
        return None
    return {"year": indicator.target_year, "value": _round(progress.projection)}


@require_safe
def plan_list(request: HttpRequest) -> JsonResponse:
    plans = Plan.objects.annotate(
        indicator_count=Count("indicators", filter=Q(indicators__source=Source.TABLE))
    ).order_by("-start_year")
    return JsonResponse(
        {
            "plans": [
                {
                    "code": plan.code,
                    "name": plan.name,
                    "start_year": plan.start_year,
                    "end_year": plan.end_year,
                    "indicator_count": plan.indicator_count,
                    "synthetic": plan.synthetic,
                }
                for plan in plans
            ]
        },
        encoder=SafeJSONEncoder,
        json_dumps_params=JSON_OPTIONS,
    )


@require_safe
def plan_indicators(request: HttpRequest, code: str) -> HttpResponse:
    plan = Plan.objects.filter(code=code).first()
    if plan is None:
        return JsonResponse(
            {"error": f"没有代码为“{code}”的规划。"},
            status=404,
            encoder=SafeJSONEncoder,
            json_dumps_params=JSON_OPTIONS,
        )
    # ?as_of=YEAR (a year of the plan's period; anything else is the default, the
    # latest year with values) sets the year of every indicator's `pace`.
    as_of = chosen_as_of(request, plan)
    # Only approved data is published here, so the body is the same for every caller:
    # cached per plan revision and as_of year, rebuilt on the first request after any change.
    body = page_cache.plan_api(plan, as_of, lambda: _indicators_json(plan, as_of))
    return HttpResponse(body, content_type="application/json")


def _indicators_json(plan: Plan, as_of: int) -> str:
    indicators = plan.indicators.main().for_dashboard().order_by("number")
    document = {
        "plan": plan.code,
        "synthetic": plan.synthetic,
        "as_of": as_of,
        "indicators": [indicator_as_dict(i, as_of) for i in indicators],
    }
    return json.dumps(document, cls=SafeJSONEncoder, **JSON_OPTIONS)
