"""Plan files in and out through the services: the round trip, printed forms, refusals,
idempotence and replacement of published values."""

import json

import pytest
from django.urls import reverse

from indicators.models import Indicator, Plan, YearlyValue
from indicators.notation import parse
from indicators.planfile import read_plan_file, write_plan_file
from indicators.planfile_export import plan_file_bytes, plan_file_for
from indicators.services import RuleError, plans_load, value_publish
from indicators.services.planfiles import plan_file_check, plan_file_import
from indicators.services.plans import bureaus_load
from indicators.vocabulary import EntryState, Qualitative
from tests.planfile_samples import HANDWRITTEN_CODE, handwritten_plan_file


def _api(client, code: str) -> tuple[dict, dict]:
    plans = client.get(reverse("api_plans")).json()["plans"]
    entry = next(plan for plan in plans if plan["code"] == code)
    indicators = json.loads(client.get(reverse("api_plan_indicators", args=[code])).content)
    return entry, indicators


def _read(data: bytes):
    plan_file = read_plan_file(data)
    assert not isinstance(plan_file, list), [str(error) for error in plan_file]
    return plan_file


@pytest.fixture
def exported(transactional_db, client):
    """Both Hongshan plans as plan files, with their API answers, before the flush.
    (A transactional test runs after others that flush: the plans are loaded again,
    which changes nothing where they are there.)"""
    plans_load()
    return {
        code: (plan_file_bytes(Plan.objects.get(code=code)), _api(client, code))
        for code in ("13th", "14th")
    }


def test_export_then_import_into_an_empty_database_gives_the_same_api(
    exported, empty_db, client, planning_admin_in_empty_db
):
    bureaus_load()  # the bureau register is not part of a plan file
    for code in ("13th", "14th"):
        data, _ = exported[code]
        plan_file_import(data=_read(data), user=planning_admin_in_empty_db)
    for code in ("13th", "14th"):
        assert _api(client, code) == exported[code][1]


@pytest.fixture
def planning_admin_in_empty_db(empty_db):
    from tests.accounts import account

    return account("guihua", "planner")


def test_a_handwritten_plan_file_is_served_as_printed_with_its_meaning(planning_admin, client):
    report = plan_file_import(data=_read(handwritten_plan_file()), user=planning_admin)
    assert report.created[0].startswith(f"规划 {HANDWRITTEN_CODE}")
    rows = {
        row["number"]: row
        for row in json.loads(
            client.get(reverse("api_plan_indicators", args=[HANDWRITTEN_CODE])).content
        )["indicators"]
    }
    # 60.6* : the number 60.6, the marker kept in the text
    assert rows[1]["baseline"]["text"] == "60.6*"
    assert rows[1]["baseline"]["value"] == 60.6
    # 〔13.5〕 : a five-year cumulative change
    assert rows[2]["target_growth"] == {"text": "〔13.5〕", "value": 13.5, "cumulative": True}
    # ＞7、力争… : the floor 7, the qualifier kept in the printed text
    target = rows[3]["target"]
    assert target["text"] == "＞7、力争投入强度高于“十三五”时期实际"
    assert (target["value"], target["comparator"]) == (7.0, "above")
    # — : no figure
    assert (rows[4]["target"]["text"], rows[4]["target"]["value"]) == ("—", None)
    # a phrase target: as printed, no number, judged by a person
    assert rows[5]["target"]["text"] == "保持在合理区间、各年度视情提出"
    assert rows[5]["target"]["value"] is None
    assert rows[5]["status"] == "qualitative"
    # 高于GDP增长: judged against the indicator named in 比较指标
    assert rows[6]["target"]["text"] == "高于GDP增长"
    assert (rows[6]["target"]["value"], rows[6]["target"]["comparator"]) == (None, None)
    assert parse(rows[6]["target"]["text"]).qualitative == Qualitative.ABOVE_GDP
    income = Indicator.objects.get(plan__code=HANDWRITTEN_CODE, number=6)
    assert income.reference.number == 7
    assert income.target.meaning.startswith("定性:高于")
    # values: published figures, approved, with their 来源 and the acting user
    value = YearlyValue.objects.get(
        indicator__plan__code=HANDWRITTEN_CODE, year=2026, indicator__number=7
    )
    assert (value.state, value.source, value.printed) == (EntryState.APPROVED, "统计公报", False)
    assert value.history.first().history_user == planning_admin
    assert value.history.first().history_change_reason.startswith("导入规划文件")


def test_importing_the_same_file_twice_changes_nothing(planning_admin):
    data = _read(handwritten_plan_file())
    plan_file_import(data=data, user=planning_admin)
    before = list(YearlyValue.objects.order_by("pk").values())
    revision = Plan.objects.get(code=HANDWRITTEN_CODE).revision
    report = plan_file_check(data=data)
    assert report.ok and report.changes_nothing and report.same_values == len(data.values)
    plan_file_import(data=data, user=planning_admin)
    assert list(YearlyValue.objects.order_by("pk").values()) == before
    assert Plan.objects.get(code=HANDWRITTEN_CODE).revision >= revision


def test_a_hongshan_plan_file_imported_again_changes_nothing(plan13, planning_admin):
    data = _read(plan_file_bytes(plan13))
    report = plan_file_check(data=data)
    assert report.ok and report.changes_nothing and report.same_values == 125


def test_a_contradicting_file_is_refused_with_the_differences(plan13, planning_admin):
    data = _read(plan_file_bytes(plan13))
    gdp2016 = next(v for v in data.values if (v.number, v.year) == (1, 2016))
    gdp2016.value, gdp2016.source = "836", "统计年报"
    with pytest.raises(RuleError) as refused:
        plan_file_import(data=data, user=planning_admin)
    message = str(refused.value)
    assert "工作表“数值”" in message and "库中为总量或数值“835”" in message
    assert "文件为总量或数值“836”" in message
    assert (
        YearlyValue.objects.get(
            indicator__plan=plan13, indicator__number=1, year=2016, state=EntryState.APPROVED
        ).value.text
        == "835"
    )


def test_replacing_values_makes_new_versions_and_keeps_the_old(plan13, planning_admin, client):
    data = _read(plan_file_bytes(plan13))
    gdp2016 = next(v for v in data.values if (v.number, v.year) == (1, 2016))
    gdp2016.value, gdp2016.source = "836", "统计年报"
    plan_file_import(data=data, user=planning_admin, replace_values=True)
    versions = YearlyValue.objects.filter(
        indicator__plan=plan13, indicator__number=1, year=2016
    ).order_by("version")
    assert [(v.version, v.value.text, v.state, v.printed) for v in versions] == [
        (1, "835", EntryState.SUPERSEDED, True),
        (2, "836", EntryState.APPROVED, False),
    ]
    served = json.loads(client.get(reverse("api_plan_indicators", args=["13th"])).content)
    assert served["indicators"][0]["values"][0]["text"] == "836"
    # and the same file again changes nothing more
    assert plan_file_check(data=data).changes_nothing


def _refused(data, user) -> str:
    counts = (Plan.objects.count(), Indicator.objects.count(), YearlyValue.objects.count())
    with pytest.raises(RuleError) as refused:
        plan_file_import(data=data, user=user)
    assert counts == (Plan.objects.count(), Indicator.objects.count(), YearlyValue.objects.count())
    return str(refused.value)


def test_an_unknown_bureau_is_refused_with_its_row_and_nothing_is_written(planning_admin):
    data = _read(handwritten_plan_file())
    data.indicators[1].bureaus = ["区不存在局"]
    message = _refused(data, planning_admin)
    assert "工作表“指标”第3行:责任单位“区不存在局”不在库中" in message


def test_a_missing_previous_plan_is_refused(planning_admin):
    data = _read(handwritten_plan_file())
    data.plan.previous = "12th"
    assert "上一个规划“12th”不在库中" in _refused(data, planning_admin)


def test_a_changed_definition_of_an_existing_plan_is_refused(plan14, planning_admin):
    data = _read(plan_file_bytes(plan14))
    data.indicators[17].target = ">11"
    message = _refused(data, planning_admin)
    assert "第18项的目标值与库中不同(库中“>10.50”,文件“>11”)" in message


def test_a_plan_file_fills_an_empty_plan_made_in_the_admin(planning_admin):
    from indicators.services import plan_create

    plan_create(
        user=planning_admin,
        code=HANDWRITTEN_CODE,
        name="草稿",
        title="t",
        start_year=2026,
        end_year=2030,
        base_year=2025,
    )
    plan_file_import(data=_read(handwritten_plan_file()), user=planning_admin)
    plan = Plan.objects.get(code=HANDWRITTEN_CODE)
    assert plan.name == "“十五五”规划(示例)" and plan.indicators.count() == 7


def test_value_publish_supersedes_the_approved_value(gdp13, planning_admin):
    entry = value_publish(
        indicator=gdp13,
        year=2020,
        value="1036.5",
        growth="-2.2",
        source="2020年统计年报",
        user=planning_admin,
        reason="年报修订",
    )
    assert entry.state == EntryState.APPROVED and entry.version == 2
    old = YearlyValue.objects.get(indicator=gdp13, year=2020, version=1)
    assert old.state == EntryState.SUPERSEDED and old.printed


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"year": 2030}, "year"),
        ({"source": ""}, "source"),
        ({"value": "12亿元"}, "value"),
        ({"value": "", "growth": ""}, "value"),
    ],
)
def test_value_publish_refuses_what_it_should(gdp13, planning_admin, arguments, field):
    base = {"year": 2020, "value": "1036.5", "growth": "", "source": "年报"}
    with pytest.raises(RuleError) as refused:
        value_publish(indicator=gdp13, user=planning_admin, reason="r", **(base | arguments))
    assert field in refused.value.errors


def test_value_publish_is_for_planning_admins(gdp13, staff_fgj):
    with pytest.raises(RuleError, match="只有规划管理员"):
        value_publish(
            indicator=gdp13, year=2020, value="1", source="年报", user=staff_fgj, reason="r"
        )


def test_export_of_a_plan_holds_only_approved_values(gdp14, staff_fgj, plan14):
    from indicators.services import Base, value_save

    value_save(
        indicator=gdp14,
        year=2021,
        value="1200",
        growth="12.6%",
        source="统计快报",
        user=staff_fgj,
        base=Base(),
        submit=True,
    )
    assert not [v for v in plan_file_for(plan14).values if v.number == 1]
    assert write_plan_file(plan_file_for(plan14))
