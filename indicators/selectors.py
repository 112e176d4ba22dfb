"""Reads shaped once: ORM objects in, plain data out.

The pure modules (progress.py, charts.py, validation.py) take plain dataclasses;
the pages take lists and dicts. Every conversion between the two lives here, so
that views, forms, services and the API read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from .charts import ChartInput, YearPoint
from .models import Indicator, IndicatorBureau, Plan, YearlyValue
from .notation import Figure, parse
from .pace import Pace, pace
from .progress import Bound, Observation, PathInput, Progress, ProgressInput, assess, target_path
from .validation import EntryRules
from .vocabulary import OPEN_STATES, STATUS_ORDER, Comparator, EntryState, Kind, Qualitative

# 未填: a year of an indicator with no version at all (not an EntryState).
MISSING = "missing"
ENTRY_STATE_LABELS = {MISSING: "未填"} | {
    state.value: state.label for state in EntryState if state is not EntryState.SUPERSEDED
}


# ------------------------------------------------------------------ progress


def bound(figure: Figure) -> Bound | None:
    """A figure's number and comparator, for progress; None when it has no number."""
    if figure.value is None:
        return None
    return Bound(
        value=float(figure.value),
        comparator=figure.comparator or Comparator.EXACT,
        upper=float(figure.upper) if figure.upper is not None else None,
    )


@dataclass(frozen=True)
class TargetInForce:
    """What an indicator's target was in a given year: as printed, or as revised by the
    target revisions that had taken effect by then (目标调整)."""

    baseline: Figure
    target: Figure
    target_growth: Figure
    baseline_year: int
    target_year: int
    kind: Kind
    direction: str


def target_in_force(indicator: Indicator, as_of: int | None = None) -> TargetInForce:
    """The target an evaluation as of `as_of` judges by: a revision that took effect
    after that year did not yet apply, so the figures it replaced are used (from the
    prefetched revisions, oldest first). None: the target in force today."""
    current = TargetInForce(
        baseline=indicator.baseline,
        target=indicator.target,
        target_growth=indicator.target_growth,
        baseline_year=indicator.baseline_year,
        target_year=indicator.target_year,
        kind=Kind(indicator.kind),
        direction=indicator.direction,
    )
    if as_of is None:
        return current
    later = [r for r in indicator.revisions if r.effective_date.year > as_of]
    if not later:
        return current
    first = later[0]
    return TargetInForce(
        baseline=first.old_baseline,
        target=first.old_target,
        target_growth=first.old_target_growth,
        baseline_year=first.old_baseline_year or current.baseline_year,
        target_year=first.old_target_year or current.target_year,
        kind=Kind(first.old_kind) if first.old_kind else current.kind,
        direction=first.old_direction or current.direction,
    )


def cumulative_target(figures: TargetInForce) -> float | None:
    """The five-year total of a cumulative target: printed in brackets ([0.39], 【5】) in
    the growth column, or, for a cumulative indicator with no such figure, its target
    (a commitment to build 30 works by the end of the plan)."""
    growth = figures.target_growth
    if growth.cumulative:
        return growth.number
    if figures.kind == Kind.CUMULATIVE and growth.is_blank:
        return figures.target.number
    return None


def path_input(indicator: Indicator) -> PathInput:
    """What progress.target_path needs: the target in force."""
    growth = indicator.target_growth
    return PathInput(
        kind=Kind(indicator.kind),
        baseline_year=indicator.baseline_year,
        target_year=indicator.target_year,
        baseline=indicator.baseline.number,
        target=indicator.target.number,
        growth=None if growth.cumulative else growth.number,
        cumulative=cumulative_target(target_in_force(indicator)),
    )


def city_assigned(indicator: Indicator, figures: TargetInForce) -> tuple[Kind, str, Figure, Figure]:
    """(kind, direction, target, growth target) to judge the indicator by: as printed,
    or, where the plan printed 完成市下达目标 and the city has assigned a number (regions:
    services.city_target_assign), with that number in place of the phrase. A district's
    qualitative indicator is then judged the way the city's indicator is."""
    kind, direction = figures.kind, figures.direction
    target, growth = figures.target, figures.target_growth
    assigned = indicator.assigned_target
    printed_phrase = Qualitative.CITY_TARGET in {target.qualitative, growth.qualitative}
    if assigned.number is None or not printed_phrase:
        return kind, direction, target, growth
    city = indicator.contributes_to
    if kind == Kind.QUALITATIVE and city is not None:
        kind, direction = Kind(city.kind), city.direction
    blank = parse("")
    if kind == Kind.RATE or assigned.cumulative:
        return kind, direction, blank, assigned
    keep = growth if growth.qualitative != Qualitative.CITY_TARGET else blank
    return kind, direction, assigned, keep


def progress_input(indicator: Indicator, as_of: int | None = None) -> ProgressInput:
    """Plain data for progress.assess(), from the values prefetched by for_dashboard():
    judged by the target in force at the end of `as_of` (today's when None)."""
    figures = target_in_force(indicator, as_of)
    kind, direction, target, growth = city_assigned(indicator, figures)
    qualitative = target.qualitative or (
        growth.qualitative if target.is_dash or target.is_blank else None
    )
    return ProgressInput(
        kind=kind,
        unit=indicator.unit,
        direction=direction,
        baseline_year=figures.baseline_year,
        target_year=figures.target_year,
        baseline=figures.baseline.number,
        target=bound(target) if kind != Kind.RATE else None,
        growth=bound(growth) if not growth.cumulative else None,
        cumulative=growth.number if growth.cumulative else cumulative_target(figures),
        qualitative=qualitative,
        observations=tuple(
            Observation(year=v.year, value=v.value.number, growth=v.growth.number)
            for v in indicator.yearly_values
            if not (v.value.is_blank and v.growth.is_blank)
        ),
        reference_growth=tuple(
            Observation(year=v.year, growth=v.growth.number)
            for v in (indicator.reference.yearly_values if indicator.reference else [])
        ),
        break_years=tuple(year for year, _ in indicator.break_years()),
    )


def indicator_pace(indicator: Indicator, as_of: int) -> Pace:
    """序时进度 and the mid-term class at the end of `as_of`, from the approved values
    prefetched by for_dashboard() (later values are ignored)."""
    return pace(progress_input(indicator, as_of), as_of)


def progress_as_of(indicator: Indicator, as_of: int | None) -> Progress:
    """Progress with the approved values up to `as_of` (all of them when None)."""
    if as_of is None:
        return indicator.progress
    return assess(progress_input(indicator, as_of), as_of=as_of)


def evaluation_years(plan: Plan) -> list[int]:
    """The years a plan can be evaluated as of: its base year to its end year."""
    return list(range(plan.base_year, plan.end_year + 1))


def default_as_of(plan: Plan) -> int:
    """The latest year with an approved value in the plan, else its base year."""
    latest = (
        YearlyValue.objects.approved()
        .filter(indicator__plan=plan, year__lte=plan.end_year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest or plan.base_year


def original_path(indicator: Indicator) -> tuple[tuple[int, float], ...]:
    """The target path as first published, when the target has since been revised."""
    revisions = indicator.revisions
    if not revisions:
        return ()
    first = revisions[0]
    growth = first.old_target_growth
    original = PathInput(
        **{
            **path_input(indicator).__dict__,
            "baseline": first.old_baseline.number,
            "target": first.old_target.number,
            "growth": None if growth.cumulative else growth.number,
            "cumulative": growth.number if growth.cumulative else None,
        }
    )
    return tuple(target_path(original))


def chart_input(indicator: Indicator) -> ChartInput:
    """Plain data for charts.py, from the prefetched values, footnotes and revisions."""
    progress = indicator.progress
    return ChartInput(
        title=f"{indicator.number}. {indicator.name}",
        unit=indicator.unit,
        kind=Kind(indicator.kind),
        baseline_year=indicator.baseline_year,
        target_year=indicator.target_year,
        baseline=indicator.baseline.number,
        baseline_text=indicator.baseline.text,
        target=indicator.target.number,
        target_text=indicator.target.text,
        growth_target=None
        if indicator.target_growth.cumulative
        else indicator.target_growth.number,
        growth_target_text=indicator.target_growth.text,
        path=tuple(target_path(path_input(indicator))),
        points=tuple(
            YearPoint(
                year=value.year,
                value=value.value.number,
                value_text=value.value.text,
                growth=value.growth.number,
                growth_text=value.growth.text,
            )
            for value in indicator.yearly_values
        ),
        breaks=tuple(
            (year, f"备注{note.number}:口径调整") for year, note in indicator.break_years()
        ),
        latest_year=progress.latest_year,
        latest=progress.latest,
        expected=progress.expected,
        projection=progress.projection,
        original_path=original_path(indicator),
    )


def status_summary(plan: Plan) -> dict:
    """Counts by status, per category and for the whole plan, in one query.

    Shape: {"statuses": [(Status, label)], "categories": [(name, [count per status],
    total)], "total": ([count per status], total)}, statuses in STATUS_ORDER."""
    statuses = [status.value for status in STATUS_ORDER]
    rows = (
        plan.indicators.main()
        .values("category__position", "category__name", "status")
        .annotate(count=Count("id"))
        .order_by("category__position")
    )
    categories: dict[str, dict[str, int]] = {}
    total = dict.fromkeys(statuses, 0)
    for row in rows:
        counts = categories.setdefault(row["category__name"], dict.fromkeys(statuses, 0))
        counts[row["status"]] += row["count"]
        total[row["status"]] += row["count"]
    return {
        "statuses": [(status, status.label) for status in STATUS_ORDER],
        "categories": [
            (name, [counts[status] for status in statuses], sum(counts.values()))
            for name, counts in categories.items()
        ],
        "total": ([total[status] for status in statuses], sum(total.values())),
    }


def _rounded(number: float | None) -> float | None:
    return None if number is None else round(number, 4)


def pace_summary(indicator: Indicator, as_of: int) -> dict:
    """序时进度 at the end of `as_of` as pages, exports and the API show it (docs/api.md,
    "pace"): the class as a stable code and its Chinese label, expected and actual in
    `unit` (% for a rate or a growth judged against GDP's), the gap in `gap_unit`."""
    spec = progress_input(indicator, as_of)
    result = pace(spec, as_of)
    in_growth = spec.kind == Kind.RATE or spec.qualitative in (
        Qualitative.IN_STEP_WITH_GDP,
        Qualitative.ABOVE_GDP,
    )
    return {
        "as_of": as_of,
        "year": result.year,
        "expected": _rounded(result.expected),
        "actual": _rounded(result.actual),
        "unit": "%" if in_growth else spec.unit,
        "gap": _rounded(result.gap),
        "gap_unit": result.gap_unit,
        "label": result.label.label,
        "class": result.label.value,
        "basis": result.basis,
    }


def _number_text(number: float | None, *, signed: bool = False) -> str:
    """At most two decimals, no trailing zeros: 957.7, 884.03, +8.33."""
    if number is None:
        return ""
    text = f"{number:{'+' if signed else ''}.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "+0", "") else text


def pace_for_page(indicator: Indicator, as_of: int) -> dict:
    """pace_summary with its numbers as pages print them (`expected_text`, ...)."""
    summary = pace_summary(indicator, as_of)
    return summary | {
        "expected_text": _number_text(summary["expected"]),
        "actual_text": _number_text(summary["actual"]),
        "gap_text": _number_text(summary["gap"], signed=True),
    }


# --------------------------------------------------------------------- entry


def approved_value(indicator: Indicator, year: int) -> YearlyValue | None:
    """The version of a year in force (approved), or None."""
    return YearlyValue.objects.filter(
        indicator=indicator, year=year, state=EntryState.APPROVED
    ).first()


def current_entry(indicator: Indicator, year: int) -> YearlyValue | None:
    """The version a form edits: the open one if any, else the approved one."""
    versions = YearlyValue.objects.filter(indicator=indicator, year=year)
    return (
        versions.filter(state__in=OPEN_STATES).first()
        or versions.filter(state=EntryState.APPROVED).first()
    )


def entry_rules(indicator: Indicator, year: int) -> EntryRules:
    """What validation.check_entry needs: the indicator, its plan's years, and the
    approved value of the nearest earlier year (for the plausibility warnings)."""
    previous = (
        YearlyValue.objects.filter(indicator=indicator, year__lt=year, state=EntryState.APPROVED)
        .order_by("-year")
        .first()
    )
    return EntryRules(
        plan_name=indicator.plan.name,
        start_year=indicator.plan.start_year,
        end_year=indicator.plan.end_year,
        kind=Kind(indicator.kind),
        unit=indicator.unit,
        qualitative_allowed=indicator.target.qualitative is not None
        or indicator.target_growth.qualitative is not None,
        previous_year=previous.year if previous else None,
        previous_value=previous.value.number if previous else None,
        previous_growth=previous.growth.number if previous else None,
    )


def with_year_versions(indicators: QuerySet[Indicator], year: int) -> QuerySet[Indicator]:
    """Indicators with every version of `year` (as `year_versions`) and their bureaus."""
    return indicators.select_related("plan", "commitment").prefetch_related(
        Prefetch(
            "values",
            queryset=YearlyValue.objects.filter(year=year).select_related("entered_by"),
            to_attr="year_versions",
        ),
        Prefetch("indicator_bureaus", queryset=IndicatorBureau.objects.select_related("bureau")),
    )


def entry_state(versions: list[YearlyValue]) -> tuple[str, YearlyValue | None]:
    """未填 / 草稿 / 已提交 / 已退回 / 已通过 of one indicator's year, and its version:
    the open version if there is one, else the approved one."""
    open_version = next((v for v in versions if v.state in OPEN_STATES), None)
    if open_version:
        return open_version.state, open_version
    approved = next((v for v in versions if v.state == EntryState.APPROVED), None)
    return (EntryState.APPROVED.value, approved) if approved else (MISSING, None)


def with_pace_references(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """What 序时进度 reads beyond the indicator's own values: the approved values of the
    indicator an in-step target refers to, the definition changes (footnotes: breaks)
    and the target revisions (the target in force as of a year). Fixed query count."""
    from .models import Footnote, TargetRevision

    approved = YearlyValue.objects.approved().order_by("year")
    revisions = TargetRevision.objects.order_by("effective_date", "created_at", "pk")
    return indicators.select_related("reference").prefetch_related(
        Prefetch("reference__values", queryset=approved),
        Prefetch("footnotes", queryset=Footnote.objects.order_by("number")),
        Prefetch("target_revisions", queryset=revisions),
    )


def with_pace_inputs(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """Just what indicator_pace and last year's value need: the approved values and
    with_pace_references. Five queries whatever the number of indicators."""
    approved = YearlyValue.objects.approved().order_by("year")
    return with_pace_references(
        indicators.select_related("plan").prefetch_related(Prefetch("values", queryset=approved))
    )


def value_year_label(value: YearlyValue) -> str:
    """'2025年(预计)': a value's year and the stage it is at; every page and document
    says which stage a figure is (a printed figure of the plan has none)."""
    from .collection import year_label

    return year_label(value.year, value.stage, value.printed)


def plan_years(plans) -> list[int]:
    """Every year of the given plans, latest first."""
    return sorted({year for plan in plans for year in plan.years}, reverse=True)


# ------------------------------------------------------------------- history

# Bookkeeping fields a reader of the history does not need.
_HIDDEN_FIELDS = {"revision", "submitted_at", "reviewed_at", "updated_at", "round", "attachment"}


def indicator_history(indicator: Indicator, viewer) -> list[dict]:
    """Every change to the indicator, its values, bureaus, notes, revisions and
    assessments, newest first: {"when", "who" (a name), "kind", "what", "fields":
    [(label, old, new)], "why"}. Values are shown in Chinese (草稿 → 已提交, a user's
    name, a figure's text), never as codes or ids. Versions still open (a draft, a
    returned value) are shown only to the indicator's bureaus and planning admins."""
    from django.contrib.auth import get_user_model

    from .models import (  # noqa: F401
        Assessment,
        IndicatorBureau,
        IndicatorNote,
        Narrative,
        TargetRevision,
    )
    from .permissions import can_enter, can_see_pending

    sees_drafts = can_enter(viewer, indicator)
    sees_submitted = sees_drafts or can_see_pending(viewer, indicator.plan)
    hidden = set() if sees_drafts else {EntryState.DRAFT, EntryState.RETURNED}
    if not sees_submitted:
        hidden.add(EntryState.SUBMITTED)
    histories = [
        ("指标", Indicator.history.filter(id=indicator.pk), lambda r: "目标与定义"),
        (
            "数值",
            YearlyValue.history.filter(indicator_id=indicator.pk).exclude(state__in=hidden),
            lambda r: f"{r.year}年第{r.version}版",
        ),
        (
            "责任单位",
            IndicatorBureau.history.filter(indicator_id=indicator.pk),
            lambda r: r.printed_name,
        ),
        ("说明", IndicatorNote.history.filter(indicator_id=indicator.pk), lambda r: "说明"),
        (
            "原因与措施",
            Narrative.history.filter(indicator_id=indicator.pk).exclude(state__in=hidden),
            lambda r: f"{r.year}年原因与措施第{r.version}版",
        ),
        (
            "评估",
            Assessment.history.filter(indicator_id=indicator.pk),
            lambda r: f"{r.year}年人工评估",
        ),
    ]
    changes = []
    users: set[int] = set()
    for kind, records, label in histories:
        previous: dict[int, object] = {}
        for record in records.select_related("history_user").order_by(
            "id", "history_date", "history_id"
        ):
            before = previous.get(record.id)
            previous[record.id] = record
            if record.history_type == "-":
                fields = [("", "", "删除")]
            elif before is None:
                fields = _created(record)
            else:
                fields = [
                    (change.field, change.old, change.new)
                    for change in record.diff_against(before).changes
                    if change.field not in _HIDDEN_FIELDS
                ]
            if fields:
                users |= {value for f, *pair in fields for value in pair if _is_user(record, f)}
                changes.append(
                    {
                        "when": record.history_date,
                        "who": record.history_user,
                        "kind": kind,
                        "what": label(record),
                        "record": record,
                        "fields": fields,
                        "why": record.history_change_reason or "",
                    }
                )
    names = {user.pk: _name(user) for user in get_user_model().objects.filter(pk__in=users)}
    for change in changes:
        record = change.pop("record")
        change["who"] = _name(change["who"]) if change["who"] else "系统(载入规划原文)"
        change["fields"] = [
            (
                _label(record, field),
                _shown(record, field, old, names),
                _shown(record, field, new, names),
            )
            for field, old, new in change["fields"]
        ]
    changes.sort(key=lambda change: change["when"], reverse=True)
    return changes


# What a reader wants to see of a version when it is created: its figures and state.
_SHOWN_WHEN_CREATED = ("value", "growth", "stage", "state", "source", "cause", "measure")


def _created(record) -> list[tuple[str, str, str]]:
    """The fields of a new record worth showing (a new version's figures and state), or
    just "新建" for the rest (the indicator as loaded, a bureau link, a note)."""
    fields = [
        (name, "", getattr(record, name))
        for name in _SHOWN_WHEN_CREATED
        if _field(record, name) is not None and str(getattr(record, name, "") or "")
    ]
    return fields or [("", "", "新建")]


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _field(record, name: str):
    from django.core.exceptions import FieldDoesNotExist

    try:
        return record.instance_type._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since
        return None


def _is_user(record, name: str) -> bool:
    field = _field(record, name) if name else None
    return bool(field and field.is_relation and field.related_model._meta.label == "auth.User")


def _label(record, name: str) -> str:
    field = _field(record, name) if name else None
    return str(field.verbose_name) if field is not None else name


def _shown(record, name: str, value, names: dict[int, str]) -> str:
    """A value as a reader of the history expects it: a label, a name, a figure's text."""
    field = _field(record, name) if name else None
    if value is None or value == "":
        return ""
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if _is_user(record, name):
        return names.get(value, "")
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(getattr(value, "text", value))
