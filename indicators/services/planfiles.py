"""Plan files in (docs/plan-file.md): a whole plan, all or nothing.

`plan_file_check()` is the dry run: what would be created, which values are new,
which differ from the stored ones, and every reason to refuse. `plan_file_import()`
runs the same check and writes everything in one transaction, or nothing.

Rules:
- a new plan is created whole; an existing plan's definitions (indicators, footnotes,
  notes) must be those stored: a file never silently rewrites a target (target
  revisions keep their history in the admin). An existing plan with no indicators
  yet (made in the admin, or by start_plan) takes the file's definitions;
- values are published figures: each comes in approved with its 来源, recorded as
  imported by the acting user; `printed` when the 来源 is 规划纲要原文. A value equal
  to the stored one changes nothing; a different one is refused, listed, unless
  `replace_values`: then it is a new version and the old one is kept as superseded;
- recorded assessments in the file that are not stored are recorded; none is removed;
- bureaus must exist (by name or former name): an unknown one is refused with its row,
  never created from a file, so that a typo does not become a new bureau.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from ..models import (
    Category,
    Footnote,
    Indicator,
    IndicatorNote,
    Plan,
    YearlyValue,
)
from ..notation import NotationError
from ..planfile import (
    ASSESSMENT_SHEET,
    INDICATOR_SHEET,
    PLAN_SHEET,
    VALUE_SHEET,
    IndicatorRow,
    PlanFile,
    ValueRow,
)
from ..planfile_export import plan_file_for
from ..printed import read_printed
from ..vocabulary import NoteKind
from .bureaus import UnknownBureau, bureau_for_name, indicator_bureaus_add
from .changes import RuleError, plan_changed, recorded, require_planner
from .plans import assessment_record, plan_create, plan_update, plan_years_check
from .regions import region_for_code
from .values import publish as _publish

IMPORT_REASON = "导入规划文件"


@dataclass
class PlanFileReport:
    """What importing a plan file does (or would do)."""

    code: str
    plan_exists: bool
    replace_values: bool = False
    created: list[str] = field(default_factory=list)  # plan, indicators, footnotes, notes
    new_values: list[str] = field(default_factory=list)
    same_values: int = 0
    differences: list[str] = field(default_factory=list)  # stored values the file contradicts
    new_assessments: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and (self.replace_values or not self.differences)

    @property
    def changes_nothing(self) -> bool:
        return not (self.created or self.new_values or self.differences or self.new_assessments)

    @property
    def refusals(self) -> list[str]:
        if self.replace_values:
            return list(self.errors)
        return self.errors + [f"与库中数值不同:{line}" for line in self.differences]


def _where(sheet: str, line: int | None) -> str:
    return f"工作表“{sheet}”第{line}行:" if line else f"工作表“{sheet}”:"


def _value_key(row: ValueRow) -> tuple[str, str, str, str]:
    return (row.value, row.growth, row.companion, row.source)


def _shown(key: tuple[str, str, str, str]) -> str:
    value, growth, companion, source = key
    parts = [f"总量或数值“{value}”" if value else "", f"增速“{growth}”" if growth else ""]
    parts.append(f"伴随数值“{companion}”" if companion else "")
    return "、".join(part for part in parts if part) + f"(来源:{source})"


def _notes_of(data: PlanFile, row: IndicatorRow) -> list[tuple[str, str]]:
    """The notes an indicator gets: its 说明 cell (kind 其他) first, then the sheet's."""
    notes = [(NoteKind.OTHER, row.note)] if row.note else []
    return notes + [(n.kind, n.text) for n in data.notes if n.number == row.number]


def plan_file_check(*, data: PlanFile, replace_values: bool = False, region=None) -> PlanFileReport:
    """Every rule of importing `data` into `region` (a Region or its 行政区划代码;
    default: the deployment's own district), without writing anything."""
    header = data.plan
    region = region_for_code(region)
    plan = Plan.objects.filter(code=header.code).first()
    report = PlanFileReport(
        code=header.code, plan_exists=plan is not None, replace_values=replace_values
    )
    errors = report.errors
    if plan is not None and plan.region_id != region.pk:
        errors.append(
            _where(PLAN_SHEET, None)
            + f"规划“{header.code}”已属于{plan.region.name},不是{region.name}。"
        )
    for problem in plan_years_check(
        start_year=header.start_year, end_year=header.end_year, base_year=header.base_year
    ).values():
        errors.append(_where(PLAN_SHEET, None) + problem)
    previous = None
    if header.previous:
        previous = Plan.objects.filter(code=header.previous).first()
        if previous is None:
            errors.append(
                _where(PLAN_SHEET, None) + f"上一个规划“{header.previous}”不在库中,请先导入它。"
            )
    for row in data.indicators:
        for name in row.bureaus:
            try:
                bureau_for_name(name, region)
            except UnknownBureau:
                errors.append(
                    _where(INDICATOR_SHEET, row.line)
                    + f"责任单位“{name}”不在库中(也不是哪个单位的曾用名),请先在“责任单位”中添加。"
                )
        continued = previous is not None and row.continues is not None
        if continued and not previous.indicators.filter(number=row.continues).exists():
            errors.append(
                _where(INDICATOR_SHEET, row.line)
                + f"延续指标:{previous.name}没有第{row.continues}项指标。"
            )
        for label, text in (("基期值", row.baseline), ("目标值", row.target)):
            try:
                read_printed(text)
            except NotationError as error:  # pragma: no cover - the reader checked it
                errors.append(_where(INDICATOR_SHEET, row.line) + f"{label}:{error}")

    stored = plan_file_for(plan) if plan is not None else None
    defining = stored is None or not stored.indicators
    if stored is not None:
        errors.extend(_header_differences(data, stored, years_only=defining))
    if defining:
        report.created.append(f"规划 {header.code} {header.name}" if plan is None else "")
        report.created = [line for line in report.created if line]
        report.created += [f"指标 {row.number}. {row.name}" for row in data.indicators]
        report.created += [f"表注 {note.number}" for note in data.footnotes]
        notes = sum(len(_notes_of(data, row)) for row in data.indicators)
        if notes:
            report.created.append(f"指标说明 {notes}条")
    else:
        errors.extend(_definition_differences(data, stored))

    stored_values = {(v.number, v.year): _value_key(v) for v in (stored.values if stored else [])}
    names = {row.number: row.name for row in data.indicators}
    for row in data.values:
        label = f"{row.number}. {names.get(row.number, '')} {row.year}年"
        old = stored_values.get((row.number, row.year))
        if old is None:
            report.new_values.append(f"{label}:{_shown(_value_key(row))}")
        elif old == _value_key(row):
            report.same_values += 1
        else:
            report.differences.append(
                f"{_where(VALUE_SHEET, row.line)}{label}:库中为{_shown(old)},"
                f"文件为{_shown(_value_key(row))}"
            )
    stored_assessments = {
        (a.number, a.year, a.status, a.assessed_on, a.reason)
        for a in (stored.assessments if stored else [])
    }
    for a in data.assessments:
        if (a.number, a.year, a.status, a.assessed_on, a.reason) not in stored_assessments:
            report.new_assessments.append(
                f"{_where(ASSESSMENT_SHEET, a.line)}{a.number}. {a.year}年 {a.status.label}"
            )
    return report


HEADER_LABELS = {
    "code": "代码",
    "name": "名称",
    "title": "全称",
    "start_year": "起始年",
    "end_year": "结束年",
    "base_year": "基期年",
    "source": "来源",
    "previous": "上一个规划",
    "table_title": "指标表标题",
    "note": "说明",
}


def _header_differences(data: PlanFile, stored: PlanFile, *, years_only: bool) -> list[str]:
    fields = ("start_year", "end_year", "base_year") if years_only else tuple(HEADER_LABELS)
    return [
        _where(PLAN_SHEET, None)
        + f"{HEADER_LABELS[name]}与库中不同(库中“{getattr(stored.plan, name)}”,"
        f"文件“{getattr(data.plan, name)}”);规划信息请在管理后台修改。"
        for name in fields
        if getattr(stored.plan, name) != getattr(data.plan, name)
    ]


INDICATOR_LABELS = {
    "category": "类别",
    "name": "指标",
    "unit": "单位",
    "kind": "类型",
    "direction": "方向",
    "baseline": "基期值",
    "target": "目标值",
    "target_growth": "年均增长或累计",
    "nature": "属性",
    "bureaus": "责任单位",
    "reference": "比较指标",
    "continues": "延续指标",
    "companion_label": "伴随数值",
    "official_assessment": "完成情况",
    "baseline_year": "基期年",
    "target_year": "目标年",
}


def _definition_differences(data: PlanFile, stored: PlanFile) -> list[str]:
    """An existing plan's definitions against the file's: each difference, by row."""
    found = []
    stored_rows = {row.number: row for row in stored.indicators}
    file_numbers = {row.number for row in data.indicators}
    advice = "已有指标的定义请在管理后台修改(目标调整会保留原目标)。"
    for row in data.indicators:
        old = stored_rows.get(row.number)
        where = _where(INDICATOR_SHEET, row.line)
        if old is None:
            found.append(f"{where}库中{stored.plan.name}没有第{row.number}项指标。{advice}")
            continue
        for name, label in INDICATOR_LABELS.items():
            if getattr(old, name) != getattr(row, name):
                found.append(
                    f"{where}第{row.number}项的{label}与库中不同"
                    f"(库中“{_plain(getattr(old, name))}”,文件“{_plain(getattr(row, name))}”)。"
                    + advice
                )
        if _notes_of(stored, old) != _notes_of(data, row):
            found.append(f"{where}第{row.number}项的指标说明与库中不同。{advice}")
    for number in sorted(set(stored_rows) - file_numbers):
        found.append(f"{_where(INDICATOR_SHEET, None)}文件中没有库中的第{number}项指标。")
    if [(n.number, n.text, n.indicators, n.break_year) for n in stored.footnotes] != [
        (n.number, n.text, n.indicators, n.break_year) for n in data.footnotes
    ]:
        found.append(f"工作表“表注”:表注与库中不同。{advice}")
    return found


def _plain(value) -> str:
    if isinstance(value, list):
        return "、".join(map(str, value))
    label = getattr(value, "label", None)
    return label if label is not None else ("" if value is None else str(value))


@transaction.atomic
def plan_file_import(
    *, data: PlanFile, user, replace_values: bool = False, region=None
) -> PlanFileReport:
    """Import a plan file into `region` (default: the deployment's own district): all
    of it, or nothing (RuleError listing every refusal)."""
    require_planner(user, "导入规划文件")
    region = region_for_code(region)
    report = plan_file_check(data=data, replace_values=replace_values, region=region)
    if not report.ok:
        raise RuleError("\n".join(report.refusals))
    header = data.plan
    previous = Plan.objects.filter(code=header.previous).first() if header.previous else None
    plan = Plan.objects.filter(code=header.code).first()
    fields = {
        "code": header.code,
        "name": header.name,
        "title": header.title,
        "start_year": header.start_year,
        "end_year": header.end_year,
        "base_year": header.base_year,
        "table_title": header.table_title,
        "source": header.source,
        "note": header.note,
        "previous": previous,
    }
    if plan is None:
        plan = plan_create(user=user, reason=IMPORT_REASON, region=region, **fields)
    elif not plan.indicators.exists():
        changes = {f: v for f, v in fields.items() if getattr(plan, f) != v and f != "code"}
        if changes:
            plan_update(plan=plan, user=user, changes=changes, reason=IMPORT_REASON)
    indicators = {i.number: i for i in plan.indicators.all()}
    if not indicators:
        indicators = _definitions_create(plan, previous, data, user)
    for row in data.values:
        indicator = indicators[row.number]
        current = YearlyValue.objects.approved().filter(indicator=indicator, year=row.year).first()
        if current is not None and _value_key(row) == (
            current.value.text,
            current.growth.text,
            current.companion.text,
            current.source,
        ):
            continue
        _publish(
            indicator=indicator,
            year=row.year,
            value=row.value,
            growth=row.growth,
            companion=row.companion,
            source=row.source,
            user=user,
            reason=f"{IMPORT_REASON}(第{row.line}行)" if row.line else IMPORT_REASON,
        )
    plan_changed(plan)
    stored = {
        (a.number, a.year, a.status, a.assessed_on, a.reason)
        for a in plan_file_for(plan).assessments
    }
    for a in data.assessments:
        if (a.number, a.year, a.status, a.assessed_on, a.reason) in stored:
            continue
        assessment_record(
            indicator=indicators[a.number],
            year=a.year,
            status=a.status,
            reason=a.reason,
            assessed_on=a.assessed_on,
            user=user,
        )
    return report


def _definitions_create(plan: Plan, previous, data: PlanFile, user) -> dict[int, Indicator]:
    categories: dict[str, Category] = {c.name: c for c in plan.categories.all()}
    indicators: dict[int, Indicator] = {}
    for row in data.indicators:
        why = f"{IMPORT_REASON}(第{row.line}行)" if row.line else IMPORT_REASON
        if row.category not in categories:
            categories[row.category] = recorded(
                Category(plan=plan, name=row.category, position=len(categories) + 1),
                user=user,
                reason=why,
            )
        indicator = Indicator(
            plan=plan,
            category=categories[row.category],
            number=row.number,
            name=row.name,
            unit=row.unit,
            nature=row.nature,
            kind=row.kind,
            direction=row.direction,
            baseline_year=row.baseline_year or plan.base_year,
            baseline=row.baseline,
            target_year=row.target_year or plan.end_year,
            target=row.target,
            target_growth=row.target_growth,
            official_assessment=row.official_assessment,
            companion_label=row.companion_label,
        )
        if row.continues is not None:
            indicator.predecessor = previous.indicators.get(number=row.continues)
        recorded(indicator, user=user, reason=why)
        indicator_bureaus_add(indicator=indicator, printed_names=row.bureaus, user=user, reason=why)
        for position, (kind, text) in enumerate(_notes_of(data, row)):
            recorded(
                IndicatorNote(indicator=indicator, position=position, kind=kind, text=text),
                user=user,
                reason=why,
            )
        indicators[row.number] = indicator
    for row in data.indicators:
        if row.reference is not None:
            indicator = indicators[row.number]
            indicator.reference = indicators[row.reference]
            recorded(indicator, user=user, reason=IMPORT_REASON)
    for note in data.footnotes:
        footnote = recorded(
            Footnote(plan=plan, number=note.number, text=note.text, break_year=note.break_year),
            user=user,
            reason=IMPORT_REASON,
        )
        footnote.indicators.set([indicators[number] for number in note.indicators])
    return indicators


__all__ = ["PlanFileReport", "plan_file_check", "plan_file_import"]
