"""Dashboards, the plan table, the bureau rows and the API are cached per plan and rebuilt
exactly when the plan's data changes."""

import datetime

from django.urls import reverse

from indicators.models import Bureau, Indicator
from indicators.services import (
    assessment_record,
    bureau_rename,
    target_revise,
    value_approve,
)
from indicators.services.values import Base
from tests.factories import enter_value
from tests.helpers import count_queries


def _dashboard(client):
    return client.get(reverse("plan_dashboard", args=["14th"])).content.decode()


def test_a_cached_dashboard_costs_one_query(client, plans):
    url = reverse("plan_dashboard", args=["14th"])
    uncached = count_queries(client, url)
    assert count_queries(client, url, cached=True) == 1 < uncached  # the plan, for its revision


def test_a_cached_table_costs_one_query(client, plans):
    url = reverse("plan_table", args=["14th"]) + "?sort=name"
    uncached = count_queries(client, url)
    assert count_queries(client, url, cached=True) <= 3 < uncached


def test_a_cached_api_answer_costs_one_query(client, plans):
    url = reverse("api_plan_indicators", args=["14th"])
    uncached = count_queries(client, url)
    assert count_queries(client, url, cached=True) == 1 < uncached


def _api_values(client, number):
    answer = client.get(reverse("api_plan_indicators", args=["14th"])).json()
    indicator = next(i for i in answer["indicators"] if i["number"] == number)
    return [(value["year"], value["text"]) for value in indicator["values"]]


def test_an_approved_value_is_in_the_api_on_the_very_next_request(
    client, staff_ylj, planning_admin
):
    forest = Indicator.objects.get(plan__code="14th", number=18)
    assert _api_values(client, 18) == []
    entry = enter_value(forest, staff_ylj, "9.87", submit=True)
    assert _api_values(client, 18) == []  # submitted, not approved: not published
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    assert _api_values(client, 18) == [(2021, "9.87")]


def _bureau_page(client, name):
    bureau = Bureau.objects.get(name=name)
    return client.get(reverse("bureau", args=[bureau.pk])).content.decode()


def test_a_cached_bureau_page_skips_the_indicator_queries(client, plans):
    url = reverse("bureau", args=[Bureau.objects.get(name="区园林局").pk])
    uncached = count_queries(client, url)
    # Cached: the bureau, its aliases, the plans' revisions, the synthetic-data label.
    assert count_queries(client, url, cached=True) <= 4 < uncached


def test_an_approved_value_is_on_the_bureau_page_on_the_very_next_request(
    client, staff_ylj, planning_admin
):
    forest = Indicator.objects.get(plan__code="14th", number=18)
    assert "9.87" not in _bureau_page(client, "区园林局")
    entry = enter_value(forest, staff_ylj, "9.87", submit=True)
    assert "9.87" not in _bureau_page(client, "区园林局")
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    assert "2021年(快报) 9.87" in _bureau_page(client, "区园林局")  # with its stage


def test_a_bureau_rename_shows_in_the_cached_rows_at_once(client, plans):
    # The rows (cached) now say that the plans printed the old name.
    assert "印作" not in _bureau_page(client, "区园林局")
    bureau_rename(bureau=Bureau.objects.get(name="区园林局"), name="区园林和林业局", user=None)
    assert "印作“区园林局”" in _bureau_page(client, "区园林和林业局")


def test_a_value_approved_shows_in_the_cached_table_at_once(client, staff_ylj, planning_admin):
    url = reverse("plan_table", args=["14th"])
    assert "9.87" not in client.get(url).content.decode()
    entry = enter_value(
        Indicator.objects.get(plan__code="14th", number=18), staff_ylj, "9.87", submit=True
    )
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    assert "9.87" in client.get(url).content.decode()


def test_an_approved_value_is_visible_on_the_very_next_request(client, staff_ylj, planning_admin):
    forest = Indicator.objects.get(plan__code="14th", number=18)
    assert "9.87" not in _dashboard(client)
    entry = enter_value(forest, staff_ylj, "9.87", submit=True)
    assert "9.87" not in _dashboard(client)  # submitted, not approved
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    html = _dashboard(client)
    assert "9.87" in html and "需要关注的约束性指标" in html


def test_a_target_revision_is_visible_on_the_very_next_request(client, planning_admin):
    _dashboard(client)
    target_revise(
        indicator=Indicator.objects.get(plan__code="14th", number=18),
        target=">10.9",
        reason="新目标",
        effective_date=datetime.date(2022, 1, 1),
        user=planning_admin,
    )
    assert "&gt;10.9" in _dashboard(client)


def test_an_assessment_is_visible_on_the_very_next_request(client, planning_admin):
    assert "进度正常" not in _dashboard(client).split("<h2>绿色生态")[1]
    assessment_record(
        indicator=Indicator.objects.get(plan__code="14th", number=14),
        year=2021,
        status="on_track",
        reason="完成市下达年度目标。",
        assessed_on=datetime.date(2022, 3, 1),
        user=planning_admin,
    )
    assert "进度正常" in _dashboard(client).split("<h2>绿色生态")[1]


def test_a_bureau_rename_is_visible_on_the_very_next_request(client, plans):
    _dashboard(client)
    bureau_rename(bureau=Bureau.objects.get(name="区园林局"), name="区园林和林业局", user=None)
    assert "区园林和林业局" in _dashboard(client)


def test_the_as_of_year_is_part_of_every_cached_page(client, plans):
    for name, args in [
        ("plan_dashboard", ["13th"]),
        ("plan_table", ["13th"]),
        ("api_plan_indicators", ["13th"]),
    ]:
        url = reverse(name, args=args)
        latest = client.get(url).content.decode()
        early = client.get(url, {"as_of": "2017"}).content.decode()
        assert early != latest and "2017" in early
        assert client.get(url).content.decode() == latest  # each year its own entry


def test_a_cached_indicator_page_is_cheap_and_an_approval_shows_at_once(
    client, forest14, staff_ylj, planning_admin
):
    url = reverse("indicator", args=["14th", 18])
    uncached = count_queries(client, url)
    assert count_queries(client, url, cached=True) <= 4 < uncached
    entry = enter_value(forest14, staff_ylj, "10.77", submit=True)
    assert "10.77" not in client.get(url).content.decode()
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    assert "10.77" in client.get(url).content.decode()  # the very next request
