"""Plans as wholes: loading the published plans, starting the next plan from the
previous one, editing a plan's own fields, recorded assessments.

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
from django.db import transaction
from django.db.models import Max

from ..models import (
    Assessment,
    Category,
    Footnote,
    Indicator,
    IndicatorNote,
    Plan,
    Region,
    YearlyValue,
)
from ..selectors import approved_value
from ..vocabulary import JUDGED_STATUSES, EntryState, NoteKind
from .bureaus import RuleError, bureau_create, indicator_bureaus_add
from .changes import plan_changed, recorded, require_planner, text_error
from .regions import region_for_code, regions_load

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


@transaction.atomic
def bureaus_load(*, path: Path = BUREAUS_FILE, user=None, region: Region | None = None) -> None:
    """The bureaus of a bureaus file with their former names, in `region` (default: the
    deployment's own district); existing ones kept."""
    for entry in read_toml(path)["bureau"]:
        aliases = [(alias["name"], alias.get("note", "")) for alias in entry.get("aliases", [])]
        bureau_create(name=entry["name"], aliases=aliases, user=user, region=region)


def plans_load(
    *,
    paths: list[Path] | None = None,
    region: Region | str | None = None,
    bureaus: Path | None = BUREAUS_FILE,
) -> LoadReport:
    """Load the regions, the bureaus and each plan not yet in the database, each plan in
    one transaction. `region` (a Region or its 行政区划代码; default: a plan file's own
    `region`, else the deployment's district) is where the plans and bureaus belong."""
    regions_load()
    chosen = region_for_code(region) if region is not None else None
    if bureaus is not None:
        bureaus_load(path=bureaus, region=chosen)
    report = LoadReport(created=[], skipped=[])
    for path in paths or PLAN_FILES:
        data = read_toml(path)
        code = data["plan"]["code"]
        if Plan.objects.filter(code=code).exists():
            report.skipped.append(code)
            continue
        try:
            _plan_create(data, region=chosen)
        except (RuleError, KeyError, Plan.DoesNotExist, Indicator.DoesNotExist) as error:
            raise FixtureError(f"{path.name}: {error}") from error
        report.created.append(code)
    return report


@transaction.atomic
def _plan_create(data: dict, *, region: Region | None = None) -> Plan:
    header = dict(data["plan"])
    previous_code = header.pop("previous", None)
    # regions: the caller's region, else the file's own (a 行政区划代码), else the default.
    region = region or region_for_code(header.pop("region", None))
    header.pop("region", None)
    plan = Plan(**header, region=region)
    if previous_code:
        plan.previous = Plan.objects.get(code=previous_code)
    recorded(plan, user=None, reason=LOAD_REASON)

    categories: dict[str, Category] = {}
    indicators: dict[int, Indicator] = {}
    for row in data["indicators"]:
        name = row["category"]
        if name not in categories:
            categories[name] = recorded(
                Category(plan=plan, name=name, position=len(categories) + 1),
                user=None,
                reason=LOAD_REASON,
            )
        indicators[row["number"]] = _indicator_create(plan, categories[name], row)

    for row in data["indicators"]:
        if "judged_against" in row:
            indicator = indicators[row["number"]]
            indicator.reference = indicators[row["judged_against"]]
            recorded(indicator, user=None, reason=LOAD_REASON)

    for note in data.get("footnotes", []):
        footnote = Footnote(
            plan=plan,
            number=note["number"],
            text=note["text"],
            break_year=note.get("break_year"),
        )
        recorded(footnote, user=None, reason=LOAD_REASON)
        footnote.indicators.set([indicators[number] for number in note["indicators"]])

    plan_changed(plan)
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
    recorded(indicator, user=None, reason=LOAD_REASON)
    indicator_bureaus_add(
        indicator=indicator, printed_names=row["bureaus"], user=None, reason=LOAD_REASON
    )
    for cells in row.get("values", []):
        value = YearlyValue(
            indicator=indicator,
            year=cells["year"],
            value=cells.get("value", ""),
            growth=cells.get("growth", ""),
            companion=cells.get("companion", ""),
            source=VALUE_SOURCE,
            state=EntryState.APPROVED,  # published in the plan: nothing to review
            printed=True,
        )
        recorded(value, user=None, reason=LOAD_REASON)
    for position, note in enumerate(row.get("notes", [])):
        recorded(
            IndicatorNote(
                indicator=indicator,
                position=position,
                kind=note.get("kind", NoteKind.READING),
                text=note["text"],
            ),
            user=None,
            reason=LOAD_REASON,
        )
    return indicator


@transaction.atomic
def assessment_record(
    *,
    indicator: Indicator,
    year: int,
    status: str,
    reason: str,
    assessed_on: date,
    user,
) -> Assessment:
    """Record a planning admin's assessment of an indicator, kept beside the computed
    status (never replacing it silently). Needs a written reason, a judged status, a
    year of the plan's period and a date that is not in the future."""
    require_planner(user, "记录人工评估")
    plan = indicator.plan
    if not isinstance(year, int) or not plan.base_year <= year <= plan.end_year:
        raise RuleError({"year": f"评估年份应在{plan.base_year}—{plan.end_year}年之间。"})
    if isinstance(assessed_on, str):  # "2022-03-01", as a plan file or a form gives it
        try:
            assessed_on = date.fromisoformat(assessed_on.strip())
        except ValueError:
            assessed_on = None
    if not isinstance(assessed_on, date) or assessed_on > date.today():
        raise RuleError({"assessed_on": "评估日期应为不晚于今天的日期(如2022-03-01)。"})
    if error := text_error(reason or "", limit=2000, label="理由"):
        raise RuleError({"reason": error})
    if status not in set(JUDGED_STATUSES):
        raise RuleError({"status": "评估结论应为:" + "、".join(s.label for s in JUDGED_STATUSES)})
    if not (reason or "").strip():
        raise RuleError({"reason": "人工评估必须写明理由。"})
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
    recorded(assessment, user=user, reason=reason.strip())
    plan_changed(indicator.plan, indicators=[indicator])
    return assessment


PLAN_EDITABLE = ("code", "name", "title", "table_title", "source", "note", "previous", "synthetic")


def plan_years_check(*, start_year: int, end_year: int, base_year: int) -> dict[str, str]:
    """Errors by field of a plan's years (empty when they make sense)."""
    errors = {}
    for field, year in (("start_year", start_year), ("end_year", end_year)):
        if not isinstance(year, int) or not 1949 <= year <= 2100:
            errors[field] = "年份应为1949至2100之间的整数。"
    if not errors:
        if end_year < start_year:
            errors["end_year"] = "终止年不能早于起始年。"
        elif end_year - start_year > 15:
            errors["end_year"] = "规划期不能超过15年。"
        if base_year != start_year - 1:
            errors["base_year"] = f"基期年应为起始年的前一年({start_year - 1}年)。"
    return errors


@transaction.atomic
def plan_update(*, plan: Plan, user, changes: dict, reason: str = "") -> Plan:
    """Edit a plan's names, source and note (the admin). Its years are fixed once it
    has indicators: a new period is a new plan (plan_start_from). Raises RuleError."""
    require_planner(user, "修改规划")
    years = {f: changes.pop(f) for f in ("start_year", "end_year", "base_year") if f in changes}
    moved = {f: v for f, v in years.items() if v != getattr(plan, f)}
    if moved and plan.indicators.exists():
        raise RuleError({next(iter(moved)): "规划已有指标,不能修改起止年;新规划期请创建新规划。"})
    errors = plan_years_check(**({f: getattr(plan, f) for f in years} | years)) if years else {}
    unknown = set(changes) - set(PLAN_EDITABLE)
    if unknown:
        errors[""] = "不能在此修改:" + "、".join(sorted(unknown))
    if errors:
        raise RuleError(errors)
    for field, value in (changes | years).items():
        setattr(plan, field, value)
    recorded(plan, user=user, reason=reason.strip() or "管理后台修改")
    plan_changed(plan, indicators=[])
    return plan


@transaction.atomic
def plan_create(
    *, user, reason: str = "管理后台新建", region: Region | str | None = None, **fields
) -> Plan:
    """An empty plan of `region` (a Region or its 行政区划代码; default: the deployment's
    own district). Its indicators come from a plan file or one by one."""
    require_planner(user, "新建规划")
    fields["region"] = region_for_code(region)
    errors = plan_years_check(
        start_year=fields.get("start_year"),
        end_year=fields.get("end_year"),
        base_year=fields.get("base_year"),
    )
    if Plan.objects.filter(code=fields.get("code")).exists():
        errors["code"] = f"已有代码为“{fields['code']}”的规划。"
    if errors:
        raise RuleError(errors)
    return recorded(Plan(**fields), user=user, reason=reason)


@transaction.atomic
def plan_start_from(
    *,
    previous: Plan,
    code: str,
    name: str,
    title: str,
    start_year: int,
    end_year: int,
    numbers: list[int],
    user,
) -> tuple[Plan, list[Indicator]]:
    """Start the next plan from `previous`: the chosen indicators continue, linked to
    their predecessors, with the approved value of the base year as baseline where
    one exists (never invented) and targets left for the planning admin.

    Running it again creates nothing new: an indicator that already continues in
    the new plan is skipped. Raises RuleError (years, code, unknown numbers)."""
    require_planner(user, "创建新规划")
    if any(not isinstance(n, int) or not 0 < n < 10_000 for n in numbers):
        raise RuleError({"numbers": "指标序号应为1至9999之间的整数。"})
    errors = plan_years_check(start_year=start_year, end_year=end_year, base_year=start_year - 1)
    if not errors and start_year <= previous.start_year:
        errors["start_year"] = f"新规划应在{previous.name}之后开始(晚于{previous.start_year}年)。"
    if not (code or "").strip() or not (name or "").strip():
        errors["code" if not (code or "").strip() else "name"] = "代码和名称不能为空。"
    if not numbers:
        errors["numbers"] = "请至少选择一项延续的指标。"
    chosen = previous.indicators.filter(number__in=numbers).select_related("category")
    missing = sorted(set(numbers) - {i.number for i in chosen})
    if missing:
        errors["numbers"] = f"{previous.name}没有第{'、'.join(map(str, missing))}项指标。"
    if errors:
        raise RuleError(errors)
    base_year = start_year - 1
    plan = Plan.objects.filter(code=code).first()
    if plan is None:
        plan = recorded(
            Plan(
                code=code,
                name=name,
                title=title,
                start_year=start_year,
                end_year=end_year,
                base_year=base_year,
                previous=previous,
                region_id=previous.region_id,
                note=f"由{previous.name}延续的指标创建;目标待规划管理员录入。",
            ),
            user=user,
            reason=f"由{previous.name}创建下一个规划",
        )
    elif plan.previous_id != previous.pk:
        raise RuleError({"code": f"规划“{code}”已存在,且不是由{previous.name}延续的。"})
    next_number = (plan.indicators.aggregate(last=Max("number"))["last"] or 0) + 1
    made = []
    for old in chosen.order_by("number"):
        if plan.indicators.filter(predecessor=old).exists():
            continue
        made.append(_continue(old, plan, next_number, user))
        next_number += 1
    plan_changed(plan)
    return plan, made


def _continue(old: Indicator, plan: Plan, number: int, user) -> Indicator:
    """One indicator of the previous plan, continued in `plan`."""
    base_year = plan.base_year
    category = plan.categories.filter(name=old.category.name).first() or recorded(
        Category(plan=plan, name=old.category.name, position=old.category.position),
        user=user,
        reason="延续上一规划的类别",
    )
    approved = approved_value(old, base_year)
    baseline = ""
    if approved is not None:
        baseline = approved.value.text or (approved.growth.text if old.is_rate else "")
    why = f"由{old.plan.name}第{old.number}项延续"
    indicator = recorded(
        Indicator(
            plan=plan,
            category=category,
            number=number,
            name=old.name,
            unit=old.unit,
            nature=old.nature,
            kind=old.kind,
            direction=old.direction,
            baseline_year=base_year,
            baseline=baseline,
            target_year=plan.end_year,
            target="",
            target_growth="",
            predecessor=old,
        ),
        user=user,
        reason=why,
    )
    indicator_bureaus_add(
        indicator=indicator,
        printed_names=[link.bureau.name for link in old.bureau_links],
        user=user,
        reason=why,
    )
    recorded(
        IndicatorNote(
            indicator=indicator,
            kind=NoteKind.CONTINUITY,
            text=f"延续{old.plan.name}第{old.number}项。"
            + (
                f"基期值为{base_year}年已审核通过的数值。"
                if baseline
                else f"{base_year}年没有已审核通过的数值,基期值留空待录入。"
            ),
        ),
        user=user,
        reason=why,
    )
    return indicator


@transaction.atomic
def definition_save(*, obj, user, reason: str = "") -> object:
    """A category, a table footnote or a note on an indicator, added or changed (the
    admin): validated, recorded with who and why, and the plan's pages refreshed."""
    require_planner(user, "修改规划内容")
    if not isinstance(obj, Category | Footnote | IndicatorNote):
        raise RuleError(f"不能用此方式保存{obj._meta.verbose_name}。")
    plan = obj.indicator.plan if isinstance(obj, IndicatorNote) else obj.plan
    if isinstance(obj, Footnote) and obj.break_year and obj.break_year not in plan.years:
        raise RuleError({"break_year": f"口径调整年份应在{plan.name}规划期内。"})
    recorded(obj, user=user, reason=reason or ("管理后台修改" if obj.pk else "管理后台新建"))
    plan_changed(plan, indicators=None if isinstance(obj, Footnote) else [])
    return obj


@transaction.atomic
def footnote_indicators_set(*, footnote: Footnote, indicators, user) -> Footnote:
    """The indicators a footnote belongs to (a definition change breaks their charts)."""
    require_planner(user, "修改表注")
    indicators = list(indicators)
    if any(indicator.plan_id != footnote.plan_id for indicator in indicators):
        raise RuleError({"indicators": "表注只能关联同一规划的指标。"})
    footnote.indicators.set(indicators)
    recorded(footnote, user=user, reason="修改表注涉及的指标")
    plan_changed(footnote.plan)
    return footnote
