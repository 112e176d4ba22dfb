"""A stored plan as a plan file (planfile.PlanFile): the read side of export.

Only what is published goes out: the figures in force (a target revision's history
stays in the system), approved values with their 来源, table footnotes, our notes,
and recorded assessments.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse

from .downloads import XLSX, attachment
from .models import Assessment, Footnote, Indicator, IndicatorBureau, Plan, YearlyValue
from .planfile import (
    AssessmentRow,
    FootnoteRow,
    IndicatorRow,
    NoteRow,
    PlanFile,
    PlanHeader,
    ValueRow,
    write_plan_file,
)
from .vocabulary import Direction, Kind, Nature, NoteKind, Status


def plan_file_for(plan: Plan) -> PlanFile:
    """Plain data of everything a plan file holds for `plan` (a fixed number of queries)."""
    indicators = list(
        plan.indicators.main()
        .select_related("category", "reference", "predecessor")
        .prefetch_related(
            Prefetch(
                "indicator_bureaus",
                queryset=IndicatorBureau.objects.order_by("position"),
            ),
            Prefetch("values", queryset=YearlyValue.objects.approved().order_by("year")),
            "notes",
            Prefetch("assessments", queryset=Assessment.objects.order_by("created_at", "pk")),
        )
        .order_by("category__position", "number")
    )
    indicators.sort(key=lambda indicator: indicator.number)
    footnotes = Footnote.objects.filter(plan=plan).prefetch_related("indicators").order_by("number")
    return PlanFile(
        plan=PlanHeader(
            code=plan.code,
            name=plan.name,
            title=plan.title,
            start_year=plan.start_year,
            end_year=plan.end_year,
            base_year=plan.base_year,
            source=plan.source,
            previous=plan.previous.code if plan.previous_id else "",
            table_title=plan.table_title,
            note=plan.note,
        ),
        indicators=[_indicator_row(plan, indicator) for indicator in indicators],
        values=[
            ValueRow(
                number=indicator.number,
                year=value.year,
                value=value.value.text,
                growth=value.growth.text,
                companion=value.companion.text,
                source=value.source,
            )
            for indicator in indicators
            for value in indicator.values.all()
        ],
        footnotes=[
            FootnoteRow(
                number=note.number,
                text=note.text,
                indicators=sorted(indicator.number for indicator in note.indicators.all()),
                break_year=note.break_year,
            )
            for note in footnotes
        ],
        notes=[
            NoteRow(number=indicator.number, kind=NoteKind(note.kind), text=note.text)
            for indicator in indicators
            for note in sorted(indicator.notes.all(), key=lambda note: (note.position, note.pk))
        ],
        assessments=[
            AssessmentRow(
                number=indicator.number,
                year=assessment.year,
                status=Status(assessment.status),
                assessed_on=assessment.assessed_on,
                reason=assessment.reason,
            )
            for indicator in indicators
            for assessment in indicator.assessments.all()
        ],
    )


def _indicator_row(plan: Plan, indicator: Indicator) -> IndicatorRow:
    return IndicatorRow(
        number=indicator.number,
        category=indicator.category.name,
        name=indicator.name,
        unit=indicator.unit,
        kind=Kind(indicator.kind),
        direction=Direction(indicator.direction),
        baseline=indicator.baseline.text,
        target=indicator.target.text,
        target_growth=indicator.target_growth.text,
        nature=Nature(indicator.nature),
        bureaus=[link.printed_name for link in indicator.indicator_bureaus.all()],
        reference=indicator.reference.number if indicator.reference_id else None,
        continues=indicator.predecessor.number if indicator.predecessor_id else None,
        companion_label=indicator.companion_label,
        official_assessment=indicator.official_assessment,
        baseline_year=None
        if indicator.baseline_year == plan.base_year
        else indicator.baseline_year,
        target_year=None if indicator.target_year == plan.end_year else indicator.target_year,
    )


def plan_file_bytes(plan: Plan) -> bytes:
    return write_plan_file(plan_file_for(plan))


def plan_file_response(plan: Plan) -> HttpResponse:
    """The plan file of `plan`, as a download named after the plan."""
    return attachment(
        plan_file_bytes(plan),
        XLSX,
        name=f"{plan.name}-规划文件.xlsx",
        fallback=f"plan-{plan.code}.xlsx",
    )
