"""Indicator definitions imported from Excel (the admin's import on a plan page):
previewed row by row, then created all or nothing."""

from __future__ import annotations

from django.db import transaction

from ..models import Category, Indicator, Plan
from ..notation import NotationError, normalize, parse
from ..vocabulary import Direction, Kind, Nature
from .bureaus import UnknownBureau, bureau_for_name, indicator_bureaus_add
from .changes import RuleError, plan_changed, recorded

KIND_LABELS = {kind.label: kind for kind in Kind}
KIND_LABELS |= {"比重": Kind.SHARE, "比率": Kind.SHARE, "累计": Kind.CUMULATIVE}
NATURE_LABELS = {nature.label: nature for nature in Nature} | {"": Nature.UNMARKED}
DIRECTION_LABELS = {direction.label: direction for direction in Direction}
DIRECTION_LABELS[""] = Direction.INCREASE


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
                bureau_for_name(bureau, region=plan.region)
            except UnknownBureau:
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
    """Create the indicators of checked rows: all of them, or none. Raises RuleError."""
    checked = indicator_rows_check(plan=plan, rows=rows)
    problems = [f"第{row['line']}行:{';'.join(row['errors'])}" for row in checked if row["errors"]]
    if problems:
        raise RuleError("\n".join(problems))
    made = []
    for line, cells in rows:
        number, category, name, unit, nature, kind, direction, bureaus, *figures = cells
        why = f"Excel导入(第{line}行)"
        category_obj = plan.categories.filter(name=category).first() or recorded(
            Category(plan=plan, name=category, position=plan.categories.count() + 1),
            user=user,
            reason=why,
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
            baseline=normalize(figures[0]),
            target_year=plan.end_year,
            target=normalize(figures[1]),
            target_growth=normalize(figures[2]),
        )
        recorded(indicator, user=user, reason=why)
        indicator_bureaus_add(
            indicator=indicator, printed_names=_bureau_names(bureaus), user=user, reason=why
        )
        made.append(indicator)
    plan_changed(plan)
    return made
