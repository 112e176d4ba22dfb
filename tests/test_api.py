import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.conftest import read_fixture
from tests.factories import add_generated_indicators
from tests.helpers import count_queries

CURRENT_NAMES = {
    alias["name"]: bureau["name"]
    for bureau in read_fixture("bureaus.toml")["bureau"]
    for alias in bureau.get("aliases", [])
}


def _indicators(client, code):
    response = client.get(reverse("api_plan_indicators", args=[code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["indicators"]


def test_plan_list(client, plans):
    response = client.get(reverse("api_plans"))
    assert response.status_code == 200
    assert response.json()["plans"] == [
        {
            "code": "14th",
            "name": "“十四五”规划",
            "start_year": 2021,
            "end_year": 2025,
            "indicator_count": 18,
            "synthetic": False,
        },
        {
            "code": "13th",
            "name": "“十三五”规划",
            "start_year": 2016,
            "end_year": 2020,
            "indicator_count": 25,
            "synthetic": False,
        },
    ]


def test_indicator_fields_as_documented(client, plans):
    gdp = _indicators(client, "13th")[0]
    assert gdp == {
        "number": 1,
        "category": "经济发展",
        "name": "地区生产总值",
        "unit": "亿元",
        "nature": None,
        "kind": "level",
        "direction": "increase",
        "bureaus": ["区发改局"],
        "baseline": {"year": 2015, "text": "744", "value": 744.0},
        "target": {"year": 2020, "text": ">1145", "value": 1145.0, "comparator": "above"},
        "target_growth": {"text": ">9%", "value": 9.0, "cumulative": False},
        "values": [
            {
                "year": year,
                "text": text,
                "value": float(text),
                "growth_text": growth,
                "growth": float(growth.rstrip("%")),
                "companion_text": "",
            }
            for year, text, growth in [
                (2016, "835", "8.7%"),
                (2017, "957.7", "9.4%"),
                (2018, "1142", "9.1%"),
                (2019, "1059", "7.6%"),
                (2020, "1036", "-2.2"),
            ]
        ],
        "official_assessment": "难以完成",
        "status": "off_track",
        "status_label": "难以完成",
        "computed_assessment": {
            "status": "off_track",
            "label": "难以完成",
            "verdict": "难以完成",
            "explanation": "目标年已到,目标未实现。",
        },
        "recorded_assessment": None,
        "progress": gdp["progress"],
        "projection": None,
        "target_revisions": [],
        "footnotes": [],
        "notes": [gdp["notes"][0]],
        "pace": {
            "as_of": 2020,
            "year": 2020,
            "expected": 1145.0,
            "actual": 1036.0,
            "unit": "亿元",
            "gap": -9.5197,
            "gap_unit": "%",
            "label": "滞后于预期",
            "class": "behind",
            "basis": gdp["pace"]["basis"],
        },
    }
    assert "低于序时进度9.52%" in gdp["pace"]["basis"]
    assert gdp["progress"]["latest_year"] == 2020 and gdp["progress"]["latest"] == 1036
    assert gdp["progress"]["expected"] == pytest.approx(1145, abs=0.01)
    assert "1080" in gdp["notes"][0]


@pytest.mark.parametrize("fixture", ["plan13.toml", "plan14.toml"])
def test_every_printed_cell_is_in_the_api(client, plans, fixture):
    data = read_fixture(fixture)
    api = {i["number"]: i for i in _indicators(client, data["plan"]["code"])}
    assert len(api) == len(data["indicators"])
    for row in data["indicators"]:
        item = api[row["number"]]
        assert item["name"] == row["name"]
        assert item["baseline"]["text"] == row["baseline"]
        assert item["target"]["text"] == row["target"]
        growth = row.get("target_growth", "")
        assert (item["target_growth"] or {"text": ""})["text"] == growth
        assert [
            (v["year"], v["text"], v["growth_text"], v["companion_text"]) for v in item["values"]
        ] == [
            (v["year"], v.get("value", ""), v.get("growth", ""), v.get("companion", ""))
            for v in row.get("values", [])
        ]
        assert item["bureaus"] == [CURRENT_NAMES.get(name, name) for name in row["bureaus"]]
        assert item["official_assessment"] == (row.get("official_assessment") or None)
        assert item["notes"] == [note["text"] for note in row.get("notes", [])]


def test_values_are_numbers_or_null(client, plans):
    items = {i["number"]: i for i in _indicators(client, "14th")}
    assert items[7]["baseline"] == {"year": 2020, "text": "与经济增长基本同步", "value": None}
    assert items[2]["target"]["value"] is None and items[2]["target"]["text"] == "-"
    assert items[3]["target_growth"] == {"text": "[0.39]", "value": 0.39, "cumulative": True}
    assert items[8]["target_growth"]["text"] == "<6"
    assert items[12]["target_growth"] is None
    assert items[1]["target"]["comparator"] == "exact"
    assert items[1]["target_growth"]["value"] == 7.0
    assert items[9]["nature"] == "约束性"


def test_bureaus_use_current_names(client, plans):
    items = {i["number"]: i for i in _indicators(client, "13th")}
    assert items[23]["bureaus"] == ["区社保处"]
    assert items[13]["bureaus"] == ["区文旅局", "区经济开发区"]


def test_unknown_plan_is_a_json_404(client, plans):
    response = client.get(reverse("api_plan_indicators", args=["12th"]))
    assert response.status_code == 404
    assert "12th" in response.json()["error"]


def test_api_is_read_only(client, plans):
    assert client.post(reverse("api_plans")).status_code == 405
    assert client.delete(reverse("api_plan_indicators", args=["13th"])).status_code == 405


def test_a_signed_in_user_gets_the_same_answer(client, plans):
    anonymous = client.get(reverse("api_plans")).json()
    client.force_login(User.objects.create_user("reader"))
    assert client.get(reverse("api_plans")).json() == anonymous


def test_api_query_count_does_not_grow_with_indicators(client, plan14):
    url = reverse("api_plan_indicators", args=["14th"])
    real = count_queries(client, url)
    add_generated_indicators(plan14, 1000)
    assert count_queries(client, url) == real <= 11  # + printed figures, + default as_of
    assert len(_indicators(client, "14th")) == 1018


def test_status_fields_keep_computed_and_recorded_side_by_side(client, plans):
    share = {i["number"]: i for i in _indicators(client, "13th")}[14]
    assert share["status"] == "achieved"
    assert share["computed_assessment"]["status"] == "off_track"
    assert share["computed_assessment"]["verdict"] == "难以完成"
    assert share["recorded_assessment"]["status"] == "achieved"
    assert "备注4" in share["recorded_assessment"]["reason"]
    assert share["progress"]["crosses_definition_change"] is True


def test_no_values_means_no_data_not_zero(client, plans):
    for item in _indicators(client, "14th"):
        if item["computed_assessment"]["status"] == "qualitative":
            continue
        assert item["status"] == "no_data"
        assert item["progress"] is None and item["projection"] is None


# ------------------------------------------------------------------ pace (序时进度)

PACE_KEYS = {
    "as_of",
    "year",
    "expected",
    "actual",
    "unit",
    "gap",
    "gap_unit",
    "label",
    "class",
    "basis",
}


@pytest.fixture
def values14(plan14):
    """Approved 2021-2023 values for a spread of the 14th plan's kinds (level, rate,
    share, in step with GDP, ceiling), so that every year has something to judge."""
    from indicators.models import Indicator, YearlyValue

    entered = {
        1: [("1180", "8.1"), ("1230", "4.2"), ("1300", "6.0")],
        2: [("", "9.5"), ("", "5.1"), ("", "6.2")],
        16: [("80", ""), ("82", ""), ("84", "")],
        18: [("10.3", ""), ("10.35", ""), ("10.4", "")],
    }
    for number, figures in entered.items():
        indicator = Indicator.objects.get(plan=plan14, number=number)
        for year, (value, growth) in zip((2021, 2022, 2023), figures, strict=True):
            YearlyValue.objects.create(
                indicator=indicator, year=year, value=value, growth=growth, state="approved"
            )
    return plan14


@pytest.mark.parametrize(
    ("code", "years"), [("13th", range(2015, 2021)), ("14th", range(2020, 2026))]
)
def test_pace_is_served_for_every_indicator_at_every_as_of_year(
    client, plans, values14, code, years
):
    from indicators.vocabulary import MidTermClass

    classes = {kind.value: kind.label for kind in MidTermClass}
    for year in years:
        answer = client.get(reverse("api_plan_indicators", args=[code]), {"as_of": year}).json()
        assert answer["as_of"] == year
        for indicator in answer["indicators"]:
            pace = indicator["pace"]
            assert set(pace) == PACE_KEYS, (code, year, indicator["number"])
            assert pace["as_of"] == year
            assert classes[pace["class"]] == pace["label"]
            assert pace["basis"].endswith("。")
            assert pace["year"] is None or pace["year"] <= year
            if pace["gap"] is not None:
                assert pace["gap_unit"] and pace["actual"] is not None


def test_pace_follows_as_of_and_ignores_later_values(client, values14):
    def gdp(as_of):
        url = reverse("api_plan_indicators", args=["14th"])
        return _by_number(client.get(url, {"as_of": as_of}).json())[1]["pace"]

    assert gdp(2021)["year"] == 2021 and gdp(2021)["actual"] == 8.1
    assert gdp(2023)["year"] == 2023
    assert gdp(2025)["year"] == 2023 and "截至2025年最新数据为2023年" in gdp(2025)["basis"]
    assert gdp(2020)["class"] == "no_data"


def _by_number(answer):
    return {indicator["number"]: indicator for indicator in answer["indicators"]}


@pytest.mark.parametrize("as_of", ["abc", "2014", "2026", "9" * 40, "", "2021.0"])
def test_an_invalid_as_of_gives_the_latest_year_with_values(client, values14, as_of):
    response = client.get(reverse("api_plan_indicators", args=["14th"]), {"as_of": as_of})
    assert response.status_code == 200
    assert response.json()["as_of"] == 2023
    assert {i["pace"]["as_of"] for i in response.json()["indicators"]} == {2023}
