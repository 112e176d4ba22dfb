"""序时进度 and the mid-term classes, without the database.

The cases are the hand-worked examples of docs/progress.md, section
"序时进度与中期评估分类": a 2020-2025 plan judged as of 2023 (three fifths of the
time gone), unless a case says otherwise.
"""

import math

import pytest

from indicators.notation import parse
from indicators.pace import Pace, pace
from indicators.progress import Bound, Observation, ProgressInput, assess
from indicators.vocabulary import Kind, MidTermClass, Status
from tests.conftest import read_fixture

ACHIEVED, AHEAD, ON_PACE, BEHIND = (
    MidTermClass.ACHIEVED,
    MidTermClass.AHEAD,
    MidTermClass.ON_PACE,
    MidTermClass.BEHIND,
)
GDP_GROWTH = tuple(
    Observation(year, growth=g) for year, g in [(2021, 7.0), (2022, 6.0), (2023, 5.0)]
)


def _spec(kind="level", direction="increase", values=(), growths=(), **kwargs):
    """A 2020-2025 indicator with figures from 2021 on (None: a missing year)."""
    observations = [
        Observation(
            year=2021 + offset,
            value=values[offset] if offset < len(values) else None,
            growth=growths[offset] if offset < len(growths) else None,
        )
        for offset in range(max(len(values), len(growths)))
    ]
    return ProgressInput(
        kind=kind,
        direction=direction,
        baseline_year=2020,
        target_year=2025,
        observations=tuple(observations),
        **kwargs,
    )


def _level(values):  # 地区生产总值: 1000亿元 in 2020, growth >7% a year
    return _spec(baseline=1000, growth=Bound(7, "above"), values=values, unit="亿元")


def _share(values):  # a share from 60% to 65%
    return _spec(kind="share", baseline=60, target=Bound(65), values=values, unit="%")


def _cumulative(values):  # 单位GDP能耗五年累计降低〔13.5〕
    return _spec(kind="cumulative", cumulative=13.5, values=values, unit="%")


def _rate(growths, target=None):
    target = target or Bound(7, "above")
    return _spec(kind="rate", growth=target, growths=growths, unit="%")


def _floor(values):  # 森林覆盖率: 10.25% to >10.50%
    return _spec(kind="share", baseline=10.25, target=Bound(10.5, "above"), values=values, unit="%")


def _ceiling(values):  # PM2.5: 50 down to <40 微克/立方米
    return _spec(
        direction="decrease",
        baseline=50,
        target=Bound(40, "below"),
        values=values,
        unit="微克/立方米",
    )


def _unemployment(values):  # 城镇调查失业率 <5.5, printed under 年均增长, no baseline
    return _spec(
        kind="share", direction="decrease", growth=Bound(5.5, "below"), values=values, unit="%"
    )


def _held_floor(values):  # 基本养老保险参保率: ≥95%, already 96% in 2020
    return _spec(kind="share", baseline=96, target=Bound(95, "above"), values=values, unit="%")


def _in_step(growths, qualitative="in_step_with_gdp"):
    return _spec(
        kind="rate",
        qualitative=qualitative,
        growths=growths,
        reference_growth=GDP_GROWTH,
        unit="%",
    )


# (case, spec, as_of, label, expected, actual, gap, gap_unit): the doc's worked examples.
EXAMPLES = [
    ("level achieved", _level([1100, 1250, 1410]), 2023, ACHIEVED, 1225.04, 1410, 15.10, "%"),
    ("level ahead", _level([1080, 1180, 1300]), 2023, AHEAD, 1225.04, 1300, 6.12, "%"),
    ("level on pace", _level([1070, 1140, 1215]), 2023, ON_PACE, 1225.04, 1215, -0.82, "%"),
    ("level behind", _level([1060, 1120, 1203]), 2023, BEHIND, 1225.04, 1203, -1.80, "%"),
    ("share achieved", _share([62, 64, 65.2]), 2023, ACHIEVED, 63, 65.2, 2.2, "个百分点"),
    ("share ahead", _share([61.5, 63, 64]), 2023, AHEAD, 63, 64, 1, "个百分点"),
    ("share on pace", _share([61, 62, 62.9]), 2023, ON_PACE, 63, 62.9, -0.1, "个百分点"),
    ("share behind", _share([60.5, 61.5, 62]), 2023, BEHIND, 63, 62, -1, "个百分点"),
    ("cumulative ahead", _cumulative([3.2, 3.0, 2.8]), 2023, AHEAD, 8.1, 9.0, 0.9, "个百分点"),
    ("cumulative on pace", _cumulative([2.7, 2.8, 2.5]), 2023, ON_PACE, 8.1, 8.0, -0.1, "个百分点"),
    ("cumulative behind", _cumulative([2.0, 2.2, 2.4]), 2023, BEHIND, 8.1, 6.6, -1.5, "个百分点"),
    ("rate ahead", _rate([8.0, 8.2, 7.9]), 2023, AHEAD, 7, 8.03, 1.03, "个百分点"),
    ("rate on pace", _rate([7.2, 6.8, 6.9]), 2023, ON_PACE, 7, 6.97, -0.03, "个百分点"),
    ("rate behind", _rate([6.2, 6.2, 6.2]), 2023, BEHIND, 7, 6.2, -0.8, "个百分点"),
    ("rate met at the end", _rate([7.5] * 5), 2025, ACHIEVED, 7, 7.5, 0.5, "个百分点"),
    ("about ahead", _rate([7.8] * 3, Bound(7, "about")), 2023, AHEAD, 7, 7.8, 0.8, "个百分点"),
    ("about on pace", _rate([6.6] * 3, Bound(7, "about")), 2023, ON_PACE, 7, 6.6, -0.4, "个百分点"),
    ("about behind", _rate([6.3] * 3, Bound(7, "about")), 2023, BEHIND, 7, 6.3, -0.7, "个百分点"),
    ("about met", _rate([6.6] * 5, Bound(7, "about")), 2025, ACHIEVED, 7, 6.6, -0.4, "个百分点"),
    ("range ahead", _rate([7.3] * 3, Bound(6, "range", 7)), 2023, AHEAD, 6, 7.3, 0.3, "个百分点"),
    ("range on pace", _rate([6.5] * 3, Bound(6, "range", 7)), 2023, ON_PACE, 6, 6.5, 0, "个百分点"),
    (
        "range behind",
        _rate([5.6] * 3, Bound(6, "range", 7)),
        2023,
        BEHIND,
        6,
        5.6,
        -0.4,
        "个百分点",
    ),
    ("floor achieved", _floor([10.3, 10.45, 10.6]), 2023, ACHIEVED, 10.4, 10.6, 0.2, "个百分点"),
    ("floor ahead", _floor([10.35, 10.42, 10.48]), 2023, AHEAD, 10.4, 10.48, 0.08, "个百分点"),
    ("floor on pace", _floor([10.3, 10.35, 10.39]), 2023, ON_PACE, 10.4, 10.39, -0.01, "个百分点"),
    ("floor behind", _floor([10.3, 10.3, 10.3]), 2023, BEHIND, 10.4, 10.3, -0.1, "个百分点"),
    ("ceiling achieved", _ceiling([46, 42, 39.5]), 2023, ACHIEVED, 43.73, 39.5, 9.68, "%"),
    ("ceiling ahead", _ceiling([47, 45, 43]), 2023, AHEAD, 43.73, 43, 1.68, "%"),
    ("ceiling on pace", _ceiling([48, 46, 44]), 2023, ON_PACE, 43.73, 44, -0.61, "%"),
    ("ceiling behind", _ceiling([49, 47, 45]), 2023, BEHIND, 43.73, 45, -2.89, "%"),
    ("held floor", _held_floor([96, 96.3, 96.5]), 2023, ON_PACE, 95, 96.5, 1.5, "个百分点"),
    ("floor one dip", _held_floor([96, 95.5, 94.8]), 2023, ON_PACE, 95, 94.8, -0.2, "个百分点"),
    ("floor two dips", _held_floor([96, 94.8, 94.6]), 2023, BEHIND, 95, 94.6, -0.4, "个百分点"),
    ("held ceiling", _unemployment([5.2, 5.1, 4.9]), 2023, ON_PACE, 5.5, 4.9, 0.6, "个百分点"),
    ("ceiling one hair", _unemployment([5.1, 5.6]), 2022, ON_PACE, 5.5, 5.6, -0.1, "个百分点"),
    ("ceiling twice", _unemployment([5.6, 5.8]), 2022, BEHIND, 5.5, 5.8, -0.3, "个百分点"),
    ("ceiling big", _unemployment([5.1, 6.2]), 2022, BEHIND, 5.5, 6.2, -0.7, "个百分点"),
    ("in step", _in_step([6.8, 5.9, 4.8]), 2023, ON_PACE, 6.0, 5.83, -0.17, "个百分点"),
    ("not in step", _in_step([5.5, 5.0, 4.0]), 2023, BEHIND, 6.0, 4.83, -1.17, "个百分点"),
    (
        "above GDP",
        _in_step([7.5, 6.5, 5.5], "above_gdp"),
        2023,
        ON_PACE,
        6.0,
        6.5,
        0.5,
        "个百分点",
    ),
    (
        "not above GDP",
        _in_step([6.8, 5.9, 4.8], "above_gdp"),
        2023,
        BEHIND,
        6.0,
        5.83,
        -0.17,
        "个百分点",
    ),
]


@pytest.mark.parametrize(
    ("spec", "as_of", "label", "expected", "actual", "gap", "gap_unit"),
    [case[1:] for case in EXAMPLES],
    ids=[case[0] for case in EXAMPLES],
)
def test_the_worked_examples_of_the_doc(spec, as_of, label, expected, actual, gap, gap_unit):
    result = pace(spec, as_of)
    assert result.label is label, result.basis
    assert result.expected == pytest.approx(expected, abs=0.01)
    assert result.actual == pytest.approx(actual, abs=0.01)
    assert result.gap == pytest.approx(gap, abs=0.01)
    assert result.gap_unit == gap_unit


@pytest.mark.parametrize(
    ("spec", "as_of", "words"),
    [
        (_level([1060, 1120, 1203]), 2023, "2023年为1203亿元,按序时应达到1225.04亿元"),
        (_level([1060, 1120, 1203]), 2023, "低于序时进度1.8%"),
        (_rate([6.2, 6.2, 6.2]), 2023, "2021—2023年年均增长6.2%,低于序时进度0.8个百分点"),
        (_cumulative([3.2, 3.0, 2.8]), 2023, "五年累计目标〔13.5〕,按序时截至2023年应完成8.1%"),
        (_cumulative([3.2, 3.0, 2.8]), 2023, "完成进度66.67%、序时进度60%"),
        (_held_floor([96, 96.3, 96.5]), 2023, "基期(2020年96%)已达到目标>95%"),
        (_unemployment([5.1, 5.6]), 2022, "仅此一年且在0.5个百分点容差以内"),
        (_unemployment([5.6, 5.8]), 2022, "2021、2022年连续超出目标"),
        (_in_step([6.8, 5.9, 4.8]), 2023, "与经济增长基本同步"),
        (_level([1060, 1120, 1203]), 2025, "截至2025年最新数据为2023年"),
    ],
)
def test_the_basis_says_how_it_was_judged(spec, as_of, words):
    assert words in pace(spec, as_of).basis


def test_the_basis_is_one_sentence():
    for _, spec, as_of, *_ in EXAMPLES:
        basis = pace(spec, as_of).basis
        assert basis.endswith("。") and basis.count("。") == 1, basis


def test_a_floor_met_at_the_base_year_is_held_not_achieved_early():
    assert pace(_held_floor([96.5]), 2021).label is ON_PACE
    assert "保持在目标以上" in pace(_held_floor([96.5]), 2021).basis


def test_a_recovered_breach_is_mentioned():
    result = pace(_unemployment([5.1, 5.6, 5.2]), 2023)
    assert result.label is ON_PACE and "2022年曾越过" in result.basis


def test_later_observations_are_ignored():
    spec = _level([1060, 1120, 1203, 1500])
    assert pace(spec, 2023) == pace(_level([1060, 1120, 1203]), 2023)
    assert pace(spec, 2024).label is ACHIEVED


def test_no_figure_yet_gives_the_pace_due():
    result = pace(_level([]), 2022)
    assert result.label is MidTermClass.NO_DATA and result.actual is None
    assert result.expected == pytest.approx(1000 * 1.07**2)
    assert "按序时应达到1144.9亿元" in result.basis


def test_a_missing_latest_year_is_judged_on_the_year_before():
    result = pace(_share([61, 62, None]), 2023)
    assert result.year == 2022 and result.expected == pytest.approx(62)
    assert result.label is ON_PACE


@pytest.mark.parametrize(
    ("spec", "label"),
    [
        (_spec(qualitative="full_coverage", values=[1]), MidTermClass.QUALITATIVE),
        (_spec(kind="qualitative", values=[1]), MidTermClass.QUALITATIVE),
        (_spec(baseline=0, growth=Bound(9, "above"), values=[1, 2]), MidTermClass.UNJUDGEABLE),
        (_spec(baseline=-3, growth=Bound(9, "above"), values=[1]), MidTermClass.UNJUDGEABLE),
        (_rate([]), MidTermClass.NO_DATA),
        (_spec(kind="rate", qualitative="in_step_with_gdp", growths=[6.8]), MidTermClass.NO_DATA),
        (_spec(qualitative="in_step_with_gdp", values=[None]), MidTermClass.QUALITATIVE),
    ],
)
def test_what_cannot_be_judged_says_so(spec, label):
    assert pace(spec, 2023).label is label


def test_behind_pace_agrees_with_the_status_of_assess_on_rates():
    # A rate more than half a point under the target is also 需加快 or 难以完成.
    assert assess(_rate([6.2] * 3)).status in (Status.BEHIND, Status.OFF_TRACK)


# ------------------------------------------------------------ both plans


def _bound(text):
    figure = parse(text)
    if figure.value is None:
        return None
    upper = float(figure.upper) if figure.upper is not None else None
    return Bound(float(figure.value), figure.comparator, upper)


def _plan_inputs(name, *, invent=False):
    """ProgressInputs built as selectors.progress_input builds them, from the
    printed figures. `invent`: give every year invented figures (the 14th plan's
    fixture has none), so that the judged branches run too."""
    fixture = read_fixture(name)
    plan = fixture["plan"]
    rows = {row["number"]: row for row in fixture["indicators"]}

    def observations(row):
        if invent:
            return tuple(
                Observation(year, value=1.0 + (year % 7), growth=5.0 + (year % 4))
                for year in range(plan["start_year"], plan["end_year"] + 1)
            )
        return tuple(
            Observation(
                cells["year"],
                value=parse(cells.get("value", "")).number,
                growth=parse(cells.get("growth", "")).number,
            )
            for cells in row.get("values", [])
        )

    for row in rows.values():
        target, growth = parse(row["target"]), parse(row.get("target_growth", ""))
        reference = rows.get(row.get("judged_against"))
        yield (
            row,
            ProgressInput(
                kind=Kind(row["kind"]),
                direction=row.get("direction", "increase"),
                baseline_year=plan["base_year"],
                target_year=plan["end_year"],
                baseline=parse(row["baseline"]).number,
                target=_bound(row["target"]) if row["kind"] != "rate" else None,
                growth=_bound(row.get("target_growth", "")) if not growth.cumulative else None,
                cumulative=growth.number if growth.cumulative else None,
                qualitative=target.qualitative
                or (growth.qualitative if target.is_dash or target.is_blank else None),
                observations=observations(row),
                reference_growth=observations(reference) if reference else (),
                unit=row.get("unit", ""),
            ),
        )


PLANS = [
    (name, invent, row["number"], spec)
    for name, invent in [("plan13.toml", False), ("plan14.toml", False), ("plan14.toml", True)]
    for row, spec in _plan_inputs(name, invent=invent)
]


@pytest.mark.parametrize(("name", "invent", "number", "spec"), PLANS)
def test_the_pace_is_defined_for_every_indicator_at_every_year(name, invent, number, spec):
    for as_of in range(spec.baseline_year, spec.target_year + 2):
        result = pace(spec, as_of)
        assert isinstance(result, Pace) and result.label in MidTermClass
        assert result.basis.endswith("。")
        for number_ in (result.expected, result.actual, result.gap, result.done, result.due):
            assert number_ is None or math.isfinite(number_), (as_of, result)


def _thirteenth(number):
    return next(spec for row, spec in _plan_inputs("plan13.toml") if row["number"] == number)


def test_new_jobs_of_the_13th_plan_were_met_by_2018():
    result = pace(_thirteenth(22), 2018)  # 1.79 + 1.99 + 2.01 = 5.79 against 【5】
    assert result.label is ACHIEVED and result.actual == pytest.approx(5.79)
    assert pace(_thirteenth(22), 2017).label is AHEAD  # 3.78 against 2 due


def test_gdp_of_the_13th_plan_was_on_pace_in_2019_and_behind_in_2020():
    assert pace(_thirteenth(1), 2019).label is ON_PACE
    assert pace(_thirteenth(1), 2020).label is BEHIND
