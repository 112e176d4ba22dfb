"""The plan's commitments in its own words: loaded, excluded from the table of main
indicators, assigned, reported, reviewed, and shown by chapter and in the API."""

import pytest
from django.urls import reverse

from indicators.models import Bureau, Commitment, Indicator, IndicatorBureau
from indicators.services import (
    Base,
    commitments_load,
    indicator_bureau_save,
    value_approve,
    value_save,
)
from tests.conftest import SEED, read_fixture
from tests.helpers import count_queries

FILE = read_fixture("commitments.toml")["commitment"]


def test_every_commitment_is_loaded_once_with_its_quote(plan14):
    assert Commitment.objects.count() == len(FILE)
    assert commitments_load() == 0  # again: nothing new
    seed = SEED.read_text()
    for commitment in Commitment.objects.select_related("indicator"):
        assert commitment.quote in seed
        assert commitment.indicator.source == "text"


def test_commitments_are_not_main_indicators(client, plan14):
    table = client.get(reverse("plan_table", args=["14th"])).context["table"]
    assert len(table.rows) == 18
    api = client.get(reverse("api_plan_indicators", args=["14th"])).json()
    assert len(api["indicators"]) == 18
    home = client.get(reverse("home")).content.decode()
    assert "18项主要指标" in home


def _toilets(plan14):
    return Indicator.objects.get(plan=plan14, commitment__code="c6-3-06")


def _assign(indicator, bureau_name, user):
    link = IndicatorBureau(indicator=indicator, bureau=Bureau.objects.get(name=bureau_name))
    return indicator_bureau_save(link=link, user=user)


def test_an_assigned_commitment_is_reported_reviewed_and_judged(
    client, plan14, staff_ylj, planning_admin, planning_admin_2
):
    toilets = _toilets(plan14)
    assert toilets.kind == "cumulative" and toilets.target.number == 30
    _assign(toilets, "区园林局", planning_admin)
    entry = value_save(
        indicator=toilets,
        year=2021,
        value="8",
        growth="",
        source="区园林局统计",
        note="建成8座",
        user=staff_ylj,
        base=Base(),
        submit=True,
    )
    value_approve(entry=entry, user=planning_admin_2, base=Base.of(entry))
    page = client.get(reverse("plan_commitments", args=["14th"]) + "?as_of=2021")
    html = page.content.decode()
    assert "区园林局" in html and "建成8座" in html
    # 8 of 30 after one year of five: 26.7 % done against 20 % due.
    assert "快于预期" in html
    api = client.get(reverse("api_plan_commitments", args=["14th"]) + "?as_of=2021").json()
    row = next(c for c in api["commitments"] if c["number"] == toilets.number)
    assert row["bureaus"] == [{"name": "区园林局", "role": "lead"}]
    assert row["values"][0]["value"]["value"] == 8
    assert row["pace"]["class"] == "ahead"
    assert row["quote"] in SEED.read_text()
    bureau = client.get(reverse("bureau", args=[Bureau.objects.get(name="区园林局").pk]))
    assert "正文目标" in bureau.content.decode()


def test_the_api_serves_every_commitment_as_printed(client, plan14):
    api = client.get(reverse("api_plan_commitments", args=["14th"])).json()
    assert [c["id"] for c in api["commitments"]] == [row["id"] for row in FILE]
    by_id = {row["id"]: row for row in FILE}
    for commitment in api["commitments"]:
        printed = by_id[commitment["id"]]
        assert commitment["target"]["text"] == printed["target_text"]
        assert commitment["target"]["figure"] == printed["target"]
        assert {"as_of", "expected", "actual", "gap", "gap_unit", "label", "basis"} <= set(
            commitment["pace"]
        )


@pytest.mark.parametrize("url", ["plan_commitments", "api_plan_commitments"])
def test_commitment_pages_run_a_fixed_number_of_queries(client, plan14, url):
    first = count_queries(client, reverse(url, args=["14th"]))
    _assign(_toilets(plan14), "区园林局", None)
    for indicator in Indicator.objects.commitments()[:10]:
        if not indicator.indicator_bureaus.exists():
            _assign(indicator, "区发改局", None)
    assert count_queries(client, reverse(url, args=["14th"])) == first
