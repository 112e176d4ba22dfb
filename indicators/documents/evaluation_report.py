"""评估报告: what the Word and PDF versions say, built once from evaluation.py.

Summary counts by class, the table, a paragraph per indicator generated from its
figures (Pace.basis: "2023年为…,按序时应达到…,低于序时进度…个百分点"), followed by
the bureau's approved 原因 and 措施, the warnings, and a chart per indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..evaluation import (
    IndicatorEvaluation,
    class_counts,
    counts_sentence,
    data_cutoff,
    plan_evaluation,
    printed_on,
    warnings,
)
from ..models import Plan
from ..vocabulary import MidTermClass
from .chart_images import chart_png

TABLE_HEADER = (
    "序号",
    "指标",
    "属性",
    "目标",
    "最新实际",
    "按序时应达到",
    "与序时进度差距",
    "评估",
    "责任单位",
)


@dataclass(frozen=True)
class EvaluationReport:
    title: str
    plan_title: str
    as_of: int
    data_cutoff: str
    printed_on: str
    counts: list[tuple[MidTermClass, int]]
    summary: str
    evaluations: list[IndicatorEvaluation]
    warnings: list[IndicatorEvaluation]
    commitments: list[IndicatorEvaluation]

    def table_rows(self) -> list[tuple[str, ...]]:
        return [table_row(e) for e in self.evaluations]


def report_title(plan: Plan, as_of: int) -> str:
    if as_of >= plan.end_year:
        stage = "总结评估"
    elif as_of - plan.base_year == 3 or as_of - plan.start_year == 2:
        stage = "中期评估"
    else:
        stage = "年度评估"
    return f"{plan.name}主要指标实施情况{stage}报告(截至{as_of}年)"


def evaluation_report(plan: Plan, as_of: int) -> EvaluationReport:
    evaluations = plan_evaluation(plan, as_of)
    counts = class_counts(evaluations)
    return EvaluationReport(
        title=report_title(plan, as_of),
        plan_title=plan.title,
        as_of=as_of,
        data_cutoff=data_cutoff(as_of),
        printed_on=printed_on(),
        counts=counts,
        summary=f"截至{as_of}年,{plan.name}{counts_sentence(counts)}",
        evaluations=evaluations,
        warnings=warnings(evaluations),
        commitments=plan_evaluation(plan, as_of, commitments=True),
    )


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def target_text(e: IndicatorEvaluation) -> str:
    parts = [t for t in (e.target_text, e.growth_text) if t and t not in ("-", "--")]
    return ";".join(dict.fromkeys(parts))


def table_row(e: IndicatorEvaluation) -> tuple[str, ...]:
    pace = e.pace
    unit = "%" if e.unit == "%" else e.unit
    actual = _figure(pace.actual, unit)
    if actual and pace.year:
        actual = f"{actual}({pace.year}年)"
    gap = ""
    if pace.gap is not None:
        gap = f"{'+' if pace.gap > 0 else ''}{_figure(pace.gap, pace.gap_unit)}"
    return (
        str(e.number),
        e.name,
        e.nature.label if e.nature else "",
        target_text(e),
        actual,
        _figure(pace.expected, unit),
        gap,
        e.label + (f"({e.verdict.label})" if e.verdict else ""),
        "、".join(e.bureaus),
    )


def paragraph(e: IndicatorEvaluation) -> str:
    """The sentence a report writes about one indicator, from its figures."""
    target = target_text(e)
    verdict = f"期末判断为{e.verdict.label}。" if e.verdict else ""
    return f"{e.name}(目标{target or '无数值'}):{e.pace.basis}评估为“{e.label}”。{verdict}"


def charts(report: EvaluationReport) -> dict[int, bytes]:
    """A PNG per indicator that has something to draw (not a qualitative one)."""
    return {
        e.number: chart_png(e.chart, report.as_of)
        for e in report.evaluations
        if e.pace.label not in (MidTermClass.QUALITATIVE,)
    }


def commitment_line(e: IndicatorEvaluation) -> str:
    """A commitment of the plan's text in the report: its words, where it stands."""
    bureaus = "、".join(e.bureaus) or "未分配责任单位"
    return f"{e.commitment.code} “{e.commitment.quote}”:{e.label}。{e.pace.basis}({bureaus})"
