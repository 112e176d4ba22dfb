"""Changes to an indicator: its definition (name, unit, category, bureaus' order …) and
its target. Whatever moves the target - the base or target figure, the growth or
cumulative target, the base or target year, the kind or the direction - is a target
revision (目标调整): it needs a reason and an effective date, and it keeps what it
replaced, so the original target stays visible.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from ..models import Category, Indicator, Plan, TargetRevision
from ..notation import NotationError, normalize, parse
from ..validation import figure_size_error
from ..vocabulary import Direction, Kind
from .changes import RuleError, plan_changed, recorded, require_planner, text_error

FIGURE_FIELDS = ("baseline", "target", "target_growth")
DEFINITION_FIELDS = ("baseline_year", "target_year", "kind", "direction")
# Every field whose change moves the target: only target_revise() changes them.
REVISED_FIELDS = FIGURE_FIELDS + DEFINITION_FIELDS
# What an edit may change without a revision (the admin's other fields).
EDITABLE_FIELDS = (
    "category",
    "number",
    "name",
    "unit",
    "nature",
    "official_assessment",
    "companion_label",
    "predecessor",
    "reference",
)
REASON_LIMIT = 2000


def _current(indicator: Indicator, field: str):
    value = getattr(indicator, field)
    return value.text if field in FIGURE_FIELDS else value


def target_revision_check(
    *,
    indicator: Indicator,
    changes: dict,
    reason: str,
    effective_date: datetime.date | None,
) -> tuple[dict, dict[str, str]]:
    """Dry run of target_revise: (the new values, read and folded; errors by field).

    `changes` maps fields of REVISED_FIELDS to new values: figures as typed (folded
    to half-width, read by notation.parse), years as int, kind and direction as
    their stored values. Unchanged fields may be left out."""
    errors: dict[str, str] = {}
    new = {field: _current(indicator, field) for field in REVISED_FIELDS}
    for field, value in changes.items():
        if field not in REVISED_FIELDS:
            errors[""] = f"“{field}”不是目标的一部分。"
        elif field in FIGURE_FIELDS:
            text = normalize(getattr(value, "text", value) or "")
            try:
                figure = parse(text)
            except NotationError as error:
                errors[field] = str(error)
            else:
                new[field] = figure.text
                if error := figure_size_error(figure, "数值"):
                    errors[field] = error
        else:
            new[field] = value
    if new["kind"] not in set(Kind):
        errors["kind"] = "类型应为:" + "、".join(kind.label for kind in Kind) + "。"
    if new["direction"] not in set(Direction):
        errors["direction"] = "方向应为越高越好或越低越好。"
    plan = indicator.plan
    for field in ("baseline_year", "target_year"):
        if not isinstance(new[field], int) or not 1949 <= new[field] <= 2100:
            errors[field] = "年份应为1949至2100之间的整数。"
    if not errors.keys() & {"baseline_year", "target_year"}:
        if new["baseline_year"] >= new["target_year"]:
            errors["target_year"] = "目标年应晚于基期年。"
        elif not plan.start_year <= new["target_year"] <= plan.end_year:
            errors["target_year"] = (
                f"目标年应在{plan.name}规划期({plan.start_year}—{plan.end_year}年)内。"
            )
        elif new["baseline_year"] > plan.start_year:
            errors["baseline_year"] = f"基期年不能晚于{plan.name}的起始年{plan.start_year}。"
    if not (reason or "").strip():
        errors["reason"] = "调整目标必须写明原因。"
    elif error := text_error(reason.strip(), limit=REASON_LIMIT, label="调整原因"):
        errors["reason"] = error
    if not isinstance(effective_date, datetime.date):
        errors["effective_date"] = "调整目标必须填写生效日期(如2024-03-01)。"
    elif effective_date > datetime.date.today():
        errors["effective_date"] = "生效日期不能晚于今天;尚未生效的调整请在生效后录入。"
    elif effective_date.year < plan.base_year:
        errors["effective_date"] = f"生效日期不能早于{plan.name}的基期年{plan.base_year}年。"
    if not errors and all(new[f] == _current(indicator, f) for f in REVISED_FIELDS):
        errors[""] = "目标没有改变。"
    return new, errors


@transaction.atomic
def target_revise(
    *,
    indicator: Indicator,
    user,
    reason: str,
    effective_date: datetime.date | None,
    **changes,
) -> TargetRevision:
    """Change what an indicator's target is (any of REVISED_FIELDS). Nothing is
    overwritten: the revision keeps the replaced values, the history keeps who and
    why, and progress is recomputed on the target now in force.
    Raises RuleError with errors by field."""
    require_planner(user, "调整目标")
    new, errors = target_revision_check(
        indicator=indicator, changes=changes, reason=reason, effective_date=effective_date
    )
    if errors:
        raise RuleError(errors)
    old = {field: _current(indicator, field) for field in REVISED_FIELDS}
    reason = reason.strip()
    revision = TargetRevision(
        indicator=indicator,
        reason=reason,
        effective_date=effective_date,
        recorded_by=user,
        **{f"old_{field}": value for field, value in old.items()},
        **new,
    )
    revision.full_clean()
    revision.save()
    for field, value in new.items():
        setattr(indicator, field, value)
    recorded(indicator, user=user, reason=f"目标调整({effective_date:%Y-%m-%d}生效):{reason}")
    plan_changed(indicator.plan, indicators=[indicator])
    return revision


def indicator_update_check(
    *, indicator: Indicator, changes: dict, reason: str = "", effective_date=None
) -> dict[str, str]:
    """Dry run of indicator_update: errors by field (empty when it would be saved)."""
    revised = {f: v for f, v in changes.items() if f in REVISED_FIELDS}
    moved = {f: v for f, v in revised.items() if v != _current(indicator, f)}
    errors = {}
    if moved:
        _, errors = target_revision_check(
            indicator=indicator, changes=moved, reason=reason, effective_date=effective_date
        )
    unknown = set(changes) - set(REVISED_FIELDS) - set(EDITABLE_FIELDS)
    if unknown:
        errors[""] = "不能在此修改:" + "、".join(sorted(unknown))
    category = changes.get("category")
    if category is not None and category.plan_id != indicator.plan_id:
        errors["category"] = f"类别“{category.name}”不属于{indicator.plan.name}。"
    reference = changes.get("reference")
    if reference is not None and (
        reference.plan_id != indicator.plan_id or reference.pk == indicator.pk
    ):
        errors["reference"] = "同步比较的指标应是同一规划中的另一项指标。"
    number = changes.get("number")
    if (
        number is not None
        and number != indicator.number
        and indicator.plan.indicators.filter(number=number).exists()
    ):
        errors["number"] = f"{indicator.plan.name}已有第{number}项指标。"
    return errors


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    user,
    changes: dict,
    reason: str = "",
    effective_date: datetime.date | None = None,
) -> Indicator:
    """Edit an indicator (the admin's form). Fields of REVISED_FIELDS that change go
    through target_revise (reason and effective date required); the others are saved
    with `reason` (or "管理后台修改") in the history. Raises RuleError."""
    require_planner(user, "修改指标")
    errors = indicator_update_check(
        indicator=indicator, changes=changes, reason=reason, effective_date=effective_date
    )
    if errors:
        raise RuleError(errors)
    plain = {f: v for f, v in changes.items() if f in EDITABLE_FIELDS}
    moved = {
        f: v for f, v in changes.items() if f in REVISED_FIELDS and v != _current(indicator, f)
    }
    if any(getattr(indicator, f) != v for f, v in plain.items()):
        for field, value in plain.items():
            setattr(indicator, field, value)
        recorded(indicator, user=user, reason=reason.strip() or "管理后台修改")
    if moved:
        target_revise(
            indicator=indicator, user=user, reason=reason, effective_date=effective_date, **moved
        )
    else:
        plan_changed(indicator.plan, indicators=[indicator])
    return indicator


@transaction.atomic
def indicator_create(
    *, plan: Plan, category: Category, user, reason: str = "管理后台新建", **fields
) -> Indicator:
    """A new indicator of `plan` (the admin's add form); figures are folded and read
    like any typed figure. Responsible bureaus are added with bureaus.indicator_bureau_save."""
    require_planner(user, "新建指标")
    if category.plan_id != plan.pk:
        raise RuleError({"category": f"类别“{category.name}”不属于{plan.name}。"})
    if plan.indicators.filter(number=fields.get("number")).exists():
        raise RuleError({"number": f"{plan.name}已有第{fields['number']}项指标。"})
    for field in FIGURE_FIELDS:
        fields[field] = normalize(getattr(fields.get(field), "text", fields.get(field)) or "")
    fields.setdefault("baseline_year", plan.base_year)
    fields.setdefault("target_year", plan.end_year)
    indicator = recorded(
        Indicator(plan=plan, category=category, **fields), user=user, reason=reason
    )
    plan_changed(plan, indicators=[indicator])
    return indicator
