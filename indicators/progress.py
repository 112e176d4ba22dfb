"""Progress toward plan targets: target paths, projections and statuses.

Pure functions on plain numbers, no ORM, so that they can be tested on their own.
The method, its formulas and thresholds are in docs/progress.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .vocabulary import Comparator, Direction, Kind, Qualitative, Status, Verdict


@dataclass(frozen=True)
class PathInput:
    """What the target path needs to know about an indicator.

    `growth` is the target annual growth in percent (9 for ">9%");
    `cumulative` is a five-year cumulative change ([0.39], 【5】) in the
    indicator's own unit, percentage points for a share.
    """

    kind: Kind
    baseline_year: int
    target_year: int
    baseline: float | None = None
    target: float | None = None
    growth: float | None = None
    cumulative: float | None = None


def target_path(spec: PathInput) -> list[tuple[int, float]]:
    """The expected value in each year from the base year to the target year.

    - a level with a growth target compounds from the baseline (GDP at 9% a year);
    - a level with only an end target compounds at the rate that reaches it;
    - a level whose baseline or end target is 0 or below (from 0, down to 0, or
      crossing zero) moves linearly: a compound path needs both to be positive,
      and a growth target on such a baseline has no path at all;
    - a share moves linearly, in percentage points, to its target
      (or by its cumulative change when no level target is printed);
    - a cumulative target (【5】 new jobs over five years) is a running sum,
      starting from zero in the base year;
    - a rate indicator has a level path only where a level baseline is printed
      beside its rates (地区生产总值增长: 1080 in 2020 at 7左右 a year);
    - qualitative indicators have no path: an empty list.
    """
    years = range(spec.baseline_year, spec.target_year + 1)
    span = spec.target_year - spec.baseline_year
    if span <= 0:
        return []

    if spec.kind == Kind.CUMULATIVE:
        if spec.cumulative is None:
            return []
        return [(year, spec.cumulative * (year - spec.baseline_year) / span) for year in years]

    if spec.baseline is None or spec.kind == Kind.QUALITATIVE:
        return []

    end = spec.target
    if end is None and spec.cumulative is not None:
        end = spec.baseline + spec.cumulative

    if spec.kind == Kind.SHARE or (spec.cumulative is not None and spec.growth is None):
        if end is None:
            return []
        step = (end - spec.baseline) / span
        return [(year, spec.baseline + step * (year - spec.baseline_year)) for year in years]

    # A level: compound growth, from the printed growth target or the one implied.
    if spec.growth is not None:
        if spec.baseline <= 0:
            return []  # growth of 0 or of a negative number is no path (status UNJUDGEABLE)
        rate = spec.growth / 100
    elif end is not None and spec.baseline > 0 and end > 0:
        rate = (end / spec.baseline) ** (1 / span) - 1
    elif end is not None:
        # From 0, down to 0 or across zero: a straight line, as for a share.
        step = (end - spec.baseline) / span
        return [(year, spec.baseline + step * (year - spec.baseline_year)) for year in years]
    else:
        return []
    return [(year, spec.baseline * (1 + rate) ** (year - spec.baseline_year)) for year in years]


# --------------------------------------------------------------------------- status
#
# The method is written down in docs/progress.md. In short: every indicator is
# put on a "progress coordinate" u that grows linearly along its target path and
# where higher is better:
#   level       u = ln(x)                 (a compound path is a straight line in logs)
#   share       u = x                     (percentage points)
#   rate        u = Σ ln(1 + g/100)       (the log of the compound index of the rates)
#   cumulative  u = Σ x                   (the running sum of the yearly flows)
# and u is negated where lower is better. Then, as Statistics Canada / Open SDG do
# with growth rates, the observed slope from the base year is compared with the
# slope the target requires: ratio >= 0.95 on track, >= 0.60 needs effort, else
# off track; and, as the UNSD progress chart does, the observed trend is projected
# to the target year.

ON_TRACK_RATIO = 0.95
BEHIND_RATIO = 0.60
# "7左右" counts as met within half a percentage point (rates and shares) or 1% (levels).
ABOUT_TOLERANCE_POINTS = 0.5
ABOUT_TOLERANCE_LEVEL = 0.01
# "与经济增长基本同步": income growth may trail GDP growth by half a point.
IN_STEP_TOLERANCE_POINTS = 0.5
EPSILON = 1e-9


# Rank of the judged statuses, for "a better value never gives a worse status".
STATUS_RANK = {Status.OFF_TRACK: 0, Status.BEHIND: 1, Status.ON_TRACK: 2, Status.ACHIEVED: 3}


@dataclass(frozen=True)
class Bound:
    """A numeric target: `comparator` is exact, above, below, about or range."""

    value: float
    comparator: Comparator = Comparator.EXACT
    upper: float | None = None


@dataclass(frozen=True)
class Observation:
    year: int
    value: float | None = None
    growth: float | None = None


@dataclass(frozen=True)
class ProgressInput:
    kind: Kind
    direction: Direction
    baseline_year: int
    target_year: int
    baseline: float | None = None
    target: Bound | None = None  # the level (or rate, for a rate indicator) to reach
    growth: Bound | None = None  # target annual growth, percent
    cumulative: float | None = None  # five-year cumulative change
    qualitative: Qualitative | None = None  # the target's phrase, if any
    observations: tuple[Observation, ...] = ()
    reference_growth: tuple[Observation, ...] = ()  # GDP growth, for in-step targets
    break_years: tuple[int, ...] = ()
    unit: str = ""  # the indicator's unit as printed (亿元, %, 万人), for sentences only


@dataclass(frozen=True)
class Progress:
    status: Status
    explanation: str
    verdict: Verdict | None = None  # at the target year: the final verdict
    latest_year: int | None = None
    latest: float | None = None
    expected: float | None = None  # where the target path stands in the latest year
    goal: float | None = None  # the number the target amounts to, in the indicator's unit
    share: float | None = None  # share of the way from start to goal
    projection: float | None = None  # the observed trend carried to the target year
    required: float | None = None  # average yearly growth/change needed from now on
    achieved: float | None = None  # average yearly growth/change achieved so far
    change_unit: str = "%"  # unit of `required` and `achieved`
    ratio: float | None = None
    crosses_break: bool = False

    @property
    def label(self) -> str:
        return self.status.label


def effective_target(bound: Bound, direction: Direction, *, points: bool) -> float:
    """The number a target amounts to, read generously in the good direction."""
    if bound.comparator == Comparator.RANGE:
        return bound.value if direction == Direction.INCREASE else (bound.upper or bound.value)
    if bound.comparator == Comparator.ABOUT:
        slack = ABOUT_TOLERANCE_POINTS if points else abs(bound.value) * ABOUT_TOLERANCE_LEVEL
        return bound.value - slack if direction == Direction.INCREASE else bound.value + slack
    return bound.value


@dataclass(frozen=True)
class _Scale:
    """Maps the indicator's values to the progress coordinate u and back."""

    sign: int  # +1 higher is better, -1 lower is better
    logarithmic: bool

    def to_u(self, x: float) -> float:
        return self.sign * (math.log(x) if self.logarithmic else x)

    def from_u(self, u: float) -> float:
        x = u * self.sign
        return math.exp(x) if self.logarithmic else x


def cut(spec: ProgressInput, as_of: int) -> ProgressInput:
    """The same indicator as it stood at the end of `as_of`: the observations (and
    the reference indicator's growth) of later years are dropped. Pure; `as_of`
    is a calendar year and may lie outside the plan (before it nothing is left)."""
    return replace(
        spec,
        observations=tuple(o for o in spec.observations if o.year <= as_of),
        reference_growth=tuple(o for o in spec.reference_growth if o.year <= as_of),
    )


def growth_unjudgeable(spec: ProgressInput) -> bool:
    """A level whose only target is a growth rate, on a base of 0 or below: 5 % more
    than 0 is 0, and growth of a negative number has no meaning, so no goal exists."""
    return (
        spec.kind == Kind.LEVEL
        and spec.target is None
        and spec.cumulative is None
        and spec.growth is not None
        and spec.baseline is not None
        and spec.baseline <= 0
    )


def assess(spec: ProgressInput, as_of: int | None = None) -> Progress:
    """Status, progress, projection and required pace of one indicator.

    With `as_of` (a year), only the observations up to that year count, as in
    `assess(cut(spec, as_of))`; without it, every observation given. Never raises
    on the numbers it is given; the explanation (Chinese) says why a status is
    无数据, 定性评估 or 无法按增速评估."""
    if as_of is not None:
        spec = cut(spec, as_of)
    if spec.qualitative in (Qualitative.IN_STEP_WITH_GDP, Qualitative.ABOVE_GDP):
        return _assess_in_step(spec)
    if spec.qualitative or spec.kind == Kind.QUALITATIVE:
        return Progress(Status.QUALITATIVE, "定性目标,由规划管理员评估。")
    if spec.kind == Kind.RATE:
        return _assess_rate(spec)
    if growth_unjudgeable(spec):
        base = "0" if spec.baseline == 0 else "负数"
        return Progress(
            Status.UNJUDGEABLE,
            f"基期值为{base},按增速目标算不出期末目标值({base}增长任何百分比都不表示进度),"
            "无法按增速评估;请以绝对量表述目标,或由规划管理员评估。",
        )
    return _assess_levels(spec)


def _assess_levels(spec: ProgressInput) -> Progress:
    """Levels, shares and cumulative flows."""
    observed = [(o.year, o.value) for o in spec.observations if o.value is not None]
    if not observed:
        return Progress(Status.NO_DATA, "尚无年度数值。")
    sign = 1 if spec.direction == Direction.INCREASE else -1
    cumulative_kind = spec.kind == Kind.CUMULATIVE

    if cumulative_kind:
        running, series = 0.0, []
        for year, value in observed:
            running += value
            series.append((year, running))
        start_year, start = spec.baseline_year, 0.0
        goal = spec.cumulative
    else:
        series = observed
        start_year, start = spec.baseline_year, spec.baseline
        goal = level_goal(spec)
        if start is None:
            # No printed baseline (e.g. "-"): the first reported year is the start.
            start_year, start = series[0]
    if goal is None:
        return Progress(Status.NO_DATA, "目标没有数值,无法计算进度。")

    logarithmic = compounds(spec, [start, goal, *(v for _, v in series)])
    scale = _Scale(sign, logarithmic)
    latest_year, latest = series[-1]
    u0, u_goal, u_now = scale.to_u(start), scale.to_u(goal), scale.to_u(latest)
    span = spec.target_year - start_year
    elapsed = latest_year - start_year
    crosses = any(start_year < year <= latest_year for year in spec.break_years)

    achieved_goal = u_now >= u_goal - EPSILON
    change_unit = "%" if logarithmic else ("个百分点" if spec.kind == Kind.SHARE else "")

    def pace(slope_u: float) -> float:
        # A slope of u per year, in the unit officials read: % a year, or points a year.
        return (math.exp(slope_u * sign) - 1) * 100 if logarithmic else slope_u * sign

    slope_required = (u_goal - u0) / span if span > 0 else 0.0
    slope_observed = (u_now - u0) / elapsed if elapsed > 0 else None
    remaining = spec.target_year - latest_year
    expected = scale.from_u(u0 + slope_required * elapsed) if span > 0 else None
    projection = (
        scale.from_u(u_now + slope_observed * remaining) if slope_observed is not None else None
    )
    share = (u_now - u0) / (u_goal - u0) if abs(u_goal - u0) > EPSILON else None
    if share is not None and logarithmic:
        share = (latest - start) / (goal - start) if goal != start else None
    common = {
        "latest_year": latest_year,
        "latest": latest,
        "expected": expected,
        "goal": goal,
        "share": share,
        "projection": projection,
        "required": pace((u_goal - u_now) / remaining) if remaining > 0 else None,
        "achieved": pace(slope_observed) if slope_observed is not None else None,
        "change_unit": change_unit,
        "crosses_break": crosses,
    }
    return _judge(
        spec,
        achieved_goal=achieved_goal,
        slope_required=slope_required,
        slope_observed=slope_observed,
        remaining=remaining,
        common=common,
    )


def compounds(spec: ProgressInput, numbers: list[float]) -> bool:
    """Whether the indicator's target path is compound (a straight line in logs).

    Only a level does, and only when every number is positive; a level printed with
    a cumulative change and no growth target (受教育年限 12 -> 12.5, [0.5]) moves in
    equal steps, as target_path draws it."""
    if spec.kind != Kind.LEVEL or (spec.cumulative is not None and spec.growth is None):
        return False
    return min(numbers) > 0


def level_goal(spec: ProgressInput) -> float | None:
    points = spec.kind == Kind.SHARE
    if spec.target is not None:
        return effective_target(spec.target, spec.direction, points=points)
    if spec.cumulative is not None and spec.baseline is not None:
        return spec.baseline + spec.cumulative
    if spec.growth is not None and spec.kind == Kind.SHARE:
        # A share's growth column holds a bound, not a growth ("<6" unemployment).
        return effective_target(spec.growth, spec.direction, points=True)
    if spec.growth is not None and spec.baseline is not None:
        rate = effective_target(spec.growth, spec.direction, points=True)
        return spec.baseline * (1 + rate / 100) ** (spec.target_year - spec.baseline_year)
    return None


def _assess_rate(spec: ProgressInput) -> Progress:
    """The indicator is a growth rate: compare the compound average of the yearly
    rates with the target rate, never CAGR on levels."""
    rates = [(o.year, o.growth) for o in spec.observations if o.growth is not None]
    if spec.growth is None:
        return Progress(Status.NO_DATA, "目标增速没有数值,无法计算进度。")
    if not rates:
        return Progress(Status.NO_DATA, "尚无年度增速。")
    sign = 1 if spec.direction == Direction.INCREASE else -1
    target_rate = effective_target(spec.growth, spec.direction, points=True)
    span = spec.target_year - spec.baseline_year
    u_now = sign * sum(math.log1p(max(rate, -99.9) / 100) for _, rate in rates)
    u_goal = sign * span * math.log1p(target_rate / 100)
    latest_year = rates[-1][0]
    elapsed = latest_year - spec.baseline_year
    remaining = spec.target_year - latest_year
    mean_rate = (math.exp(u_now * sign / len(rates)) - 1) * 100
    slope_observed = u_now / len(rates)
    crosses = any(spec.baseline_year < year <= latest_year for year in spec.break_years)
    common = {
        "latest_year": latest_year,
        "latest": rates[-1][1],
        "expected": spec.growth.value,
        "goal": target_rate,
        "share": u_now / u_goal if abs(u_goal) > EPSILON else None,
        "projection": mean_rate,
        "required": (math.exp(sign * (u_goal - u_now) / remaining) - 1) * 100
        if remaining > 0
        else None,
        "achieved": mean_rate,
        "change_unit": "%",
        "crosses_break": crosses,
    }
    if elapsed <= 0:
        return Progress(Status.NO_DATA, "尚无规划期内的增速。")
    # A rate target is met by the average over the plan, so only the end can "achieve" it.
    achieved_goal = remaining <= 0 and slope_observed >= u_goal / span - EPSILON
    return _judge(
        spec,
        achieved_goal=achieved_goal,
        slope_required=u_goal / span,
        slope_observed=slope_observed,
        remaining=remaining,
        common=common,
    )


def _assess_in_step(spec: ProgressInput) -> Progress:
    """与经济增长同步 (or 高于经济增长): the indicator's growth against GDP growth in
    the same years. "基本同步" may trail by IN_STEP_TOLERANCE_POINTS; "高于" may not."""
    own = {o.year: o.growth for o in spec.observations if o.growth is not None}
    reference = {o.year: o.growth for o in spec.reference_growth if o.growth is not None}
    if not own:
        if spec.observations:
            return Progress(Status.QUALITATIVE, "各年情况为文字表述,由规划管理员评估。")
        return Progress(Status.NO_DATA, "尚无年度增速。")
    years = sorted(set(own) & set(reference))
    if not years:
        return Progress(Status.NO_DATA, "缺少同年的地区生产总值增速,无法比较。")
    own_mean = sum(math.log1p(own[y] / 100) for y in years) / len(years)
    gdp_mean = sum(math.log1p(reference[y] / 100) for y in years) / len(years)
    slack = IN_STEP_TOLERANCE_POINTS if spec.qualitative == Qualitative.IN_STEP_WITH_GDP else 0
    required = math.log1p((math.expm1(gdp_mean) * 100 - slack) / 100)
    remaining = spec.target_year - years[-1]
    common = {
        "latest_year": years[-1],
        "latest": own[years[-1]],
        "expected": reference[years[-1]],
        "goal": math.expm1(gdp_mean) * 100,
        "projection": math.expm1(own_mean) * 100,
        "achieved": math.expm1(own_mean) * 100,
        "required": math.expm1(gdp_mean) * 100,
        "change_unit": "%",
    }
    in_step = own_mean >= required - EPSILON
    return _judge(
        spec,
        achieved_goal=in_step and remaining <= 0,
        slope_required=required,
        slope_observed=own_mean,
        remaining=remaining,
        common=common,
        on_track_if=in_step,
        in_step_words="基本同步" if slack else "高于经济增长",
    )


def _judge(
    spec: ProgressInput,
    *,
    achieved_goal: bool,
    slope_required: float,
    slope_observed: float | None,
    remaining: int,
    common: dict,
    on_track_if: bool | None = None,
    in_step_words: str = "基本同步",
) -> Progress:
    ratio = None
    if slope_observed is not None and slope_required > EPSILON:
        ratio = slope_observed / slope_required
    if remaining <= 0:
        common = {**common, "projection": None}  # the target year is here: nothing to project
        verdict = Verdict.ACHIEVABLE if achieved_goal else Verdict.UNLIKELY
        status = Status.ACHIEVED if achieved_goal else Status.OFF_TRACK
        why = "目标年已到,目标已实现。" if achieved_goal else "目标年已到,目标未实现。"
        return Progress(status, why, verdict=verdict, ratio=ratio, **common)
    if achieved_goal:
        return Progress(Status.ACHIEVED, "已达到目标值。", ratio=ratio, **common)
    if on_track_if is not None and on_track_if:
        words = "增速与经济增长基本同步。" if in_step_words == "基本同步" else "增速高于经济增长。"
        return Progress(Status.ON_TRACK, words, ratio=ratio, **common)
    if slope_observed is None:
        return Progress(Status.NO_DATA, "缺少基期值,至少需要两年数据才能判断进度。", **common)
    if slope_required <= EPSILON:
        return Progress(Status.OFF_TRACK, "起点已达到目标,但最新值已退回目标之外。", **common)
    if ratio >= ON_TRACK_RATIO:
        status, why = Status.ON_TRACK, f"实际进度为所需进度的{ratio:.0%}。"
    elif ratio >= BEHIND_RATIO:
        status, why = Status.BEHIND, f"实际进度仅为所需进度的{ratio:.0%},需加快。"
    elif ratio >= 0:
        status, why = Status.OFF_TRACK, f"实际进度仅为所需进度的{ratio:.0%}。"
    else:
        status, why = Status.OFF_TRACK, "指标朝相反方向变化。"
    if common.get("crosses_break"):
        why += "期间统计口径有调整,前后数值不完全可比。"
    return Progress(status, why, ratio=ratio, **common)
