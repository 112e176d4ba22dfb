import json
import re

import plotly.graph_objects as go
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import add_generated_indicators
from tests.helpers import count_queries


def _dashboard(client, code):
    return client.get(reverse("plan_dashboard", args=[code]))


def test_anonymous_sees_every_indicator_grouped_by_category(client, plan13):
    response = _dashboard(client, "13th")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r'<article class="card"', html)) == 25
    positions = [
        html.index(f"<h2>{name}") for name in ("经济发展", "自主创新", "资源环境", "人民生活")
    ]
    assert positions == sorted(positions)


def test_a_card_shows_latest_value_target_bureaus_and_nature(client, plan14):
    from indicators.models import Indicator, YearlyValue

    gdp13 = Indicator.objects.get(plan__code="13th", number=1)
    assert gdp13.values.count() == 5
    html = _dashboard(client, "13th").content.decode()
    card = html[html.index('id="indicator-1"') :][:3000]
    assert "2020年" in card and "1036" in card and "-2.2" in card
    assert "&gt;1145" in card and "&gt;9%" in card
    assert "区发改局" in card and "属性未标注" in card and "原文:难以完成" in card

    YearlyValue.objects.create(
        indicator=Indicator.objects.get(plan__code="14th", number=18),
        year=2021,
        value="10.3",
        state="approved",
    )
    html14 = _dashboard(client, "14th").content.decode()
    forest = html14[html14.index('id="indicator-18"') :][:3000]
    assert "2021年" in forest and "10.3" in forest and "约束性" in forest


def test_14th_plan_cards_without_values_say_so(client, plan14):
    html = _dashboard(client, "14th").content.decode()
    assert html.count("暂无数据") == 18


def test_every_sparkline_is_a_valid_plotly_figure_and_plotly_is_served_locally(client, plan13):
    html = _dashboard(client, "13th").content.decode()
    specs = json.loads(re.search(r'id="sparklines"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert len(specs) == 25
    for spec in specs.values():
        go.Figure(spec)
    assert '<script src="/static/vendor/plotly.min.js">' in html


def test_a_signed_in_user_sees_the_dashboard(client, plans):
    client.force_login(User.objects.create_user("reader"))
    assert _dashboard(client, "14th").status_code == 200


def test_unknown_plan_is_404(client, plans):
    assert _dashboard(client, "12th").status_code == 404


def test_dashboard_refuses_writes(client, plans):
    assert client.post(reverse("plan_dashboard", args=["13th"])).status_code == 405


def test_dashboard_query_count_does_not_grow_with_indicators(client, plan14):
    url = reverse("plan_dashboard", args=["14th"])
    real = count_queries(client, url)
    add_generated_indicators(plan14, 1000)
    assert count_queries(client, url) == real <= 13  # + the count of text commitments


def test_status_badges_are_text_and_colour(client, plans):
    html = _dashboard(client, "13th").content.decode()
    card = html[html.index('id="indicator-1"') :][:1500]
    assert 'class="badge status status-off_track">✗ 难以完成</span>' in card
    share = html[html.index('id="indicator-14"') :][:1500]
    assert "✓ 已完成" in share and "计算:难以完成" in share


def test_summary_counts_by_status_per_category(client, plans):
    summary = _dashboard(client, "13th").context["summary"]
    codes = [code for code, _ in summary["statuses"]]
    rows = {
        name: dict(zip(codes, counts, strict=True)) for name, counts, _ in summary["categories"]
    }
    assert rows["经济发展"]["off_track"] == 8 and rows["经济发展"]["achieved"] == 3
    total, count = summary["total"]
    assert count == 25 and sum(total) == 25


def test_binding_targets_behind_come_first(client, plan14):
    from indicators.models import Indicator, YearlyValue
    from indicators.services import statuses_refresh

    forest = Indicator.objects.get(plan=plan14, number=18)
    YearlyValue.objects.create(indicator=forest, year=2021, value="9.9", state="approved")
    statuses_refresh(plan=plan14)
    response = _dashboard(client, "14th")
    assert [i.number for i in response.context["attention"]] == [18]
    green = dict(response.context["groups"])
    assert [i.number for i in next(v for k, v in green.items() if k.name == "绿色生态")][:1] == [18]
    html = response.content.decode()
    assert html.index("需要关注的约束性指标") < html.index("<h2>经济发展")
