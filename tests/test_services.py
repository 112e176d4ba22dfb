import datetime

import pytest

from indicators.models import Assessment, Indicator, YearlyValue
from indicators.services import RuleError, assessment_record, statuses_refresh


def _forest(plan14):
    return Indicator.objects.get(plan=plan14, number=18)


def test_statuses_follow_new_values(plan14):
    forest = _forest(plan14)
    assert forest.status == "no_data"
    YearlyValue.objects.create(indicator=forest, year=2021, value="10.0", state="approved")
    statuses_refresh(plan=plan14)
    forest.refresh_from_db()
    assert (forest.computed_status, forest.status) == ("off_track", "off_track")
    YearlyValue.objects.create(indicator=forest, year=2022, value="10.6", state="approved")
    statuses_refresh(plan=plan14)
    forest.refresh_from_db()
    assert forest.status == "achieved"


def test_in_step_target_follows_gdp_growth(plan14):
    gdp = Indicator.objects.get(plan=plan14, number=1)
    income = Indicator.objects.get(plan=plan14, number=7)
    YearlyValue.objects.create(indicator=income, year=2021, growth="8.1%", state="approved")
    statuses_refresh(plan=plan14)
    income.refresh_from_db()
    assert income.status == "no_data"  # no GDP growth for 2021 yet
    YearlyValue.objects.create(
        indicator=gdp, year=2021, value="1200", growth="8.5%", state="approved"
    )
    statuses_refresh(plan=plan14)
    income.refresh_from_db()
    assert income.status == "on_track"


def test_a_recorded_assessment_needs_a_reason(plan14):
    with pytest.raises(RuleError) as error:
        assessment_record(
            indicator=Indicator.objects.get(plan=plan14, number=14),
            year=2021,
            status="on_track",
            reason="   ",
            assessed_on=datetime.date(2022, 3, 1),
            user=None,
        )
    assert "必须写明理由" in str(error.value)
    assert not Assessment.objects.filter(indicator__plan=plan14).exists()


def test_a_recorded_assessment_sits_beside_the_computed_status(plan14, planning_admin):
    admin = planning_admin
    energy = Indicator.objects.get(plan=plan14, number=14)
    assessment = assessment_record(
        indicator=energy,
        year=2021,
        status="on_track",
        reason="市下达的年度目标为降低3%,实际降低3.2%。",
        assessed_on=datetime.date(2022, 3, 1),
        user=admin,
    )
    energy.refresh_from_db()
    assert (energy.status, energy.computed_status) == ("on_track", "qualitative")
    assert (assessment.computed_status, assessment.recorded_by) == ("qualitative", admin)


def test_the_13th_plan_disagreement_carries_its_recorded_reason(plan13):
    share = Indicator.objects.get(plan=plan13, number=14)
    recorded = share.assessments.get()
    assert (recorded.status, recorded.computed_status) == ("achieved", "off_track")
    assert "备注4" in recorded.reason
    assert (share.status, share.computed_status) == ("achieved", "off_track")


def test_statuses_of_the_13th_plan_once_loaded(plan13):
    statuses = dict(plan13.indicators.values_list("number", "computed_status"))
    assert [n for n, s in statuses.items() if s == "qualitative"] == [19, 23, 24, 25]
    assert [n for n, s in sorted(statuses.items()) if s == "achieved"] == [
        5,
        9,
        10,
        12,
        15,
        16,
        17,
        20,
        21,
        22,
    ]
