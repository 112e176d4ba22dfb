"""The planning admin's writes: target revisions, bureau renames and merges, and a new
plan started from the previous one."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from ..models import (
    Bureau,
    BureauAlias,
    Category,
    EntryState,
    Indicator,
    IndicatorBureau,
    IndicatorNote,
    NoteKind,
    Plan,
    TargetRevision,
    YearlyValue,
)
from ..notation import NotationError, parse
from .plans import (
    FixtureError,
    bureau_for_name,
    indicator_bureaus_add,
    plans_touch,
    statuses_refresh,
)

TARGET_FIELDS = ("baseline", "target", "target_growth")


@transaction.atomic
def target_revise(
    *,
    indicator: Indicator,
    reason: str,
    effective_date: datetime.date,
    user,
    baseline: str | None = None,
    target: str | None = None,
    target_growth: str | None = None,
) -> TargetRevision:
    """Change an indicator's baseline or target. Nothing is overwritten: the revision
    keeps the replaced figures, the history keeps who and why, and progress is
    recomputed on the target now in force."""
    errors = {}
    if not reason.strip():
        errors["reason"] = "调整目标必须写明原因。"
    if effective_date > datetime.date.today():
        errors["effective_date"] = "生效日期不能晚于今天;尚未生效的调整请在生效后录入。"
    new = {"baseline": baseline, "target": target, "target_growth": target_growth}
    for field, text in new.items():
        if text is None:
            new[field] = getattr(indicator, field).text
            continue
        try:
            new[field] = parse(text).text
        except NotationError as error:
            errors[field] = str(error)
    if errors:
        raise ValidationError(errors)
    old = {field: getattr(indicator, field).text for field in TARGET_FIELDS}
    if old == new:
        raise ValidationError("基期值和目标都没有改变。")
    revision = TargetRevision(
        indicator=indicator,
        old_baseline=old["baseline"],
        old_target=old["target"],
        old_target_growth=old["target_growth"],
        reason=reason.strip(),
        effective_date=effective_date,
        recorded_by=user,
        **new,
    )
    revision.full_clean()
    revision.save()
    for field, text in new.items():
        setattr(indicator, field, text)
    indicator._change_reason = f"目标调整({effective_date:%Y-%m-%d}生效):{reason.strip()}"
    indicator._history_user = user
    indicator.save()
    statuses_refresh(plan=indicator.plan)
    return revision


@transaction.atomic
def bureau_rename(*, bureau: Bureau, name: str) -> Bureau:
    """Rename a bureau; its former name stays findable as an alias. Each plan keeps
    the name it printed (IndicatorBureau.printed_name)."""
    name = name.strip()
    if not name or name == bureau.name:
        return bureau
    if Bureau.objects.filter(name=name).exclude(pk=bureau.pk).exists():
        raise ValidationError(f"已有名为“{name}”的单位;要合并请使用“合并”。")
    BureauAlias.objects.filter(name=name, bureau=bureau).delete()  # the new name is no alias
    BureauAlias.objects.get_or_create(
        name=bureau.name,
        defaults={"bureau": bureau, "note": f"{datetime.date.today():%Y-%m-%d}前的名称"},
    )
    bureau.name = name
    bureau.full_clean()
    bureau.save()
    plans_touch()  # bureau names are on every dashboard
    return bureau


@transaction.atomic
def bureau_merge(*, source: Bureau, into: Bureau) -> Bureau:
    """Merge one bureau into another: its indicators and staff move over, its names
    become aliases, and every plan keeps the name it printed."""
    if source.pk == into.pk:
        raise ValidationError("不能把单位合并到它自己。")
    for link in IndicatorBureau.objects.filter(bureau=source):
        if IndicatorBureau.objects.filter(indicator=link.indicator, bureau=into).exists():
            # Both were responsible: keep the earlier position, record the other name.
            link.delete()
        else:
            link.bureau = into
            link.save(update_fields=["bureau"])
    for account in source.accounts.all():
        account.bureaus.remove(source)
        account.bureaus.add(into)
    source.aliases.update(bureau=into)
    merged_name = source.name
    source.delete()
    BureauAlias.objects.get_or_create(
        name=merged_name, defaults={"bureau": into, "note": f"已并入{into.name}"}
    )
    plans_touch()
    return into


def _approved_value(indicator: Indicator, year: int) -> str:
    """The approved figure of a year as it was entered, or "" when there is none."""
    value = YearlyValue.objects.filter(
        indicator=indicator, year=year, state=EntryState.APPROVED
    ).first()
    if value is None:
        return ""
    return value.value.text or (value.growth.text if indicator.is_rate else "")


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
) -> tuple[Plan, list[Indicator]]:
    """Start the next plan from `previous`: the chosen indicators continue, linked to
    their predecessors, with the approved value of the base year as baseline where
    one exists (never invented) and targets left for the planning admin.

    Running it again creates nothing new: an indicator that already continues in
    the new plan is skipped."""
    base_year = start_year - 1
    plan, created = Plan.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "title": title,
            "start_year": start_year,
            "end_year": end_year,
            "base_year": base_year,
            "previous": previous,
            "note": f"由{previous.name}延续的指标创建;目标待规划管理员录入。",
        },
    )
    if not created and plan.previous_id != previous.pk:
        raise ValidationError(f"规划“{code}”已存在,且不是由{previous.name}延续的。")
    chosen = previous.indicators.filter(number__in=numbers).select_related("category")
    missing = sorted(set(numbers) - {i.number for i in chosen})
    if missing:
        raise ValidationError(f"{previous.name}没有第{'、'.join(map(str, missing))}项指标。")
    next_number = (plan.indicators.aggregate(last=Max("number"))["last"] or 0) + 1
    made = []
    for old in chosen.order_by("number"):
        if plan.indicators.filter(predecessor=old).exists():
            continue
        category, _ = Category.objects.get_or_create(
            plan=plan, name=old.category.name, defaults={"position": old.category.position}
        )
        baseline = _approved_value(old, base_year)
        indicator = Indicator(
            plan=plan,
            category=category,
            number=next_number,
            name=old.name,
            unit=old.unit,
            nature=old.nature,
            kind=old.kind,
            direction=old.direction,
            baseline_year=base_year,
            baseline=baseline,
            target_year=end_year,
            target="",
            target_growth="",
            predecessor=old,
        )
        indicator.full_clean()
        indicator._change_reason = f"由{previous.name}第{old.number}项延续"
        indicator.save()
        for link in old.indicator_bureaus.all():
            IndicatorBureau.objects.create(
                indicator=indicator,
                bureau=link.bureau,
                role=link.role,
                position=link.position,
                printed_name=link.bureau.name,
            )
        IndicatorNote.objects.create(
            indicator=indicator,
            kind=NoteKind.CONTINUITY,
            text=f"延续{previous.name}第{old.number}项。"
            + (
                f"基期值为{base_year}年已审核通过的数值。"
                if baseline
                else f"{base_year}年没有已审核通过的数值,基期值留空待录入。"
            ),
        )
        next_number += 1
        made.append(indicator)
    statuses_refresh(plan=plan)
    return plan, made


KIND_LABELS = {label: value for value, label in Indicator._meta.get_field("kind").choices}
KIND_LABELS |= {"比重": "share", "比率": "share", "比重/比率": "share", "累计": "cumulative"}
NATURE_LABELS = {"约束性": "binding", "预期性": "expected", "": ""}
DIRECTION_LABELS = {"越高越好": "increase", "越低越好": "decrease", "": "increase"}


def _bureau_names(cell: str) -> list[str]:
    """A 责任单位 cell: names separated by 、 or a comma, lead bureau first."""
    return [part.strip() for part in cell.replace(",", "、").split("、") if part.strip()]


def indicator_rows_check(*, plan: Plan, rows: list[tuple[int, list[str]]]) -> list[dict]:
    """Check indicator definitions read from Excel (spreadsheets.INDICATOR_HEADERS)
    for `plan`. Each result has the row, its errors, and what would be created."""
    taken = set(plan.indicators.values_list("number", flat=True))
    checked = []
    for line, cells in rows:
        number, category, name, _unit, nature, kind, direction, bureaus, *figures = cells
        errors = []
        try:
            number_value = int(number)
            if number_value in taken:
                errors.append(f"{plan.name}已有第{number_value}项指标。")
        except ValueError:
            number_value = None
            errors.append(f"序号“{number}”不是整数。")
        if not name:
            errors.append("指标名称不能为空。")
        if not category:
            errors.append("类别不能为空。")
        if kind not in KIND_LABELS:
            errors.append(f"类型“{kind}”无法识别,应为:" + "、".join(sorted(KIND_LABELS)) + "。")
        if nature not in NATURE_LABELS:
            errors.append(f"属性“{nature}”应为约束性、预期性或留空。")
        if direction not in DIRECTION_LABELS:
            errors.append(f"方向“{direction}”应为越高越好、越低越好或留空。")
        names = _bureau_names(bureaus)
        if not names:
            errors.append("责任单位不能为空。")
        for bureau in names:
            try:
                bureau_for_name(bureau)
            except FixtureError:
                errors.append(f"没有名为“{bureau}”的单位,请先在“责任单位”中添加。")
        for label, text in zip(("基期值", "目标值", "年均增长/累计"), figures, strict=True):
            try:
                parse(text)
            except NotationError as error:
                errors.append(f"{label}:{error}")
        checked.append(
            {
                "line": line,
                "cells": cells,
                "errors": errors,
                "number": number_value,
            }
        )
    return checked


@transaction.atomic
def indicators_import(*, plan: Plan, rows: list[tuple[int, list[str]]], user) -> list[Indicator]:
    """Create the indicators of checked rows: all of them, or none."""
    checked = indicator_rows_check(plan=plan, rows=rows)
    problems = [f"第{row['line']}行:{';'.join(row['errors'])}" for row in checked if row["errors"]]
    if problems:
        raise ValidationError(problems)
    made = []
    for line, cells in rows:
        number, category, name, unit, nature, kind, direction, bureaus, *figures = cells
        category_obj, _ = Category.objects.get_or_create(
            plan=plan,
            name=category,
            defaults={"position": plan.categories.count() + 1},
        )
        indicator = Indicator(
            plan=plan,
            category=category_obj,
            number=int(number),
            name=name,
            unit=unit,
            nature=NATURE_LABELS[nature],
            kind=KIND_LABELS[kind],
            direction=DIRECTION_LABELS[direction],
            baseline_year=plan.base_year,
            baseline=figures[0],
            target_year=plan.end_year,
            target=figures[1],
            target_growth=figures[2],
        )
        indicator.full_clean()
        indicator._change_reason = f"Excel导入(第{line}行)"
        indicator._history_user = user
        indicator.save()
        indicator_bureaus_add(indicator=indicator, printed_names=_bureau_names(bureaus))
        made.append(indicator)
    statuses_refresh(plan=plan)
    return made
