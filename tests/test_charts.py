"""Chart specs: valid plotly figures that show what the indicator page promises."""

import plotly.graph_objects as go
import pytest

from indicators.charts import ChartInput, YearPoint, indicator_chart, sparkline
from indicators.models import Indicator
from indicators.selectors import chart_input


def _traces(spec, name):
    return [trace for trace in spec["data"] if trace["name"].startswith(name)]


@pytest.fixture
def indicators(plans):
    return {(i.plan.code, i.number): i for i in Indicator.objects.for_dashboard()}


def test_every_indicator_gets_valid_figures(indicators):
    for indicator in indicators.values():
        data = chart_input(indicator)
        go.Figure(indicator_chart(data))
        go.Figure(sparkline(data))


def test_level_chart_has_baseline_values_target_and_dashed_compound_path(indicators):
    spec = indicator_chart(chart_input(indicators["13th", 1]))
    actual = _traces(spec, "实际值")[0]
    assert actual["x"] == [2015, 2016, 2017, 2018, 2019, 2020]
    assert actual["y"] == [744, 835, 957.7, 1142, 1059, 1036]
    assert actual["text"][0] == "744"
    path = _traces(spec, "目标路径")[0]
    assert path["line"]["dash"] == "dash"
    assert path["y"][1] == pytest.approx(744 * 1.09, abs=1e-3)
    target = _traces(spec, "规划目标")[0]
    assert (target["x"], target["y"], target["text"]) == ([2020], [1145], [">1145"])


def test_growth_rates_are_bars_against_the_target_rate(indicators):
    spec = indicator_chart(chart_input(indicators["13th", 1]))
    bars = _traces(spec, "增速")[0]
    assert bars["type"] == "bar" and bars["yaxis"] == "y2"
    assert bars["y"] == [8.7, 9.4, 9.1, 7.6, -2.2]
    target_rate = _traces(spec, "目标增速")[0]
    assert set(target_rate["y"]) == {9.0} and target_rate["yaxis"] == "y2"


def test_a_rate_indicator_is_bars_only(indicators):
    spec = indicator_chart(chart_input(indicators["13th", 12]))
    assert {trace["type"] for trace in spec["data"]} == {"bar", "scatter"}
    assert _traces(spec, "增速")[0]["y"] == [16.6, 17.8, 32, 14.1, 1.5]
    assert _traces(spec, "实际值") == []  # the lone baseline 231 is a level, not a rate
    assert _traces(spec, "目标增速")[0]["y"][0] == 15


def test_a_rate_indicator_with_printed_levels_shows_both(indicators):
    spec = indicator_chart(chart_input(indicators["14th", 1]))
    assert _traces(spec, "实际值")[0]["y"] == [1080]
    path = _traces(spec, "目标路径")[0]["y"]
    assert path[-1] == pytest.approx(1080 * 1.07**5, abs=1e-3)
    assert _traces(spec, "规划目标")[0]["y"] == [1515]


def test_a_definition_change_breaks_the_line_and_is_labelled(indicators):
    spec = indicator_chart(chart_input(indicators["13th", 14]))
    before, after = _traces(spec, "实际值")
    assert before["x"] == [2015, 2016, 2017, 2018]
    assert after["x"] == [2019, 2020] and after["name"] == "实际值(口径调整后)"
    assert [shape["x0"] for shape in spec["layout"]["shapes"]] == [2018.5]
    assert spec["layout"]["annotations"][0]["text"] == "备注4:口径调整"


def test_a_share_path_is_linear(indicators):
    path = _traces(indicator_chart(chart_input(indicators["13th", 16])), "目标路径")[0]
    steps = {round(b - a, 6) for a, b in zip(path["y"], path["y"][1:], strict=False)}
    assert steps == {round(4.2 / 5, 6)}


def test_a_cumulative_target_plots_the_running_sum(indicators):
    spec = indicator_chart(chart_input(indicators["13th", 22]))
    running = _traces(spec, "累计实际值")[0]
    assert running["y"] == pytest.approx([1.79, 3.78, 5.79, 7.6, 9.93])
    assert _traces(spec, "规划目标")[0]["text"] == ["【5】"]


def test_qualitative_indicator_has_no_traces(indicators):
    assert indicator_chart(chart_input(indicators["13th", 23]))["data"] == []
    assert sparkline(chart_input(indicators["14th", 14]))["data"] == []


def test_sparkline_is_small_and_silent():
    data = ChartInput(
        title="t",
        unit="亿元",
        kind="level",
        baseline_year=2020,
        target_year=2025,
        baseline=10,
        target=20,
        points=(YearPoint(year=2021, value=12, value_text="12"),),
    )
    spec = sparkline(data)
    go.Figure(spec)
    assert spec["layout"]["height"] <= 80 and spec["layout"]["showlegend"] is False
    assert all(trace["showlegend"] is False for trace in spec["data"])


# --------------------------------------------------------- pure: no database


def _hand_made(points, kind="level"):
    return ChartInput(
        title="测试指标",
        unit="亿元",
        kind=kind,
        baseline_year=2020,
        target_year=2025,
        baseline=100,
        baseline_text="100",
        target=150,
        target_text="150",
        points=tuple(
            YearPoint(year=year, value=value, value_text=str(value)) for year, value in points
        ),
    )


def test_a_missing_year_breaks_the_actual_line():
    spec = indicator_chart(_hand_made([(2021, 110), (2022, 120), (2024, 140)]))
    go.Figure(spec)
    actual = _traces(spec, "实际值")[0]
    assert actual["x"] == [2020, 2021, 2022, 2023, 2024]
    assert actual["y"] == [100, 110, 120, None, 140]
    assert not actual.get("connectgaps")
    go.Figure(sparkline(_hand_made([(2021, 110), (2024, 140)])))


def test_consecutive_years_have_no_gap():
    actual = _traces(indicator_chart(_hand_made([(2021, 110), (2022, 120)])), "实际值")[0]
    assert None not in actual["y"]


def test_a_missing_year_breaks_a_running_sum_too():
    spec = indicator_chart(_hand_made([(2021, 1.0), (2023, 1.2)], kind="cumulative"))
    go.Figure(spec)
    assert _traces(spec, "累计实际值")[0]["y"] == [1.0, None, 2.2]


def _level_input(**overrides) -> ChartInput:
    values = {
        "title": "1. 地区生产总值",
        "unit": "亿元",
        "kind": "level",
        "baseline_year": 2020,
        "target_year": 2025,
        "baseline": 1080,
        "target": 1515,
        "points": (YearPoint(2021, 1180, "1180"),),
    }
    return ChartInput(**(values | overrides))


def test_indicator_chart_downloads_as_a_sharp_png_named_for_the_indicator():
    spec = indicator_chart(_level_input(), filename="14th-1-地区生产总值")
    go.Figure(spec)  # still a valid figure with its config beside it
    config = spec["config"]
    assert config["displayModeBar"] is True and config["displaylogo"] is False
    options = config["toImageButtonOptions"]
    assert options["format"] == "png" and options["scale"] == 2
    assert options["filename"] == "14th-1-地区生产总值"
    assert options["height"] == spec["layout"]["height"] and options["width"] >= 800


def test_a_chart_file_name_never_holds_characters_windows_refuses():
    spec = indicator_chart(_level_input(title='3. 万元GDP能耗/下降:"累计"? <率>'))
    assert spec["config"]["toImageButtonOptions"]["filename"] == "3._万元GDP能耗_下降_累计_率"


def test_the_continuity_chart_downloads_too():
    from indicators.charts import continuity_chart

    spec = continuity_chart([("十三五", _level_input()), ("十四五", _level_input())], filename="x")
    assert spec["config"]["toImageButtonOptions"] == {
        **spec["config"]["toImageButtonOptions"],
        "filename": "x",
        "format": "png",
    }


def test_sparklines_have_no_download_button():
    assert "config" not in sparkline(_level_input())
