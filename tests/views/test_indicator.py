import json
import re
from html import escape

import plotly.graph_objects as go
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

from tests.conftest import read_fixture
from tests.factories import add_generated_indicators
from tests.helpers import count_queries


def _page(client, code, number):
    return client.get(reverse("indicator", args=[code, number]))


def _rows(name):
    data = read_fixture(name)
    return [(data["plan"]["code"], row) for row in data["indicators"]]


ALL_ROWS = _rows("plan13.toml") + _rows("plan14.toml")


@pytest.mark.parametrize(
    ("code", "row"), ALL_ROWS, ids=[f"{code}-{row['number']}" for code, row in ALL_ROWS]
)
def test_every_printed_cell_appears_on_the_indicator_page(client, plans, code, row):
    response = _page(client, code, row["number"])
    assert response.status_code == 200
    html = response.content.decode()
    main = html.split("<main>")[1]
    cells = [row.get(key, "") for key in ("baseline", "target", "target_growth")]
    for year in row.get("values", []):
        cells += [year.get("value", ""), year.get("growth", ""), year.get("companion", "")]
    for cell in filter(None, cells):
        assert f'<span class="figure">{escape(cell, quote=False)}</span>' in main
    for bureau in row["bureaus"]:
        assert bureau in main
    for note in row.get("notes", []):
        assert escape(note["text"], quote=False) in main
    chart = json.loads(
        re.search(r'id="indicator-chart-spec"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    go.Figure(chart)


def test_figures_show_their_meaning_beside_the_printed_text(client, plans):
    main = _page(client, "14th", 3).content.decode()
    assert "97.31" in main and "[0.39]" in main
    assert "五年累计0.39" in main


def test_definition_change_is_marked_in_the_table_with_its_footnote(client, plans):
    html = _page(client, "13th", 14).content.decode()
    assert "自2019年起统计口径调整(备注4)" in html
    assert "2016年—2018年为规上高新技术产业增加值占规上工业增加值的比例" in html
    assert html.index("自2019年起统计口径调整") < html.index("<td>2019</td>")


def test_companion_figures_have_their_own_column(client, plans):
    html = _page(client, "13th", 15).content.decode()
    assert "研究和实验发展经费支出(亿元)" in html
    assert '<span class="figure">36.5</span>' in html


def test_a_14th_plan_indicator_without_values_shows_baseline_and_target(client, plans):
    html = _page(client, "14th", 18).content.decode()
    assert "尚无年度数值" in html
    assert "10.25" in html and "&gt;10.50" in html


def test_former_bureau_name_is_shown_beside_the_current_one(client, plans):
    html = _page(client, "13th", 23).content.decode()
    assert "区社保处" in html and "规划原文印作“洪山社保处”" in html


def test_links_across_plans(client, plans):
    html13 = _page(client, "13th", 1).content.decode()
    assert reverse("indicator", args=["14th", 1]) in html13
    html14 = _page(client, "14th", 1).content.decode()
    assert reverse("indicator", args=["13th", 1]) in html14


def test_a_signed_in_user_sees_the_page(client, plans):
    client.force_login(User.objects.create_user("reader"))
    assert _page(client, "13th", 1).status_code == 200


@pytest.mark.parametrize(("code", "number"), [("13th", 26), ("14th", 0), ("15th", 1)])
def test_unknown_indicator_is_404(client, plans, code, number):
    assert _page(client, code, number).status_code == 404


def test_indicator_page_refuses_writes(client, plans):
    assert client.post(reverse("indicator", args=["13th", 1])).status_code == 405


def test_indicator_page_query_count_is_bounded(client, plan14):
    url = reverse("indicator", args=["13th", 14])
    real = count_queries(client, url)
    add_generated_indicators(plan14, 1000)
    assert count_queries(client, url) == real <= 13  # + printed figures, as_of, cache key


def test_progress_section_shows_computed_and_recorded_side_by_side(client, plans):
    html = _page(client, "13th", 14).content.decode()
    assert "计算结果" in html and "最终判定:<strong>难以完成</strong>" in html
    assert "人工评估" in html and "记录时计算结果为“难以完成”" in html
    assert "理由:规划原文完成情况为“可以完成”" in html


def test_an_indicator_without_values_shows_no_data_not_zero(client, plans):
    html = _page(client, "14th", 13).content.decode()
    assert "无数据" in html and "80.4" in html and "83" in html
    assert "完成目标进度" not in html and "0%" not in html.split("<main>")[1]


def test_progress_figures_for_an_indicator_under_way(client, plan14):
    from indicators.models import Indicator, YearlyValue
    from indicators.services import statuses_refresh

    share = Indicator.objects.get(plan=plan14, number=3)
    YearlyValue.objects.create(indicator=share, year=2021, value="97.35", state="approved")
    statuses_refresh(plan=plan14)
    html = _page(client, "14th", 3).content.decode()
    assert "2021年序时进度" in html and "97.39" in html  # 97.31 + 0.078
    assert "剩余年份年均需变化" in html and "0.09个百分点" in html
    chart = json.loads(
        re.search(r'id="indicator-chart-spec"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    names = {trace["name"]: trace for trace in chart["data"]}
    assert names["按当前趋势预测"]["line"]["dash"] == "dot"
    assert names["2021年序时进度"]["x"] == [2021]
    assert names["目标路径"]["line"]["dash"] == "dash"


def test_the_chart_can_be_downloaded_as_png_or_svg_without_leaving_the_host(client, plans):
    from tests.helpers import OFF_HOST

    html = client.get(reverse("indicator", args=["13th", 1])).content.decode()
    assert 'data-chart="indicator-chart" data-format="png">PNG图片</button>' in html
    assert 'data-chart="indicator-chart" data-format="svg">SVG矢量图</button>' in html
    spec = json.loads(re.search(r'id="indicator-chart-spec"[^>]*>(.*?)</script>', html).group(1))
    assert spec["config"]["toImageButtonOptions"]["filename"] == "13th-1-地区生产总值"
    assert not OFF_HOST.search(html)
    script = (settings.BASE_DIR / "indicators/static/indicators/charts.js").read_text()
    assert "Plotly.downloadImage(" in script and "http" not in script
