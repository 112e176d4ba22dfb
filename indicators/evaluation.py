"""The plan as the planning office evaluates it, as of a year: reads only.

ORM in, plain data out. `plan_evaluation(plan, as_of)` gives every indicator with its
printed target, its 序时进度 and mid-term class (pace.py), the final verdict at the
end year (progress.py) and the bureau's approved causes and measures; the warnings
page and API, the documents and the one-page summary all read it, so they agree.

The rule for causes and measures (docs/evaluation.md):
- they are *required* for a binding (约束性) indicator that is 滞后于预期 as of a
  year; the narrative of that year is the one that counts;
- an indicator whose narrative is required and has no approved one is listed as
  missing (缺原因措施) on the warnings page, the API and the report;
- submitting a value, or approving one, never waits for it: the figures come first.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .charts import ChartInput
from .models import Indicator, Narrative, Plan
from .pace import Pace
from .selectors import chart_input, indicator_pace, progress_as_of
from .vocabulary import MID_TERM_ORDER, EntryState, MidTermClass, Nature, Source, Verdict


@dataclass(frozen=True)
class ApprovedNarrative:
    """A bureau's approved 原因 and 措施 for one year."""

    year: int
    cause: str
    measure: str
    entered_by: str
    reviewed_by: str


@dataclass(frozen=True)
class CommitmentQuote:
    """Where a commitment of the plan's text stands in it, and its words."""

    code: str
    quote: str
    chapter: str
    section: str
    target_text: str


@dataclass(frozen=True)
class IndicatorEvaluation:
    """One indicator of a plan as of a year, in plain data."""

    pk: int
    number: int
    name: str
    category: str
    unit: str
    nature: Nature
    bureaus: tuple[str, ...]
    baseline_text: str
    target_text: str
    growth_text: str
    pace: Pace
    verdict: Verdict | None  # the final verdict, only at or after the target year
    narrative: ApprovedNarrative | None
    chart: ChartInput = field(repr=False)
    # A commitment of the plan's text: its code, its quote, and where it stands.
    commitment: CommitmentQuote | None = None

    @property
    def binding(self) -> bool:
        return self.nature == Nature.BINDING

    @property
    def behind(self) -> bool:
        return self.pace.label == MidTermClass.BEHIND

    @property
    def at_risk(self) -> bool:
        """Behind the pace, or judged 难以完成 at the end: a warning (预警)."""
        return self.behind or self.verdict == Verdict.UNLIKELY

    @property
    def narrative_required(self) -> bool:
        return self.binding and self.behind

    @property
    def narrative_missing(self) -> bool:
        return self.narrative_required and self.narrative is None

    @property
    def label(self) -> str:
        """The class officials read: 目标已实现 at the end, else the mid-term word."""
        if self.verdict is not None and self.pace.label == MidTermClass.ACHIEVED:
            return "目标已实现"
        return self.pace.label.label

    @property
    def gap_text(self) -> str:
        """ "低于序时进度1.8个百分点", or "" where there is no gap."""
        gap = self.pace.gap
        if gap is None:
            return ""
        size = f"{_num(abs(gap))}{self.pace.gap_unit}"
        if abs(gap) < 0.005:
            return "与序时进度持平"
        return f"{'高于' if gap > 0 else '低于'}序时进度{size}"


def _num(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def evaluated_indicators(plan: Plan, as_of: int, *, commitments: bool = False):
    """The plan's main indicators (or, with `commitments`, the commitments of its
    text) with what an evaluation reads, in a fixed number of queries: for_dashboard()
    and the approved narratives of `as_of`."""
    indicators = plan.indicators.commitments() if commitments else plan.indicators.main()
    return (
        indicators.for_dashboard()
        .select_related("commitment")
        .prefetch_related(
            Prefetch(
                "narratives",
                queryset=Narrative.objects.filter(
                    year=as_of, state=EntryState.APPROVED
                ).select_related("entered_by", "reviewed_by"),
                to_attr="approved_narratives",
            )
        )
        .order_by("category__position", "number")
    )


def evaluate(indicator: Indicator, as_of: int) -> IndicatorEvaluation:
    """One indicator (from evaluated_indicators) as of `as_of`."""
    final = as_of >= indicator.target_year
    verdict = progress_as_of(indicator, as_of).verdict if final else None
    narratives = getattr(indicator, "approved_narratives", [])
    narrative = narratives[0] if narratives else None
    return IndicatorEvaluation(
        pk=indicator.pk,
        number=indicator.number,
        name=indicator.name,
        category=indicator.category.name,
        unit=indicator.unit,
        nature=Nature(indicator.nature),
        bureaus=tuple(indicator.bureau_names),
        baseline_text=indicator.baseline.text,
        target_text=indicator.target.text,
        growth_text=indicator.target_growth.text,
        pace=indicator_pace(indicator, as_of),
        verdict=verdict,
        narrative=ApprovedNarrative(
            year=narrative.year,
            cause=narrative.cause,
            measure=narrative.measure,
            entered_by=_name(narrative.entered_by),
            reviewed_by=_name(narrative.reviewed_by),
        )
        if narrative
        else None,
        chart=chart_input(indicator),
        commitment=_quote(indicator),
    )


def _quote(indicator: Indicator) -> CommitmentQuote | None:
    if indicator.source != Source.TEXT:
        return None
    commitment = indicator.commitment
    return CommitmentQuote(
        code=commitment.code,
        quote=commitment.quote,
        chapter=commitment.chapter,
        section=commitment.section,
        target_text=commitment.target_text,
    )


def plan_evaluation(
    plan: Plan, as_of: int, *, commitments: bool = False
) -> list[IndicatorEvaluation]:
    """Every main indicator of the plan (or every commitment of its text) as of
    `as_of`, in the plan's order."""
    return [
        evaluate(indicator, as_of)
        for indicator in evaluated_indicators(plan, as_of, commitments=commitments)
    ]


def warnings(evaluations: list[IndicatorEvaluation]) -> list[IndicatorEvaluation]:
    """The indicators at risk: binding first, then the furthest behind, then by number."""
    at_risk = [e for e in evaluations if e.at_risk]
    return sorted(
        at_risk,
        key=lambda e: (not e.binding, e.pace.gap if e.pace.gap is not None else 0, e.number),
    )


def class_counts(evaluations: list[IndicatorEvaluation]) -> list[tuple[MidTermClass, int]]:
    """How many indicators in each mid-term class, in the report's order (best first);
    classes with none are left out."""
    counts = Counter(e.pace.label for e in evaluations)
    return [(label, counts[label]) for label in MID_TERM_ORDER if counts[label]]


def counts_sentence(counts: list[tuple[MidTermClass, int]]) -> str:
    """ "25项指标中,4项提前实现,5项快于预期……" """
    total = sum(count for _, count in counts)
    parts = ",".join(f"{count}项{label.label}" for label, count in counts)
    return f"{total}项指标中,{parts}。" if total else "没有指标。"


def narrative_required(indicator: Indicator, year: int) -> bool:
    """Causes and measures are required for this indicator's `year`: it is binding and
    滞后于预期 as of that year (with the approved values). Reads the indicator afresh."""
    if indicator.nature != Nature.BINDING:
        return False
    fresh = Indicator.objects.for_dashboard().get(pk=indicator.pk)
    return indicator_pace(fresh, year).label == MidTermClass.BEHIND


def data_cutoff(as_of: int) -> str:
    """数据截至: the evaluation uses the approved values up to the end of `as_of`."""
    return f"{as_of}年底(已审核数值)"


def printed_on(today: datetime.date | None = None) -> str:
    today = today or datetime.date.today()
    return f"{today.year}年{today.month}月{today.day}日"


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""
