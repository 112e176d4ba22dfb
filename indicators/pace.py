"""序时进度 (time-proportional pace) at any year, and the mid-term classes.

The second clock beside progress.assess: where an indicator should stand in a
given year if the plan advanced evenly, where it stands, the gap in the unit
officials write it in, and the class of the mid-term evaluation (提前实现 /
快于预期 / 基本符合预期 / 滞后于预期, or 无数据 / 定性评估 / 无法按增速评估).

Pure: the same ProgressInput as progress.assess, plain values out. The method,
the tolerance and hand-worked examples are in docs/progress.md, section
"序时进度与中期评估分类".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .progress import (
    ABOUT_TOLERANCE_LEVEL,
    ABOUT_TOLERANCE_POINTS,
    EPSILON,
    IN_STEP_TOLERANCE_POINTS,
    Bound,
    ProgressInput,
    compounds,
    cut,
    growth_unjudgeable,
    level_goal,
)
from .vocabulary import Comparator, Direction, Kind, MidTermClass, Qualitative

# "About on pace" (基本符合预期), docs/progress.md gives the why:
# - levels, shares, cumulative: 完成进度 (the share of the five-year task done) within
#   5 percentage points of 序时进度 (the share of the time gone), the measure officials
#   write ("超序时进度7.33个百分点"); 5 points is a quarter of a year of a five-year plan;
# - rates and in-step targets: the average growth within 0.5 percentage points of the
#   target rate, the tolerance with which the engine reads "7左右".
PACE_TOLERANCE_POINTS = 5.0
RATE_TOLERANCE_POINTS = ABOUT_TOLERANCE_POINTS
# A bound held year after year (unemployment <6, a floor met at the base year) may
# be crossed by a hair in one year: within the tolerance that reads "左右".
BREACH_TOLERANCE_POINTS = ABOUT_TOLERANCE_POINTS
BREACH_TOLERANCE_LEVEL = ABOUT_TOLERANCE_LEVEL
POINTS = "个百分点"


@dataclass(frozen=True)
class Pace:
    """One indicator against its 序时进度 at the end of `as_of`.

    - `year`: the year of `actual`, the latest figure up to `as_of` (None: no figure);
    - `expected`: where the target path stands in `year` (in `as_of` when there is
      no figure), in the indicator's unit; for a rate, the target rate (%); for a
      bound held every year, the bound; for 与经济增长同步, GDP's average growth;
    - `actual`: the latest value, the running sum of a cumulative target, or the
      average yearly growth (compound) of a rate;
    - `gap`: actual against expected, positive when ahead (on the good side, also
      for lower-is-better indicators), in `gap_unit`: "个百分点" for rates and
      shares, "%" (relative) for levels on a compound path, the indicator's own
      unit (万人, 件, 年) for cumulative targets and levels on a straight path;
    - `done`, `due`: 完成进度 and 序时进度 in percent of the five-year task (the way
      from the base to the target, in the log of levels on a compound path, in the
      compound index for rates) and of the plan's time; None where not defined;
    - `basis`: one Chinese sentence saying how it was judged.
    """

    as_of: int
    label: MidTermClass
    basis: str
    year: int | None = None
    expected: float | None = None
    actual: float | None = None
    gap: float | None = None
    gap_unit: str = ""
    done: float | None = None
    due: float | None = None


def pace(spec: ProgressInput, as_of: int) -> Pace:
    """序时进度 and the mid-term class of one indicator at the end of year `as_of`.

    Observations after `as_of` are ignored (the caller may pass them cut or not).
    Never raises on the numbers of a ProgressInput and never returns NaN or inf:
    what cannot be judged gets 无数据, 定性评估 or 无法按增速评估 with the reason.
    """
    spec = cut(spec, as_of)
    if spec.qualitative in (Qualitative.IN_STEP_WITH_GDP, Qualitative.ABOVE_GDP):
        return _in_step(spec, as_of)
    if spec.qualitative or spec.kind == Kind.QUALITATIVE:
        phrase = f"({Qualitative(spec.qualitative).label})" if spec.qualitative else ""
        return Pace(as_of, MidTermClass.QUALITATIVE, f"目标为定性表述{phrase},由规划管理员评估。")
    if growth_unjudgeable(spec):
        base = "0" if spec.baseline == 0 else "负数"
        return Pace(
            as_of,
            MidTermClass.UNJUDGEABLE,
            f"基期值为{base},按增速目标算不出序时进度,无法按增速评估,需由规划管理员评估。",
        )
    if spec.kind == Kind.RATE:
        return _rate(spec, as_of)
    return _levels(spec, as_of)


# ------------------------------------------------------------------ wording


def _num(x: float) -> str:
    """At most two decimals, no trailing zeros: 8.1, 1225.37, 0.04."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _bound_text(bound: Bound, unit: str) -> str:
    """A target as it is printed: >1145, <6%, 7%左右, 10-15."""
    value = _num(bound.value)
    if bound.comparator == Comparator.RANGE and bound.upper is not None:
        return f"{value}-{_num(bound.upper)}{unit}"
    prefix = {
        Comparator.ABOVE: ">",
        Comparator.BELOW: "<",
        Comparator.AT_LEAST: "≥",
        Comparator.AT_MOST: "≤",
    }.get(bound.comparator, "")
    suffix = "左右" if bound.comparator == Comparator.ABOUT else ""
    return f"{prefix}{value}{unit}{suffix}"


def _cumulative_text(value: float) -> str:
    return f"〔{_num(value)}〕"


def _compared(gap: float, direction: Direction, gap_unit: str) -> str:
    """ "高于序时进度0.8个百分点" (lower-is-better: "快于/慢于")."""
    size = f"{_num(abs(gap))}{gap_unit}"
    if abs(gap) < 0.005:
        return "与序时进度持平"
    if direction == Direction.INCREASE:
        return f"{'高于' if gap > 0 else '低于'}序时进度{size}"
    return f"{'快于' if gap > 0 else '慢于'}序时进度{size}"


def _classify(ahead: float, tolerance: float) -> MidTermClass:
    """`ahead`: how far ahead of pace (negative: behind), in the tolerance's unit."""
    if ahead > tolerance + EPSILON:
        return MidTermClass.AHEAD
    if ahead >= -tolerance - EPSILON:
        return MidTermClass.ON_PACE
    return MidTermClass.BEHIND


def _latest_note(as_of: int, year: int) -> str:
    return f"截至{as_of}年最新数据为{year}年," if year < as_of else ""


# ------------------------------------------------ levels, shares, cumulative


def _levels(spec: ProgressInput, as_of: int) -> Pace:
    unit = spec.unit
    sign = 1 if spec.direction == Direction.INCREASE else -1
    cumulative = spec.kind == Kind.CUMULATIVE
    observed = [(o.year, o.value) for o in spec.observations if o.value is not None]
    if cumulative:
        running, series = 0.0, []
        for year, value in observed:
            running += value
            series.append((year, running))
        goal, start_year, start = spec.cumulative, spec.baseline_year, 0.0
    else:
        series = observed
        goal, start_year, start = level_goal(spec), spec.baseline_year, spec.baseline
        if start is None and series:
            start_year, start = series[0]  # no printed baseline ("-"): the first year
    if goal is None:
        return Pace(as_of, MidTermClass.NO_DATA, "目标没有数值,无法计算序时进度。")

    span = spec.target_year - start_year
    points = spec.kind == Kind.SHARE
    logarithmic = start is not None and compounds(spec, [start, goal, *(v for _, v in series)])

    def expected_in(year: int) -> float | None:
        if start is None or span <= 0:
            return None
        share_of_time = min(max((year - start_year) / span, 0.0), 1.0)
        if logarithmic:
            return start * (goal / start) ** share_of_time
        return start + (goal - start) * share_of_time

    if not series:
        expected = expected_in(as_of) if as_of > spec.baseline_year else None
        due = f",按序时应达到{_num(expected)}{unit}" if expected is not None else ""
        return Pace(as_of, MidTermClass.NO_DATA, f"截至{as_of}年尚无数值{due}。", expected=expected)

    year, actual = series[-1]
    note = _latest_note(as_of, year)
    # A bound held every year: met at the base year, or printed under 年均增长 for a
    # share ("<6" unemployment, no baseline). Holding it is 基本符合预期.
    held = not cumulative and (
        (spec.baseline is not None and sign * (spec.baseline - goal) >= -EPSILON)
        or (points and spec.target is None and spec.growth is not None)
    )
    if held:
        bound = spec.target or spec.growth
        return _held(
            spec, as_of, series, goal, bound, sign, points=points, unit=unit, base=spec.baseline
        )

    if cumulative:
        target_text = _cumulative_text(goal)
    elif spec.target is not None:
        target_text = _bound_text(spec.target, unit)
    elif spec.growth is not None and not points:
        target_text = f"年均增长{_bound_text(spec.growth, '%')}"
    else:
        target_text = f"{_num(goal)}{unit}"
    expected = expected_in(year)
    gap, gap_unit = _gap(actual, expected, sign, points=points, logarithmic=logarithmic, unit=unit)

    to_u = math.log if logarithmic else (lambda x: x)
    done = due = None
    if start is not None and span > 0 and abs(to_u(goal) - to_u(start)) > EPSILON:
        done = (to_u(actual) - to_u(start)) / (to_u(goal) - to_u(start)) * 100
        due = min(max((year - start_year) / span, 0.0), 1.0) * 100

    def at(label: MidTermClass, basis: str) -> Pace:
        return Pace(as_of, label, basis, year, expected, actual, gap, gap_unit, done, due)

    # ">10.8" (高于) is met only above 10.8; "≥", a number or "左右" at it.
    strict = spec.target is not None and spec.target.comparator in (
        Comparator.ABOVE,
        Comparator.BELOW,
    )
    if sign * (actual - goal) > EPSILON if strict else sign * (actual - goal) >= -EPSILON:
        when = "目标年已到" if year >= spec.target_year else f"提前达到{spec.target_year}年目标"
        if cumulative:
            return at(
                MidTermClass.ACHIEVED,
                f"{note}五年累计目标{target_text},截至{year}年累计完成{_num(actual)}{unit},"
                f"{when}。",
            )
        return at(
            MidTermClass.ACHIEVED,
            f"{note}{year}年为{_num(actual)}{unit},{when}({target_text})。",
        )
    if expected is None or done is None or year <= start_year:
        return at(MidTermClass.NO_DATA, f"{note}缺少基期值,至少需要两年数据才能判断序时进度。")

    label = _classify(done - due, PACE_TOLERANCE_POINTS)
    progress = f"完成进度{_num(done)}%、序时进度{_num(due)}%"
    if cumulative:
        basis = (
            f"{note}五年累计目标{target_text},按序时截至{year}年应完成{_num(expected)}{unit},"
            f"实际完成{_num(actual)}{unit},{_compared(gap, spec.direction, gap_unit)}"
            f"({progress})。"
        )
    else:
        basis = (
            f"{note}{year}年为{_num(actual)}{unit},按序时应达到{_num(expected)}{unit}"
            f"(目标{target_text}),{_compared(gap, spec.direction, gap_unit)}({progress})。"
        )
    return at(label, basis)


def _gap(
    actual: float, expected: float | None, sign: int, *, points: bool, logarithmic: bool, unit: str
) -> tuple[float | None, str]:
    """The gap in the unit officials write: points, a relative % for a compound
    level ("低于序时进度1.8%"), else the indicator's own unit."""
    if expected is None:
        return None, ""
    if points:
        return sign * (actual - expected), POINTS
    if logarithmic:
        return sign * (actual / expected - 1) * 100, "%"
    # A cumulative reduction in % (〔13.5〕 energy intensity) differs in points.
    return sign * (actual - expected), POINTS if unit == "%" else unit


def _held(
    spec: ProgressInput,
    as_of: int,
    series: list[tuple[int, float]],
    goal: float,
    bound: Bound | None,
    sign: int,
    *,
    points: bool,
    unit: str,
    base: float | None,
) -> Pace:
    """A floor or ceiling to keep every year. Held: 基本符合预期, not 提前实现.
    One small breach (within the "左右" tolerance) in the latest year is a shock,
    not a trend: still 基本符合预期, and the basis says so. Two breaches in a row,
    or a large one: 滞后于预期. `base` is the baseline if it counts (not a rate's)."""
    year, actual = series[-1]
    note = _latest_note(as_of, year)
    gap_unit = POINTS if points else "%"
    gap = sign * (actual - goal) if points else sign * (actual / goal - 1) * 100 if goal else None
    if gap is None:  # a bound of 0 held as a level: the unit is the indicator's own
        gap, gap_unit = sign * (actual - goal), unit
    tolerance = BREACH_TOLERANCE_POINTS if points else abs(goal) * BREACH_TOLERANCE_LEVEL
    target_text = _bound_text(bound, unit) if bound else f"{_num(goal)}{unit}"
    side = "以上" if sign > 0 else "以内"
    why = (
        f"基期({spec.baseline_year}年{_num(base)}{unit})已达到目标{target_text}"
        if base is not None
        else f"目标{target_text}为各年控制线"
    )

    def at(label: MidTermClass, basis: str) -> Pace:
        return Pace(as_of, label, basis, year, goal, actual, gap, gap_unit)

    breach = [(y, sign * (goal - v)) for y, v in series]  # > 0: on the wrong side
    over = breach[-1][1]
    if over <= EPSILON:
        earlier = [str(y) for y, b in breach[:-1] if b > EPSILON]
        recovered = f"({'、'.join(earlier)}年曾越过,已恢复)" if earlier else ""
        final = year >= spec.target_year
        return at(
            MidTermClass.ACHIEVED if final else MidTermClass.ON_PACE,
            f"{note}{why},{year}年为{_num(actual)}{unit},保持在目标{side}{recovered},属保持目标。",
        )
    size = f"{_num(over)}{POINTS if points else unit}"
    word = "超出" if sign < 0 else "低于"
    previous_breached = len(breach) >= 2 and breach[-2][1] > EPSILON
    if previous_breached:
        return at(
            MidTermClass.BEHIND,
            f"{note}{why},{breach[-2][0]}、{year}年连续{word}目标,"
            f"{year}年为{_num(actual)}{unit}({word}{size}),已成趋势。",
        )
    if over > tolerance + EPSILON:
        return at(
            MidTermClass.BEHIND,
            f"{note}{why},{year}年为{_num(actual)}{unit},{word}目标{size},超过容差。",
        )
    allowed = f"{_num(tolerance)}{POINTS if points else unit}"
    return at(
        MidTermClass.ON_PACE,
        f"{note}{why},{year}年为{_num(actual)}{unit},{word}目标{size},"
        f"仅此一年且在{allowed}容差以内,按基本符合预期(单年波动,非趋势)。",
    )


# ------------------------------------------------------------------- rates


def _mean_rate(rates: list[float]) -> float:
    """The compound average of yearly rates, in percent (never from levels)."""
    logs = [math.log1p(max(rate, -99.9) / 100) for rate in rates]
    return math.expm1(sum(logs) / len(logs)) * 100


def _rate(spec: ProgressInput, as_of: int) -> Pace:
    """The average growth so far against the target rate, within 0.5 points on pace.
    A ceiling on a rate is a bound to hold every year; a range is its own band."""
    target = spec.growth
    if target is None:
        return Pace(as_of, MidTermClass.NO_DATA, "目标增速没有数值,无法计算序时进度。")
    sign = 1 if spec.direction == Direction.INCREASE else -1
    rates = [
        (o.year, o.growth)
        for o in spec.observations
        if o.growth is not None and o.year > spec.baseline_year
    ]
    target_text = _bound_text(target, "%")
    if not rates:
        return Pace(
            as_of,
            MidTermClass.NO_DATA,
            f"截至{as_of}年尚无年度增速,按目标应年均增长{target_text}。",
            expected=target.value,
        )
    if target.comparator in (Comparator.BELOW, Comparator.AT_MOST) or (
        sign < 0 and target.comparator == Comparator.EXACT
    ):
        return _held(spec, as_of, rates, target.value, target, -1, points=True, unit="%", base=None)

    year = rates[-1][0]
    mean = _mean_rate([rate for _, rate in rates])
    period = f"{rates[0][0]}—{year}年年均增长" if len(rates) > 1 else f"{year}年增长"
    span = spec.target_year - spec.baseline_year
    done = due = None
    if target.value > EPSILON and span > 0:
        # In the compound index: Σ ln(1+g) against n·ln(1+G), as progress.assess.
        index = sum(math.log1p(max(rate, -99.9) / 100) for _, rate in rates)
        done = index / (span * math.log1p(target.value / 100)) * 100
        due = min((year - spec.baseline_year) / span, 1.0) * 100

    if target.comparator == Comparator.RANGE and target.upper is not None:
        # "6-7": the range is the band; the gap is to its nearer edge.
        good, bad = (target.upper, target.value) if sign > 0 else (target.value, target.upper)
        if sign * (mean - good) > EPSILON:
            gap = sign * (mean - good)
        elif sign * (mean - bad) < -EPSILON:
            gap = sign * (mean - bad)
        else:
            gap = 0.0
        label = _classify(gap, 0.0)
    else:
        # ">7", "7", "7左右": within 0.5 points of the printed rate.
        gap = sign * (mean - target.value)
        label = _classify(gap, RATE_TOLERANCE_POINTS)
    if year >= spec.target_year and label != MidTermClass.BEHIND:
        met = target.comparator in (Comparator.ABOUT, Comparator.RANGE) or gap >= -EPSILON
        label = MidTermClass.ACHIEVED if met else label
    compared = _compared(gap, spec.direction, POINTS)
    if target.comparator == Comparator.RANGE and gap == 0:
        compared = "处于目标区间内"
    final = ",目标年已到,目标已实现" if label == MidTermClass.ACHIEVED else ""
    basis = (
        f"{_latest_note(as_of, year)}{period}{_num(mean)}%,{compared}(目标{target_text}){final}。"
    )
    return Pace(as_of, label, basis, year, target.value, mean, gap, POINTS, done, due)


def _in_step(spec: ProgressInput, as_of: int) -> Pace:
    """与经济增长(基本)同步 / 高于经济增长: the indicator's average growth against
    GDP's over the same years. A relation to keep, like a bound: held or not."""
    own = {o.year: o.growth for o in spec.observations if o.growth is not None}
    reference = {o.year: o.growth for o in spec.reference_growth if o.growth is not None}
    if not own:
        if spec.observations:
            return Pace(as_of, MidTermClass.QUALITATIVE, "各年情况为文字表述,由规划管理员评估。")
        return Pace(as_of, MidTermClass.NO_DATA, f"截至{as_of}年尚无年度增速。")
    years = sorted(set(own) & set(reference))
    if not years:
        return Pace(as_of, MidTermClass.NO_DATA, "缺少同年的地区生产总值增速,无法比较。")
    mean = _mean_rate([own[y] for y in years])
    gdp = _mean_rate([reference[y] for y in years])
    gap = mean - gdp
    in_step = spec.qualitative == Qualitative.IN_STEP_WITH_GDP
    slack = IN_STEP_TOLERANCE_POINTS if in_step else 0.0
    period = f"{years[0]}—{years[-1]}年年均" if len(years) > 1 else f"{years[-1]}年"
    held = gap >= -slack - EPSILON
    if held:
        words = "与经济增长基本同步" if in_step else "高于经济增长"
        label = MidTermClass.ACHIEVED if years[-1] >= spec.target_year else MidTermClass.ON_PACE
    else:
        words = "未能与经济增长同步" if in_step else "未高于经济增长"
        label = MidTermClass.BEHIND
    side = "高出" if gap >= 0 else "低"
    return Pace(
        as_of,
        label,
        f"{_latest_note(as_of, years[-1])}{period}增长{_num(mean)}%,同期地区生产总值增长"
        f"{_num(gdp)}%,{side}{_num(abs(gap))}个百分点,{words}"
        f"{'(容差0.5个百分点)' if in_step else ''}。",
        years[-1],
        gdp,
        mean,
        gap,
        POINTS,
    )
