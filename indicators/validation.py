"""Checks on a value typed or uploaded by bureau staff. Pure: plain data in, verdict out.

Errors refuse the entry; warnings need an explicit confirmation with a note.
Every message is Chinese and says what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .notation import Comparator, Figure, NotationError, parse

# A change from the previous year beyond these asks for confirmation.
LEVEL_CHANGE_LIMIT = 0.5  # ±50 % for levels and flows
SHARE_CHANGE_LIMIT = 10.0  # ±10 percentage points for shares
RATE_CHANGE_LIMIT = 15.0  # ±15 points between two years' growth rates


@dataclass(frozen=True)
class EntryRules:
    """What the checks need to know about the indicator and its previous year."""

    plan_name: str
    start_year: int
    end_year: int
    kind: str
    unit: str
    qualitative_allowed: bool = False  # the target itself is a phrase (全覆盖 ...)
    previous_year: int | None = None
    previous_value: float | None = None
    previous_growth: float | None = None


@dataclass
class EntryCheck:
    value: Figure | None = None
    growth: Figure | None = None
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _read(text: str, field_name: str, check: EntryCheck) -> Figure | None:
    try:
        return parse(text or "")
    except NotationError as error:
        check.errors[field_name] = str(error)
        return None


def check_entry(rules: EntryRules, year: int, value_text: str, growth_text: str) -> EntryCheck:
    check = EntryCheck()
    if not rules.start_year <= year <= rules.end_year:
        check.errors["year"] = (
            f"{year}年不在{rules.plan_name}规划期({rules.start_year}—{rules.end_year}年)内。"
        )
    value = _read(value_text, "value", check)
    growth = _read(growth_text, "growth", check)
    if value is not None:
        _check_value(rules, value, check)
    if growth is not None:
        _check_growth(growth, check)
    if value is not None and growth is not None and "value" not in check.errors:
        if rules.kind == "rate" and growth.is_blank and "growth" not in check.errors:
            check.errors["growth"] = "本指标是增速指标,请填写增速。"
        elif value.is_blank and growth.is_blank:
            check.errors["value"] = "请填写数值。"
    check.value, check.growth = value, growth
    if check.ok:
        _warn(rules, value, growth, check)
    return check


def _check_value(rules: EntryRules, value: Figure, check: EntryCheck) -> None:
    if value.is_blank:
        return
    if value.is_dash:
        check.errors["value"] = "请填写数值;没有数据时请不要保存。"
    elif value.qualitative is not None and not (
        rules.qualitative_allowed or rules.kind == "qualitative"
    ):
        check.errors["value"] = f"本指标需要填写数值,不能只写“{value.text}”。"
    elif value.cumulative:
        check.errors["value"] = "年度数值不能用[ ]或【】,那是五年累计目标的写法。"
    elif value.comparator is Comparator.RANGE:
        check.errors["value"] = "年度数值应为一个数,不能是区间。"
    elif value.percent and rules.unit != "%":
        check.errors["value"] = (
            f"本指标单位为{rules.unit or '无'},数值不能带“%”。请按{rules.unit}填写。"
        )
    elif rules.kind == "share" and value.value is not None and not 0 <= value.value <= 100:
        check.errors["value"] = "比率应在0到100之间。"


def _check_growth(growth: Figure, check: EntryCheck) -> None:
    if growth.is_blank:
        return
    if growth.value is None:
        check.errors["growth"] = "增速应为数字,如 8.5 或 8.5%。"
    elif growth.cumulative or growth.comparator is Comparator.RANGE:
        check.errors["growth"] = "增速应为一个数,不能是区间或累计数。"
    elif growth.value <= -100:
        check.errors["growth"] = "增速不能低于-100%。"


def _warn(rules: EntryRules, value: Figure, growth: Figure, check: EntryCheck) -> None:
    number = float(value.value) if value.value is not None else None
    if number is not None and number < 0 and rules.kind in {"level", "cumulative"}:
        check.warnings.append(f"总量为负数({value.text}),请确认。")
    previous = rules.previous_value
    if number is not None and previous is not None:
        if rules.kind == "share":
            if abs(number - previous) > SHARE_CHANGE_LIMIT:
                check.warnings.append(
                    f"与{rules.previous_year}年的{previous:g}相比变化超过"
                    f"{SHARE_CHANGE_LIMIT:g}个百分点,请确认。"
                )
        elif previous > 0 and abs(number / previous - 1) > LEVEL_CHANGE_LIMIT:
            check.warnings.append(
                f"与{rules.previous_year}年的{previous:g}相比变化超过"
                f"{LEVEL_CHANGE_LIMIT:.0%},请确认。"
            )
    rate = float(growth.value) if growth.value is not None else None
    previous_rate = rules.previous_growth
    if (
        rate is not None
        and previous_rate is not None
        and abs(rate - previous_rate) > RATE_CHANGE_LIMIT
    ):
        check.warnings.append(
            f"增速与{rules.previous_year}年的{rules.previous_growth:g}%相差超过"
            f"{RATE_CHANGE_LIMIT:g}个百分点,请确认。"
        )
