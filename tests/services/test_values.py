"""The value workflow's rules, called directly: each rule the form shows is the
service's own, so a command, an import or a new view cannot skip it."""

import pytest

from indicators.models import EntryState, YearlyValue
from indicators.services import (
    Base,
    EntryError,
    value_approve,
    value_check,
    value_return,
    value_save,
    values_save_all,
)

GOOD = {"value": "10.8", "growth": "", "source": "统计快报", "note": ""}


def _save(indicator, user, *, year=2021, submit=False, **changes):
    return value_save(
        indicator=indicator, year=year, user=user, base=Base(), submit=submit, **(GOOD | changes)
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": "[10-15]"}, "value", ""),  # a cumulative range is no yearly value
        ({"value": "【5】"}, "value", "五年累计"),
        ({"value": "10-15"}, "value", "区间"),
        ({"value": "abc"}, "value", ""),
        ({"growth": "-150"}, "growth", "不能低于-100%"),
        ({"value": "150"}, "value", "0到100"),  # a share above 100 %
        ({"value": "", "growth": ""}, "value", "请填写数值"),
        ({"source": ""}, "source", "来源"),
        ({"source": "统" * 101}, "source", "最多100个字"),
        ({"source": "规划纲要原文"}, "source", "只用于规划印发的数值"),
        ({"note": "备" * 2001}, "note", "最多2000个字"),
    ],
)
def test_value_save_refuses_what_the_form_refuses(forest14, staff_ylj, changes, field, message):
    with pytest.raises(EntryError) as refused:
        _save(forest14, staff_ylj, **changes)
    assert field in refused.value.errors
    assert message in refused.value.errors[field]
    assert not YearlyValue.objects.filter(indicator=forest14, year=2021).exists()


def test_value_save_refuses_a_year_outside_the_plan(forest14, staff_ylj):
    with pytest.raises(EntryError) as refused:
        _save(forest14, staff_ylj, year=2099)
    assert "不在" in refused.value.errors["year"]


def test_value_save_refuses_another_bureaus_indicator(forest14, staff_fgj):
    with pytest.raises(EntryError, match="不是您所在单位负责的指标"):
        _save(forest14, staff_fgj)


def test_an_unusual_value_needs_a_written_confirmation_which_is_kept(
    forest14, staff_ylj, planning_admin
):
    entry = _save(forest14, staff_ylj, value="10.6", submit=True)
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    with pytest.raises(EntryError) as refused:  # +14.4 points in a year: confirm it
        _save(forest14, staff_ylj, year=2022, value="25")
    assert "请写明为何" in refused.value.errors["confirmation"]
    entry = _save(forest14, staff_ylj, year=2022, value="25", confirmation="新增造林面积计入。")
    assert "确认说明:新增造林面积计入。" in entry.note


def test_value_check_is_the_dry_run_of_value_save(forest14, staff_ylj):
    check = value_check(indicator=forest14, year=2021, user=staff_ylj, **GOOD)
    assert check.ok and check.value.number == 10.8
    assert not YearlyValue.objects.filter(indicator=forest14).exists()


def test_full_width_input_is_folded_when_saved(forest14, staff_ylj):
    entry = _save(forest14, staff_ylj, value="１０．８")
    assert entry.value.text == "10.8"


def test_a_submitted_value_cannot_be_saved_again(forest14, staff_ylj):
    _save(forest14, staff_ylj, submit=True)
    with pytest.raises(EntryError, match="已提交审核"):
        _save(forest14, staff_ylj)


def test_nobody_approves_a_value_they_entered(forest14, planning_admin):
    entry = _save(forest14, planning_admin, submit=True)
    with pytest.raises(EntryError, match="不能审核自己填报或提交的数值"):
        value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    entry.refresh_from_db()
    assert entry.state == EntryState.SUBMITTED


def test_nobody_approves_a_value_they_drafted_and_someone_else_submitted(
    forest14, staff_ylj, planning_admin, planning_admin_2
):
    draft = _save(forest14, planning_admin)
    submitted = value_save(
        indicator=forest14,
        year=2021,
        user=staff_ylj,
        base=Base.of(draft),
        submit=True,
        **GOOD,
    )
    with pytest.raises(EntryError, match="不能审核自己"):
        value_approve(entry=submitted, user=planning_admin, base=Base.of(submitted))
    approved = value_approve(entry=submitted, user=planning_admin_2, base=Base.of(submitted))
    assert approved.state == EntryState.APPROVED


def test_only_planning_admins_review(forest14, staff_ylj, staff_fgj):
    entry = _save(forest14, staff_ylj, submit=True)
    with pytest.raises(EntryError, match="只有规划管理员可以审核"):
        value_approve(entry=entry, user=staff_fgj, base=Base.of(entry))


def test_a_return_needs_a_comment(forest14, staff_ylj, planning_admin):
    entry = _save(forest14, staff_ylj, submit=True)
    with pytest.raises(EntryError) as refused:
        value_return(entry=entry, user=planning_admin, base=Base.of(entry), comment="  ")
    assert "必须写明意见" in refused.value.errors["comment"]


def test_an_approval_refreshes_the_status_at_once(forest14, staff_ylj, planning_admin):
    entry = _save(forest14, staff_ylj, value="10.8", submit=True)
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    forest14.refresh_from_db()
    assert forest14.status == "achieved"  # 10.8 is above the floor >10.50


def test_an_upload_is_saved_all_or_nothing_and_names_the_row(
    forest14, gdp14, staff_ylj, planning_admin
):
    rows = [
        {"indicator": forest14, "year": 2021, "base": Base(), **GOOD, "line": 2},
        {"indicator": forest14, "year": 2022, "base": Base(), **GOOD, "value": "x", "line": 3},
    ]
    with pytest.raises(EntryError, match="第3行"):
        values_save_all(rows=rows, user=staff_ylj, submit=False)
    assert not YearlyValue.objects.filter(indicator=forest14).exists()
