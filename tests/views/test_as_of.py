"""?as_of=YEAR: the dashboard, table, indicator page and scorecard show 序时进度 with the
approved values up to that year; anything else is the default year, never an error."""

import pytest
from django.urls import reverse

from indicators.models import Indicator
from tests.factories import add_generated_indicators
from tests.helpers import count_queries

PAGES = {
    "dashboard": ("plan_dashboard", ["13th"]),
    "table": ("plan_table", ["13th"]),
    "indicator": ("indicator", ["13th", 1]),
    "scorecard": ("plan_scorecard", ["13th"]),
}


def _get(client, page, **params):
    name, args = PAGES[page]
    return client.get(reverse(name, args=args), params)


def _main(response) -> str:
    return response.content.decode().split("<main>")[-1]


@pytest.mark.parametrize("page", PAGES)
def test_each_page_says_which_year_it_is_as_of_and_links_the_others(client, plans, page):
    html = _main(_get(client, page, as_of="2018"))
    assert '序时进度截至<strong class="as-of-year">2018年</strong>' in html
    assert '<strong aria-current="page">2018</strong>' in html
    for year in (2015, 2016, 2017, 2019, 2020):
        assert f"as_of={year}" in html


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("as_of", ["", "abc", "2014", "2021", "9" * 40, "-2018", "2018.5", "2018x"])
def test_an_invalid_as_of_is_the_default_year_not_an_error(client, plans, page, as_of):
    response = _get(client, page, as_of=as_of)
    assert response.status_code == 200
    assert '序时进度截至<strong class="as-of-year">2020年</strong>' in _main(response)


def test_a_year_typed_in_full_width_digits_is_read(client, plans):
    html = _main(_get(client, "dashboard", as_of="２０１８"))
    assert '序时进度截至<strong class="as-of-year">2018年</strong>' in html


def test_the_default_is_the_latest_year_with_approved_values(client, plans):
    html = _main(_get(client, "dashboard"))
    assert '序时进度截至<strong class="as-of-year">2020年</strong>' in html
    empty = client.get(reverse("plan_dashboard", args=["14th"])).content.decode()
    assert '序时进度截至<strong class="as-of-year">2020年</strong>' in empty  # its base year


def _card(html: str, number: int) -> str:
    start = html.index(f'id="indicator-{number}"')
    return html[start : html.index("</article>", start)]


def test_the_dashboard_cards_show_the_mid_term_class_as_of_the_year(client, plans):
    latest = _card(_main(_get(client, "dashboard")), 1)
    assert "滞后于预期" in latest and "差距-9.52%" in latest
    early = _card(_main(_get(client, "dashboard", as_of="2017")), 1)
    assert "快于预期" in early and "实际957.7亿元" in early
    assert "✗ 难以完成" in early  # the stored status stays the latest data's


def test_the_dashboard_counts_indicators_by_mid_term_class(client, plans):
    html = _main(_get(client, "dashboard", as_of="2017"))
    assert "截至2017年序时进度:" in html and "定性评估</span> 4项" in html


def test_viewing_an_earlier_year_leaves_the_stored_statuses_alone(client, plans):
    before = list(Indicator.objects.order_by("pk").values_list("status", "computed_status"))
    _get(client, "dashboard", as_of="2016")
    _get(client, "table", as_of="2016")
    after = list(Indicator.objects.order_by("pk").values_list("status", "computed_status"))
    assert before == after


def test_the_table_has_a_pace_column_and_its_filters_keep_the_year(client, plans):
    html = _main(_get(client, "table", as_of="2017"))
    assert "序时进度(截至2017年)" in html
    assert '<input type="hidden" name="as_of" value="2017">' in html
    assert "快于预期" in html


def test_the_indicator_page_shows_expected_actual_gap_and_basis(client, plans):
    html = _main(_get(client, "indicator", as_of="2018"))
    assert "序时进度(截至2018年)" in html
    assert "2018年实际</th><td>1142亿元" in html
    assert "与序时进度差距" in html and "个百分点" not in html.split("与序时进度差距")[1][:60]
    assert "2018年为1142亿元" in html


def test_the_scorecard_shows_each_indicators_class(client, plans):
    html = _main(_get(client, "scorecard", as_of="2019"))
    assert "midterm-" in html and "滞后于预期" in html


def test_dashboard_query_count_at_an_as_of_year_does_not_grow(client, plan14):
    url = reverse("plan_dashboard", args=["14th"]) + "?as_of=2022"
    real = count_queries(client, url)
    add_generated_indicators(plan14, 300)
    assert count_queries(client, url) == real <= 12


def test_table_query_count_at_an_as_of_year_does_not_grow(client, plan14):
    url = reverse("plan_table", args=["14th"]) + "?as_of=2022&sort=name"
    real = count_queries(client, url)
    add_generated_indicators(plan14, 300)
    assert count_queries(client, url) == real <= 12


def test_as_of_a_year_judges_by_the_target_then_in_force(client, forest14, planning_admin):
    """A revision that took effect later did not apply yet: 2021 is judged by >10.50."""
    import datetime

    from indicators.models import YearlyValue
    from indicators.services import target_revise

    YearlyValue.objects.create(indicator=forest14, year=2021, value="10.8", state="approved")
    target_revise(
        indicator=forest14,
        target=">10.80",
        reason="市里调高目标",
        effective_date=datetime.date(2023, 3, 1),
        user=planning_admin,
    )
    from indicators.models import Indicator
    from indicators.selectors import indicator_pace

    forest = Indicator.objects.for_dashboard().get(pk=forest14.pk)
    assert indicator_pace(forest, 2021).label == "achieved"  # 10.8 > 10.50, then in force
    assert indicator_pace(forest, 2023).label != "achieved"  # 10.8 is not > 10.80
    api = client.get("/api/plans/14th/indicators/?as_of=2021").json()
    row = next(i for i in api["indicators"] if i["number"] == 18)
    assert row["pace"]["class"] == "achieved"
