"""Checks on a value typed or uploaded by bureau staff. Pure: plain data in, verdict out.

Errors refuse the entry; warnings need an explicit confirmation with a note.
Every message is Chinese and says what is wrong and what to do.

An actual yearly value (and its growth) is a measured number: the printed forms that
only a target can take are refused here, with the reason: a comparator ("＞1200",
"≥95", "95%以上"), "左右"/"约", a range, a five-year bracket, a direction word
("下降2.2%": type -2.2), a footnote marker ("7.5¹"), more than MAX_SIGNIFICANT_DIGITS
digits or a magnitude of MAX_MAGNITUDE or more. A qualitative indicator may report a
phrase instead, a failure as well as a success ("已完成", "基本完成", "未完成").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .notation import Comparator, Figure, NotationError, parse

# A change from the previous year beyond these asks for confirmation.
LEVEL_CHANGE_LIMIT = 0.5  # ±50 % for levels and flows
SHARE_CHANGE_LIMIT = 10.0  # ±10 percentage points for shares
RATE_CHANGE_LIMIT = 15.0  # ±15 points between two years' growth rates
# A measured number: no statistic this tracker holds needs more digits or a larger size
# (the largest are in 万元, around 10^8); a longer number is a typing slip.
MAX_SIGNIFICANT_DIGITS = 15
MAX_MAGNITUDE = Decimal(10) ** 12


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
    """Check one typed year: `value_text` in the indicator's unit, `growth_text` in percent.

    Returns an EntryCheck whose `errors` maps "year", "value" or "growth" to a Chinese
    message (empty when the entry may be saved) and whose `warnings` need confirming.
    Never raises on any text."""
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


def _not_measured(figure: Figure, what: str) -> str | None:
    """Why `figure` cannot be an actual (measured) number, or None if it can be."""
    if figure.marker:
        return (
            f"{what}后面带有注释标记(上标数字、圈码或*号),请删除标记,只填写数字;注释请写在备注里。"
        )
    if figure.direction is not None:
        return (
            f"{what}请直接填写带正负号的数:下降请填负数(如“下降2.2%”填-2.2),增长填正数,"
            "不要写“增长”“下降”等文字。"
        )
    comparator = figure.comparator or Comparator.EXACT
    if comparator is Comparator.ABOUT:
        return f"{what}是统计得到的实际数,不能写“左右”或“约”,请填写确切的数。"
    if comparator in (
        Comparator.ABOVE,
        Comparator.BELOW,
        Comparator.AT_LEAST,
        Comparator.AT_MOST,
    ):
        return (
            f"{what}是统计得到的实际数,不能带“＞”“＜”“≥”“不低于”“以上”“以内”等比较关系"
            "(那是目标的写法),请填写确切的数。"
        )
    return _too_long(figure.value, what)


def figure_size_error(figure: Figure, what: str) -> str | None:
    """A figure whose number (or the upper end of its range) has too many digits or is
    implausibly large, for printed targets and published figures alike; else None."""
    return _too_long(figure.value, what) or _too_long(figure.upper, what)


def _too_long(number: Decimal | None, what: str) -> str | None:
    if number is None:
        return None
    if len(number.as_tuple().digits) > MAX_SIGNIFICANT_DIGITS:
        return f"{what}的数字位数过多(最多{MAX_SIGNIFICANT_DIGITS}位),请检查是否多输入了数字。"
    if abs(number) >= MAX_MAGNITUDE:
        return f"{what}大得不合理(应小于1万亿),请检查单位和位数。"
    return None


def _check_value(rules: EntryRules, value: Figure, check: EntryCheck) -> None:
    if value.is_blank:
        return
    if value.is_dash:
        check.errors["value"] = "请填写数值;没有数据时请不要保存。"
    elif value.marker:
        check.errors["value"] = _not_measured(value, "年度数值") or ""
    elif value.qualitative is not None and not (
        rules.qualitative_allowed or rules.kind == "qualitative"
    ):
        check.errors["value"] = f"本指标需要填写数值,不能只写“{value.text}”。"
    elif value.cumulative:
        check.errors["value"] = "年度数值不能用[ ]或【】,那是五年累计目标的写法。"
    elif value.comparator is Comparator.RANGE:
        check.errors["value"] = "年度数值应为一个数,不能是区间。"
    elif why := _not_measured(value, "年度数值"):
        check.errors["value"] = why
    elif value.per_mille and rules.unit != "‰":
        check.errors["value"] = (
            f"本指标单位为{rules.unit or '无'},数值不能带“‰”。请按{rules.unit or '指标单位'}填写。"
        )
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
    elif why := _not_measured(growth, "增速"):
        check.errors["growth"] = why
    elif growth.per_mille:
        check.errors["growth"] = "增速以百分比填写,不能带“‰”。"
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
