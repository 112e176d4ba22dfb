"""Target revisions and indicator edits: whatever moves a target is a revision, with a
reason and an effective date, whoever calls the service."""

import datetime

import pytest

from indicators.models import TargetRevision
from indicators.services import (
    RuleError,
    indicator_update,
    indicator_update_check,
    target_revise,
)

TODAY = datetime.date.today()


def _revise(indicator, user=None, **changes):
    defaults = {"reason": "市里调整了下达目标。", "effective_date": TODAY}
    return target_revise(indicator=indicator, user=user, **(defaults | changes))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"target": ">11", "reason": "  "}, "reason", "必须写明原因"),
        ({"target": ">11", "effective_date": None}, "effective_date", "必须填写生效日期"),
        (
            {"target": ">11", "effective_date": TODAY + datetime.timedelta(days=1)},
            "effective_date",
            "不能晚于今天",
        ),
        ({"target": "abc"}, "target", ""),
        ({"target_year": 2019}, "target_year", "晚于基期年"),
        ({"baseline_year": 2030}, "target_year", "晚于基期年"),
        ({"kind": "speed"}, "kind", "类型应为"),
        ({"direction": "sideways"}, "direction", "方向应为"),
        ({"target": ">10.50"}, "", "没有改变"),
    ],
)
def test_target_revise_refuses_with_a_reason(forest14, changes, field, message):
    with pytest.raises(RuleError) as refused:
        _revise(forest14, **changes)
    assert message in refused.value.errors[field]
    assert not TargetRevision.objects.filter(indicator=forest14).exists()


def test_a_full_width_target_is_folded_like_a_value(forest14, planning_admin):
    _revise(forest14, planning_admin, target="＞１０．９")
    forest14.refresh_from_db()
    assert forest14.target.text == ">10.9"
    assert forest14.target.number == 10.9


@pytest.mark.parametrize(
    ("changes", "label"),
    [
        ({"target_year": 2024}, "目标年"),
        ({"baseline_year": 2019}, "基期年"),
        ({"kind": "level"}, "类型"),
        ({"direction": "decrease"}, "方向"),
    ],
)
def test_a_change_of_year_kind_or_direction_is_a_revision(forest14, planning_admin, changes, label):
    revision = _revise(forest14, planning_admin, **changes)
    assert label in [change[0] for change in revision.changes()]
    forest14.refresh_from_db()
    field, value = next(iter(changes.items()))
    assert getattr(forest14, field) == value
    assert forest14.history.first().history_user == planning_admin


def test_an_edit_that_moves_the_target_needs_a_reason(forest14, planning_admin):
    """The admin's path: without a reason nothing is saved, not even the other fields."""
    changes = {"name": "森林覆盖率(新)", "target_year": 2024}
    errors = indicator_update_check(indicator=forest14, changes=changes)
    assert "reason" in errors and "effective_date" in errors
    with pytest.raises(RuleError):
        indicator_update(indicator=forest14, user=planning_admin, changes=changes)
    forest14.refresh_from_db()
    assert (forest14.name, forest14.target_year) == ("森林覆盖率", 2025)


def test_an_edit_of_other_fields_needs_no_revision(forest14, planning_admin):
    indicator_update(indicator=forest14, user=planning_admin, changes={"unit": "百分比"})
    forest14.refresh_from_db()
    assert forest14.unit == "百分比"
    assert not TargetRevision.objects.filter(indicator=forest14).exists()
    assert forest14.history.first().history_change_reason == "管理后台修改"


def test_an_indicator_cannot_refer_to_another_plans_indicator(income14, gdp13, planning_admin):
    with pytest.raises(RuleError) as refused:
        indicator_update(indicator=income14, user=planning_admin, changes={"reference": gdp13})
    assert "同一规划" in refused.value.errors["reference"]
