"""The planning admin's work in the admin: target revisions, bureaus, the next plan."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.models import (
    Bureau,
    Indicator,
    IndicatorBureau,
    Plan,
    TargetRevision,
    YearlyValue,
)
from tests.accounts import account
from tests.admin_forms import admin_post_data


def _forest():
    return Indicator.objects.get(plan__code="14th", number=18)


def _edit_target(client, indicator, **changes):
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    data = admin_post_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


@pytest.fixture
def planner_client(client, planning_admin):
    client.force_login(planning_admin)
    return client


def test_a_target_edited_in_the_admin_becomes_a_revision(planner_client, planning_admin):
    forest = _forest()
    YearlyValue.objects.create(indicator=forest, year=2021, value="10.6", state="approved")
    from indicators.services import statuses_refresh

    statuses_refresh(plan=forest.plan)
    forest.refresh_from_db()
    assert forest.status == "achieved"  # 10.6 > 10.50

    response = _edit_target(
        planner_client,
        forest,
        target=">10.8",
        revision_reason="市下达新的森林覆盖率目标。",
        effective_date="2022-03-01",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    revision = TargetRevision.objects.get(indicator=forest)
    assert (revision.old_target.text, revision.target.text) == (">10.50", ">10.8")
    assert revision.reason == "市下达新的森林覆盖率目标。"
    assert revision.effective_date == datetime.date(2022, 3, 1)
    assert revision.recorded_by == planning_admin
    forest.refresh_from_db()
    assert forest.target.text == ">10.8"
    assert forest.status == "on_track"  # progress follows the target in force
    assert forest.history.first().history_change_reason.startswith("目标调整(2022-03-01生效)")

    page = planner_client.get(reverse("indicator", args=["14th", 18])).content.decode()
    assert "<del>&gt;10.50</del> → <strong>&gt;10.8</strong>" in page
    assert "市下达新的森林覆盖率目标。" in page
    chart = json.loads(re.search(r'id="indicator-chart-spec"[^>]*>(.*?)</script>', page, re.S)[1])
    original = next(t for t in chart["data"] if t["name"] == "原目标路径(调整前)")
    current = next(t for t in chart["data"] if t["name"] == "目标路径")
    assert original["y"][-1] == pytest.approx(10.5) and original["opacity"] < 1
    assert current["y"][-1] == pytest.approx(10.8)

    api = planner_client.get(reverse("api_plan_indicators", args=["14th"])).json()
    item = next(i for i in api["indicators"] if i["number"] == 18)
    assert item["target"]["text"] == ">10.8"
    assert item["target_revisions"] == [
        {
            "effective_date": "2022-03-01",
            "reason": "市下达新的森林覆盖率目标。",
            "baseline": {"old": "10.25", "new": "10.25"},
            "target": {"old": ">10.50", "new": ">10.8"},
            "target_growth": {"old": "-", "new": "-"},
            "recorded_at": revision.created_at.isoformat(),
        }
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"target": ">10.8", "effective_date": "2022-03-01"}, "调整目标必须写明原因"),
        ({"target": ">10.8", "revision_reason": "新目标"}, "调整目标必须填写生效日期"),
        (
            {"target": ">10.8", "revision_reason": "新目标", "effective_date": "2099-01-01"},
            "生效日期不能晚于今天",
        ),
        (
            {"target": "十点八", "revision_reason": "新目标", "effective_date": "2022-03-01"},
            "不是数字",
        ),
    ],
)
def test_a_target_change_without_reason_or_date_is_refused(planner_client, changes, message):
    response = _edit_target(planner_client, _forest(), **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _forest().target.text == ">10.50"
    assert not TargetRevision.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"target_year": "2024"},
        {"baseline_year": "2019"},
        {"kind": "level"},
        {"direction": "decrease"},
    ],
)
def test_moving_a_year_kind_or_direction_in_the_admin_needs_a_reason(planner_client, changes):
    """Before, these saved with no reason and no revision."""
    response = _edit_target(planner_client, _forest(), **changes)
    assert response.status_code == 200
    assert "调整目标必须写明原因" in response.content.decode()
    assert not TargetRevision.objects.exists()
    with_reason = {**changes, "revision_reason": "市里调整口径", "effective_date": "2022-03-01"}
    assert _edit_target(planner_client, _forest(), **with_reason).status_code == 302
    (revision,) = TargetRevision.objects.all()
    assert revision.reason == "市里调整口径"
    field, value = next(iter(changes.items()))
    assert str(getattr(_forest(), field)) == value


def test_other_fields_change_without_a_revision(planner_client):
    response = _edit_target(planner_client, _forest(), unit="%(森林)")
    assert response.status_code == 302
    assert _forest().unit == "%(森林)" and not TargetRevision.objects.exists()


def test_renaming_a_bureau_keeps_its_former_name(planner_client):
    bureau = Bureau.objects.get(name="区园林局")
    url = reverse("admin:indicators_bureau_change", args=[bureau.pk])
    data = admin_post_data(planner_client.get(url))
    data["name"] = "区园林和林业局"
    assert planner_client.post(url, data).status_code == 302
    bureau.refresh_from_db()
    assert bureau.name == "区园林和林业局"
    assert "区园林局" in bureau.aliases.values_list("name", flat=True)
    link = IndicatorBureau.objects.get(indicator=_forest())
    assert (link.bureau, link.printed_name) == (bureau, "区园林局")
    table = planner_client.get(reverse("plan_table", args=["14th"]), {"q": "区园林局"})
    assert [r.record.number for r in table.context["table"].paginated_rows] == [18]


def test_merging_bureaus_moves_indicators_and_staff(planner_client):
    staff = account("kfq", "staff", "区经济开发区")
    source = Bureau.objects.get(name="区经济开发区")
    into = Bureau.objects.get(name="区科经局")
    response = planner_client.post(
        reverse("admin:indicators_bureau_changelist"),
        {"action": "merge_bureaus", "_selected_action": [source.pk], "into": into.pk},
    )
    assert response.status_code == 302
    assert not Bureau.objects.filter(name="区经济开发区").exists()
    culture = Indicator.objects.get(plan__code="13th", number=13)
    assert [(link.bureau.name, link.printed_name) for link in culture.bureau_links] == [
        ("区文旅局", "区文旅局"),
        ("区科经局", "区经济开发区"),
    ]
    assert list(staff.account.bureaus.values_list("name", flat=True)) == ["区科经局"]
    assert "区经济开发区" in into.aliases.values_list("name", flat=True)


def _approve(number, year, value="", growth=""):
    YearlyValue.objects.create(
        indicator=Indicator.objects.get(plan__code="14th", number=number),
        year=year,
        value=value,
        growth=growth,
        state="approved",
    )


def test_start_plan_command_links_indicators_and_fills_only_approved_baselines(plans):
    _approve(18, 2025, value="10.6")
    _approve(3, 2025, value="97.65")
    YearlyValue.objects.create(
        indicator=Indicator.objects.get(plan__code="14th", number=9),
        year=2025,
        value="12.4",
        state="submitted",  # not approved: not a baseline
    )
    args = [
        "--from",
        "14th",
        "--code",
        "15th",
        "--name",
        "“十五五”规划",
        "--start",
        "2026",
        "--end",
        "2030",
    ]
    call_command("start_plan", *args, "--indicators", "3", "9", "18", stdout=io.StringIO())
    plan = Plan.objects.get(code="15th")
    assert (plan.base_year, plan.start_year, plan.end_year, plan.previous.code) == (
        2025,
        2026,
        2030,
        "14th",
    )
    made = {i.predecessor.number: i for i in plan.indicators.select_related("predecessor")}
    assert sorted(made) == [3, 9, 18]
    assert {n: i.baseline.text for n, i in made.items()} == {3: "97.65", 9: "", 18: "10.6"}
    assert all(i.baseline_year == 2025 and i.target.is_blank for i in made.values())
    assert made[18].bureau_names == ["区园林局"] and made[18].nature == "binding"

    call_command("start_plan", *args, "--indicators", "3", "9", "18", stdout=io.StringIO())
    assert plan.indicators.count() == 3  # nothing new the second time


def test_the_next_plan_from_the_admin(planner_client):
    previous = Plan.objects.get(code="14th")
    url = reverse("admin:indicators_plan_start_next", args=[previous.pk])
    assert "延续的指标" in planner_client.get(url).content.decode()
    response = planner_client.post(
        url,
        {
            "code": "15th",
            "name": "“十五五”规划",
            "title": "洪山区国民经济和社会发展第十五个五年规划纲要",
            "start_year": 2026,
            "end_year": 2030,
            "numbers": ["1", "18"],
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(code="15th")
    assert sorted(i.predecessor.number for i in plan.indicators.all()) == [1, 18]
    assert "“十五五”规划" in planner_client.get(reverse("home")).content.decode()


def test_linked_indicators_share_one_chart_across_plans(client, plans):
    html = client.get(reverse("indicator", args=["14th", 1])).content.decode()
    spec = json.loads(
        re.search(r'id="continuity-chart-spec"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    names = [trace["name"] for trace in spec["data"]]
    assert "“十三五”规划·实际值" in names and "“十四五”规划·实际值" in names
    assert "“十三五”规划·规划目标" in names and "“十四五”规划·规划目标" in names
    assert "“十三五”规划·目标路径" in names and "“十四五”规划·目标路径" in names
    import plotly.graph_objects as go

    go.Figure(spec)
    assert (
        'id="continuity-chart-spec"'
        not in client.get(reverse("indicator", args=["13th", 14])).content.decode()
    )
