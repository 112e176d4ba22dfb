from django.contrib.auth.models import User
from django.urls import reverse

from indicators.models import Indicator, YearlyValue
from indicators.services import statuses_refresh
from tests.factories import add_generated_indicators
from tests.helpers import count_queries


def _scorecard(client, code="13th"):
    return client.get(reverse("plan_scorecard", args=[code]))


def test_each_bureau_with_its_indicators_and_counts(client, plans):
    response = _scorecard(client)
    assert response.status_code == 200
    rows = {bureau.name: (links, counts) for bureau, links, counts in response.context["scorecard"]}
    links, counts = rows["区商务局"]
    assert [link.indicator.number for link in links] == [7, 8, 9, 10, 11]
    statuses = [code for code, _ in response.context["statuses"]]
    assert counts[statuses.index("off_track")] == 3 and counts[statuses.index("achieved")] == 2
    assert "区经济开发区" in rows  # a co-responsible bureau has its own line
    html = response.content.decode()
    assert "✗ 难以完成" in html and "✓ 已完成" in html


def test_binding_indicators_in_trouble_come_first(client, plan14):
    forest = Indicator.objects.get(plan=plan14, number=18)
    YearlyValue.objects.create(indicator=forest, year=2021, value="9.9", state="approved")
    statuses_refresh(plan=plan14)
    rows = {b.name: links for b, links, _ in _scorecard(client, "14th").context["scorecard"]}
    assert rows["区园林局"][0].indicator == forest


def test_signed_in_user_and_refused_writes(client, plans):
    client.force_login(User.objects.create_user("reader"))
    assert _scorecard(client).status_code == 200
    assert client.post(reverse("plan_scorecard", args=["13th"])).status_code == 405
    assert _scorecard(client, "12th").status_code == 404


def test_scorecard_query_count_does_not_grow_with_indicators(client, plan14):
    url = reverse("plan_scorecard", args=["14th"])
    real = count_queries(client, url)
    add_generated_indicators(plan14, 1000)
    # The plan, its default as_of year, the indicators and what 序时进度 reads, the links.
    assert count_queries(client, url) == real <= 9  # + target revisions (as_of)
