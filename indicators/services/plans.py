"""Every write to the plans goes through here.

`plans_load()` loads the published plans from the TOML transcriptions in
`fixtures/`. It is idempotent: a plan already in the database is left alone, so
that running `make run` again never overwrites what planning admins have edited.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F

from ..models import (
    Assessment,
    Bureau,
    BureauAlias,
    BureauRole,
    Category,
    EntryState,
    Footnote,
    Indicator,
    IndicatorBureau,
    IndicatorNote,
    NoteKind,
    Plan,
    YearlyValue,
)

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
BUREAUS_FILE = FIXTURES_DIR / "bureaus.toml"
PLAN_FILES = [FIXTURES_DIR / "plan13.toml", FIXTURES_DIR / "plan14.toml"]
VALUE_SOURCE = "规划纲要原文"  # the source recorded on every yearly value the plan prints
LOAD_REASON = "载入规划原文"  # the reason recorded in the history of everything loaded


@dataclass
class LoadReport:
    created: list[str]
    skipped: list[str]


class FixtureError(Exception):
    """A transcription file does not describe a valid plan; the message says where."""


def read_toml(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def indicator_bureaus_add(*, indicator: Indicator, printed_names: list[str]) -> None:
    """Responsible bureaus as printed, lead first: each by its current name or a former one."""
    for position, printed_name in enumerate(printed_names):
        IndicatorBureau.objects.create(
            indicator=indicator,
            bureau=bureau_for_name(printed_name),
            role=BureauRole.LEAD if position == 0 else BureauRole.CO,
            position=position,
            printed_name=printed_name,
        )


def bureau_for_name(name: str) -> Bureau:
    """The bureau a printed name refers to, by its current name or a former one."""
    bureau = Bureau.objects.filter(name=name).first()
    if bureau is None:
        alias = BureauAlias.objects.select_related("bureau").filter(name=name).first()
        if alias is None:
            raise FixtureError(f"责任单位“{name}”不在 bureaus.toml 中。")
        bureau = alias.bureau
    return bureau


@transaction.atomic
def bureaus_load(*, path: Path = BUREAUS_FILE) -> None:
    for entry in read_toml(path)["bureau"]:
        bureau, _ = Bureau.objects.get_or_create(name=entry["name"])
        for alias in entry.get("aliases", []):
            BureauAlias.objects.get_or_create(
                name=alias["name"], defaults={"bureau": bureau, "note": alias.get("note", "")}
            )


def plans_load(*, paths: list[Path] | None = None) -> LoadReport:
    """Load bureaus and each plan not yet in the database, each plan in one transaction."""
    bureaus_load()
    report = LoadReport(created=[], skipped=[])
    for path in paths or PLAN_FILES:
        data = read_toml(path)
        code = data["plan"]["code"]
        if Plan.objects.filter(code=code).exists():
            report.skipped.append(code)
            continue
        try:
            _plan_create(data)
        except Exception as error:
            raise FixtureError(f"{path.name}: {error}") from error
        report.created.append(code)
    return report


@transaction.atomic
def _plan_create(data: dict) -> Plan:
    header = dict(data["plan"])
    previous_code = header.pop("previous", None)
    plan = Plan(**header)
    if previous_code:
        plan.previous = Plan.objects.get(code=previous_code)
    plan.full_clean()
    plan.save()

    categories: dict[str, Category] = {}
    indicators: dict[int, Indicator] = {}
    for row in data["indicators"]:
        name = row["category"]
        if name not in categories:
            categories[name] = Category.objects.create(
                plan=plan, name=name, position=len(categories) + 1
            )
        indicators[row["number"]] = _indicator_create(plan, categories[name], row)

    for row in data["indicators"]:
        if "judged_against" in row:
            indicators[row["number"]].reference = indicators[row["judged_against"]]
            indicators[row["number"]]._change_reason = LOAD_REASON
            indicators[row["number"]].save(update_fields=["reference"])

    for note in data.get("footnotes", []):
        footnote = Footnote(
            plan=plan,
            number=note["number"],
            text=note["text"],
            break_year=note.get("break_year"),
        )
        footnote.full_clean()
        footnote.save()
        footnote.indicators.set([indicators[number] for number in note["indicators"]])

    statuses_refresh(plan=plan)
    for entry in data.get("assessments", []):
        assessment_record(
            indicator=indicators[entry["indicator"]],
            year=entry["year"],
            status=entry["status"],
            reason=entry["reason"],
            assessed_on=entry["assessed_on"],
            user=None,
        )
    return plan


def _indicator_create(plan: Plan, category: Category, row: dict) -> Indicator:
    indicator = Indicator(
        plan=plan,
        category=category,
        number=row["number"],
        name=row["name"],
        unit=row.get("unit", ""),
        nature=row.get("nature", ""),
        kind=row["kind"],
        direction=row.get("direction", "increase"),
        baseline_year=row.get("baseline_year", plan.base_year),
        baseline=row.get("baseline", ""),
        target_year=row.get("target_year", plan.end_year),
        target=row.get("target", ""),
        target_growth=row.get("target_growth", ""),
        official_assessment=row.get("official_assessment", ""),
        companion_label=row.get("companion_label", ""),
    )
    if "continues" in row:
        indicator.predecessor = Indicator.objects.get(plan=plan.previous, number=row["continues"])
    indicator.full_clean()
    indicator._change_reason = LOAD_REASON
    indicator.save()

    indicator_bureaus_add(indicator=indicator, printed_names=row["bureaus"])
    for cells in row.get("values", []):
        value = YearlyValue(
            indicator=indicator,
            year=cells["year"],
            value=cells.get("value", ""),
            growth=cells.get("growth", ""),
            companion=cells.get("companion", ""),
            source=VALUE_SOURCE,
            state=EntryState.APPROVED,  # published in the plan: nothing to review
        )
        value.full_clean()
        value._change_reason = LOAD_REASON
        value.save()
    for position, note in enumerate(row.get("notes", [])):
        IndicatorNote.objects.create(
            indicator=indicator,
            position=position,
            kind=note.get("kind", NoteKind.READING),
            text=note["text"],
        )
    return indicator


def plans_touch(*, plan: Plan | None = None) -> None:
    """Mark a plan's data (or every plan's) as changed, so cached pages are rebuilt."""
    plans = Plan.objects.filter(pk=plan.pk) if plan is not None else Plan.objects.all()
    plans.update(revision=F("revision") + 1)


def statuses_refresh(*, plan: Plan) -> None:
    """Recompute and store every indicator's status in a plan.

    Call after any change to a value, target or assessment of the plan: a whole
    plan at once, because an in-step target depends on another indicator's values.
    The effective status is the latest recorded assessment's, else the computed one.
    """
    indicators = list(plan.indicators.for_dashboard())
    for indicator in indicators:
        computed = indicator.progress.status
        recorded = indicator.recorded_assessment
        indicator.computed_status = computed
        indicator.status = recorded.status if recorded else computed
    Indicator.objects.bulk_update(indicators, ["computed_status", "status"], batch_size=500)
    plans_touch(plan=plan)


@transaction.atomic
def assessment_record(
    *,
    indicator: Indicator,
    year: int,
    status: str,
    reason: str,
    assessed_on: date,
    user: User | None,
) -> Assessment:
    """Record a planning admin's assessment; it needs a written reason."""
    computed = Indicator.objects.for_dashboard().get(pk=indicator.pk).progress.status
    assessment = Assessment(
        indicator=indicator,
        year=year,
        status=status,
        computed_status=computed,
        reason=reason.strip(),
        assessed_on=assessed_on,
        recorded_by=user,
    )
    assessment.full_clean()
    assessment._change_reason = reason.strip()
    assessment._history_user = user
    assessment.save()
    statuses_refresh(plan=indicator.plan)
    return assessment
