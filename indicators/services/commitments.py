"""The quantitative commitments of the plan's text (fixtures/commitments.toml).

Each commitment is quoted exactly and tracked through an indicator of its plan
(source 规划正文) so that bureaus report it, planners review it and progress judges it
like any indicator. The plan names no bureaus for them: a planning admin assigns them.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.db.models import Max

from ..models import Category, Commitment, Indicator, IndicatorNote, Plan, Region
from ..notation import NotationError, parse
from ..vocabulary import CommitmentKind, Direction, Kind, NoteKind, Source
from .bureaus import links_add
from .changes import RuleError, plan_changed, plans_changed, recorded, require_planner
from .plans import FIXTURES_DIR, read_toml

COMMITMENTS_FILE = FIXTURES_DIR / "commitments.toml"
LOAD_REASON = "载入规划正文目标"
FIRST_NUMBER = 101  # table indicators keep 1..n; the text's commitments follow


def tracked_kind(kind: CommitmentKind, target_unit: str) -> Kind:
    """How a commitment is tracked: a count of works is a five-year total of works
    completed (reported year by year), a coverage is judged by a planner, a level in %
    is a share, an elimination a level down to zero."""
    if kind == CommitmentKind.COUNT:
        return Kind.CUMULATIVE
    if kind == CommitmentKind.COVERAGE:
        return Kind.QUALITATIVE
    if kind == CommitmentKind.LEVEL and target_unit == "%":
        return Kind.SHARE
    return Kind.LEVEL


@transaction.atomic
def commitments_load(
    *, path: Path = COMMITMENTS_FILE, user=None, region: Region | str | None = None
) -> int:
    """Load the commitments of each plan that has none yet; returns how many were made.
    Running it again changes nothing. With a `region` (a Region or its 行政区划代码) only
    that region's plans are loaded, and a file naming another region's plan is refused.
    Raises RuleError naming the commitment."""
    from .regions import region_for_code

    rows = read_toml(path)["commitment"]
    chosen = region_for_code(region) if region is not None else None
    made = 0
    for code in dict.fromkeys(row["plan"] for row in rows):
        plan = Plan.objects.filter(code=code).first()
        if plan is None or plan.indicators.commitments().exists():
            continue
        if chosen is not None and plan.region_id != chosen.pk:
            raise RuleError(f"{path.name}:规划“{code}”不属于{chosen.name}。")
        number = max(FIRST_NUMBER, (plan.indicators.aggregate(n=Max("number"))["n"] or 0) + 1)
        for row in (row for row in rows if row["plan"] == code):
            try:
                _commitment_create(plan, number, row, user)
            except (RuleError, NotationError, KeyError, ValueError) as error:
                raise RuleError(f"{path.name} {row.get('id', '?')}:{error}") from error
            number += 1
            made += 1
        plan_changed(plan)
    return made


def _commitment_create(plan: Plan, number: int, row: dict, user) -> Commitment:
    parse(row["target"])  # the target must be a figure
    kind = CommitmentKind(row["kind"])
    chapter = row["chapter"]
    category = plan.categories.filter(name=chapter[:50]).first() or recorded(
        Category(plan=plan, name=chapter[:50], position=100 + plan.categories.count()),
        user=user,
        reason=LOAD_REASON,
    )
    related = None
    if row.get("indicator"):
        related = plan.indicators.main().get(number=row["indicator"])
    indicator = recorded(
        Indicator(
            plan=plan,
            category=category,
            number=number,
            name=row["subject"],
            unit=row["unit"],
            source=Source.TEXT,
            kind=tracked_kind(kind, row["unit"]),
            direction=Direction(row["direction"]),
            baseline_year=plan.base_year,
            baseline="",
            target_year=row.get("target_year", plan.end_year),
            target=row["target"],
            target_growth="",
        ),
        user=user,
        reason=LOAD_REASON,
    )
    for position, text in enumerate(filter(None, [row.get("note"), row.get("indicator_note")])):
        recorded(
            IndicatorNote(indicator=indicator, position=position, kind=NoteKind.READING, text=text),
            user=user,
            reason=LOAD_REASON,
        )
    return recorded(
        Commitment(
            indicator=indicator,
            code=row["id"],
            quote=row["quote"],
            chapter=chapter,
            section=row["section"],
            subsection=row.get("subsection", ""),
            target_text=row["target_text"],
            kind=kind,
            soft=row.get("soft", False),
            works=row.get("works", []),
            related=related,
            note=row.get("note", ""),
        ),
        user=user,
        reason=LOAD_REASON,
    )


@transaction.atomic
def commitment_bureaus_add(*, indicator: Indicator, bureaus: list, user) -> Indicator:
    """Assign bureaus to a commitment of the plan's text (the plan names none): the
    first becomes the lead where there is none yet; bureaus already assigned are kept."""
    require_planner(user, "分配正文目标的责任单位")
    if indicator.source != Source.TEXT:
        raise RuleError("只有规划正文目标由规划管理员分配责任单位;主要指标的责任单位按规划原文。")
    if not bureaus:
        raise RuleError({"bureaus": "请至少选择一个单位。"})
    links_add(
        indicator=indicator,
        bureaus=[(bureau, bureau.name) for bureau in bureaus],
        user=user,
        reason="分配正文目标的责任单位",
    )
    plans_changed([indicator.plan])
    return indicator
