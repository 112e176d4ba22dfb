"""Plans as wholes: starting the next plan, plan fields, assessments, and plan_changed."""

import datetime

import pytest

from indicators.models import Assessment, Plan
from indicators.services import (
    RuleError,
    assessment_record,
    plan_changed,
    plan_start_from,
    plan_update,
)

NEXT = {"code": "15th", "name": "“十五五”规划", "title": "十五五", "numbers": [1, 18]}


@pytest.mark.parametrize(
    ("years", "field", "message"),
    [
        ({"start_year": 2030, "end_year": 2026}, "end_year", "不能早于起始年"),
        ({"start_year": 2021, "end_year": 2025}, "start_year", "之后开始"),
        ({"start_year": 2026, "end_year": 2060}, "end_year", "不能超过15年"),
        ({"start_year": 1800, "end_year": 2030}, "start_year", "1949至2100"),
    ],
)
def test_plan_start_from_refuses_years_that_make_no_sense(plan14, years, field, message):
    with pytest.raises(RuleError) as refused:
        plan_start_from(previous=plan14, user=None, **NEXT, **years)
    assert message in refused.value.errors[field]
    assert not Plan.objects.filter(code="15th").exists()


def test_plan_start_from_refuses_unknown_numbers(plan14):
    with pytest.raises(RuleError, match="没有第99项指标"):
        plan_start_from(
            previous=plan14, user=None, **(NEXT | {"numbers": [99]}), start_year=2026, end_year=2030
        )


def test_plan_start_from_records_who_started_it(plan14, planning_admin):
    plan, made = plan_start_from(
        previous=plan14, user=planning_admin, **NEXT, start_year=2026, end_year=2030
    )
    assert [i.predecessor.number for i in made] == [1, 18]
    assert plan.history.first().history_user == planning_admin
    assert made[0].history.first().history_change_reason == "由“十四五”规划第1项延续"


def test_a_plans_years_are_fixed_once_it_has_indicators(plan14, planning_admin):
    with pytest.raises(RuleError, match="不能修改起止年"):
        plan_update(plan=plan14, user=planning_admin, changes={"end_year": 2026})


def test_an_assessment_needs_a_judged_status_and_a_reason(energy14, planning_admin):
    for status, reason, field in [("achieved", " ", "reason"), ("no_data", "理由", "status")]:
        with pytest.raises(RuleError) as refused:
            assessment_record(
                indicator=energy14,
                year=2021,
                status=status,
                reason=reason,
                assessed_on=datetime.date(2022, 3, 1),
                user=planning_admin,
            )
        assert field in refused.value.errors
    assert not Assessment.objects.filter(indicator=energy14).exists()


def test_plan_changed_makes_cached_pages_stale_and_refreshes_statuses(plan14, forest14):
    from indicators.models import YearlyValue

    YearlyValue.objects.create(indicator=forest14, year=2021, value="10.8", state="approved")
    generation = plan14.revision
    plan_changed(plan14, indicators=[forest14])
    plan14.refresh_from_db()
    forest14.refresh_from_db()
    assert plan14.revision == generation + 1
    assert forest14.status == "achieved"


def test_a_change_of_names_only_leaves_statuses_alone(plan14, forest14):
    from indicators.models import YearlyValue

    YearlyValue.objects.create(indicator=forest14, year=2021, value="10.8", state="approved")
    plan_changed(plan14, indicators=[])
    forest14.refresh_from_db()
    assert forest14.status == "no_data"
