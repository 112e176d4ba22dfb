"""Target paths, without the database."""

import pytest

from indicators.progress import PathInput, target_path


def _path(**kwargs):
    spec = {"baseline_year": 2015, "target_year": 2020, **kwargs}
    return dict(target_path(PathInput(**spec)))


def test_a_growth_target_compounds_from_the_baseline():
    path = _path(kind="level", baseline=744, target=1145, growth=9)
    assert path[2015] == 744
    assert path[2016] == pytest.approx(744 * 1.09)
    assert path[2020] == pytest.approx(744 * 1.09**5)  # 1144.7: the plan's >1145 rounded


def test_a_level_target_without_growth_compounds_at_the_implied_rate():
    path = _path(kind="level", baseline=10.3, target=12)
    rate = (12 / 10.3) ** (1 / 5)
    assert path[2017] == pytest.approx(10.3 * rate**2)
    assert path[2020] == pytest.approx(12)


def test_a_share_moves_linearly_in_points():
    path = _path(kind="share", baseline=50.8, target=55, growth=None)
    assert path[2016] == pytest.approx(50.8 + 4.2 / 5)
    assert path[2020] == pytest.approx(55)


def test_a_share_with_only_a_cumulative_change():
    path = _path(
        kind="share", baseline_year=2020, target_year=2025, baseline=97.31, cumulative=0.39
    )
    assert path[2025] == pytest.approx(97.7)
    assert path[2023] == pytest.approx(97.31 + 0.39 * 3 / 5)


def test_a_level_with_a_cumulative_change_and_a_target_goes_straight_to_the_target():
    # 每万人口高价值发明专利: 20.5 -> 28 with [6.4] printed; the target wins.
    path = _path(
        kind="level", baseline_year=2020, target_year=2025, baseline=20.5, target=28, cumulative=6.4
    )
    assert path[2025] == pytest.approx(28)
    assert path[2021] == pytest.approx(20.5 + 7.5 / 5)


def test_a_rate_indicator_with_a_printed_level_compounds_it():
    path = _path(kind="rate", baseline_year=2020, target_year=2025, baseline=1080, growth=7)
    assert path[2025] == pytest.approx(1080 * 1.07**5)


def test_a_cumulative_target_is_a_running_sum_from_zero():
    path = _path(kind="cumulative", baseline=1.2, cumulative=5)
    assert path[2015] == 0
    assert path[2018] == pytest.approx(3)
    assert path[2020] == pytest.approx(5)


@pytest.mark.parametrize(
    "spec",
    [
        {"kind": "rate", "baseline": None, "growth": 7},
        {"kind": "qualitative", "baseline": 31.2},
        {"kind": "level", "baseline": None, "target": 4.8},
        {"kind": "share", "baseline": 95},
        {"kind": "cumulative"},
        {"kind": "level", "baseline": 0, "target": 5},
        {"kind": "level", "baseline": 10, "target": 12, "target_year": 2015},
    ],
)
def test_no_path_where_the_plan_gives_none(spec):
    assert _path(**spec) == {}
