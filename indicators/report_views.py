"""The evaluation's pages and documents: 预警 (page and JSON), the one-page summary
for leaders, the 完成情况表 (xlsx, docx) and the 评估报告 (docx, pdf).

Plans are public documents: like the plan table and its export, these need no
login. They show approved figures and approved causes and measures only (they read
through evaluation.py). Each takes ?as_of=YEAR (default: the latest year with an
approved value); a year outside the plan falls back to the default, never a 500.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import cache as page_cache
from .documents.completion import completion_table
from .documents.completion_docx import completion_docx
from .documents.completion_xlsx import completion_xlsx
from .documents.evaluation_docx import evaluation_docx
from .documents.evaluation_pdf import evaluation_pdf
from .documents.evaluation_report import evaluation_report, table_row
from .downloads import DOCX, XLSX, attachment
from .evaluation import (
    IndicatorEvaluation,
    class_counts,
    counts_sentence,
    data_cutoff,
    plan_evaluation,
    printed_on,
    warnings,
)
from .jsonsafe import JSON_OPTIONS, SafeJSONEncoder
from .models import Plan
from .params import parse_int
from .selectors import default_as_of, evaluation_years


def _plan_as_of(request: HttpRequest, code: str) -> tuple[Plan, int]:
    plan = get_object_or_404(Plan, code=code)
    as_of = parse_int(request.GET.get("as_of"))
    if as_of not in evaluation_years(plan):
        as_of = default_as_of(plan)
    return plan, as_of


def _download(content: bytes, content_type: str, filename: str, name: str) -> HttpResponse:
    return attachment(content, content_type, name=name, fallback=filename)


def _context(plan: Plan, as_of: int) -> dict:
    return {
        "plan": plan,
        "as_of": as_of,
        "years": evaluation_years(plan),
        "data_cutoff": data_cutoff(as_of),
        "printed_on": printed_on(),
        "shows_synthetic": plan.synthetic,
    }


@require_safe
def plan_warnings(request: HttpRequest, code: str) -> HttpResponse:
    """预警: the indicators at risk, binding first, with the gap and the bureaus."""
    plan, as_of = _plan_as_of(request, code)
    evaluations = plan_evaluation(plan, as_of)
    return render(
        request,
        "indicators/warnings.html",
        {**_context(plan, as_of), "warnings": warnings(evaluations), "total": len(evaluations)},
    )


def warning_as_dict(e: IndicatorEvaluation) -> dict:
    pace = e.pace
    return {
        "number": e.number,
        "name": e.name,
        "nature": e.nature.label if e.nature else None,
        "binding": e.binding,
        "label": e.label,
        "verdict": e.verdict.label if e.verdict else None,
        "year": pace.year,
        "expected": pace.expected,
        "actual": pace.actual,
        "gap": pace.gap,
        "gap_unit": pace.gap_unit,
        "gap_text": e.gap_text,
        "basis": pace.basis,
        "bureaus": list(e.bureaus),
        "narrative_required": e.narrative_required,
        "narrative": {"cause": e.narrative.cause, "measure": e.narrative.measure}
        if e.narrative
        else None,
    }


@require_safe
def api_plan_warnings(request: HttpRequest, code: str) -> JsonResponse:
    plan, as_of = _plan_as_of(request, code)
    evaluations = plan_evaluation(plan, as_of)
    return JsonResponse(
        {
            "plan": plan.code,
            "name": plan.name,
            "as_of": as_of,
            "data_cutoff": data_cutoff(as_of),
            "warnings": [warning_as_dict(e) for e in warnings(evaluations)],
        },
        encoder=SafeJSONEncoder,
        json_dumps_params=JSON_OPTIONS,
    )


@require_safe
def plan_summary(request: HttpRequest, code: str) -> HttpResponse:
    """One page for leaders: the counts by class and the targets behind, binding first."""
    plan, as_of = _plan_as_of(request, code)
    evaluations = plan_evaluation(plan, as_of)
    counts = class_counts(evaluations)
    at_risk = warnings(evaluations)
    return render(
        request,
        "indicators/summary.html",
        {
            **_context(plan, as_of),
            "counts": counts,
            "sentence": counts_sentence(counts),
            "warnings": [(e, table_row(e)) for e in at_risk],
        },
    )


@require_safe
def report_completion(request: HttpRequest, code: str, extension: str) -> HttpResponse:
    """完成情况表 in the layout of Table 1: .xlsx or .docx."""
    plan, as_of = _plan_as_of(request, code)
    build = completion_xlsx if extension == "xlsx" else completion_docx
    content = page_cache.document(
        plan, as_of, f"completion.{extension}", lambda: build(completion_table(plan, as_of))
    )
    content_type = XLSX if extension == "xlsx" else DOCX
    return _download(
        content,
        content_type,
        f"{plan.code}-completion-{as_of}.{extension}",
        f"{plan.name}主要指标完成情况表(截至{as_of}年).{extension}",
    )


@require_safe
def report_evaluation(request: HttpRequest, code: str, extension: str) -> HttpResponse:
    """评估报告: .docx or .pdf."""
    plan, as_of = _plan_as_of(request, code)
    # Charts and layout take seconds: built once per plan generation, year and day.
    build = evaluation_pdf if extension == "pdf" else evaluation_docx
    content = page_cache.document(
        plan, as_of, f"evaluation.{extension}", lambda: build(evaluation_report(plan, as_of))
    )
    content_type = "application/pdf" if extension == "pdf" else DOCX
    return _download(
        content,
        content_type,
        f"{plan.code}-evaluation-{as_of}.{extension}",
        f"{plan.name}实施情况评估报告(截至{as_of}年).{extension}",
    )
