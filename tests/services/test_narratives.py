"""Causes and measures (原因 / 措施): the rules of services/narratives.py, called
directly, and where the evaluation reads them."""

import pytest

from indicators.evaluation import narrative_required, plan_evaluation, warnings
from indicators.models import EntryState, Narrative
from indicators.services import Base, value_approve, value_save
from indicators.services.narratives import (
    CAUSE_LIMIT,
    NarrativeError,
    StaleNarrative,
    narrative_approve,
    narrative_check,
    narrative_return,
    narrative_save,
)
from indicators.vocabulary import MidTermClass

CAUSE = "受城市更新征收影响,部分林地转为建设用地。"
MEASURE = "实施江滩和口袋公园造林工程,2023年新增林地1200亩。"


def approved_value(indicator, staff, planner, value, year=2021):
    """A value through the whole workflow: entered by staff, approved by a planner."""
    entry = value_save(
        indicator=indicator,
        year=year,
        value=value,
        growth="",
        source="统计年报",
        user=staff,
        base=Base(),
        submit=True,
    )
    return value_approve(entry=entry, user=planner, base=Base.of(entry))


def _save(indicator, user, *, year=2021, submit=False, base=None, **text):
    return narrative_save(
        indicator=indicator,
        year=year,
        cause=text.get("cause", CAUSE),
        measure=text.get("measure", MEASURE),
        user=user,
        base=base or Base(),
        submit=submit,
    )


@pytest.fixture
def forest_behind(forest14, staff_ylj, planning_admin):
    """森林覆盖率 (binding, 10.25 → >10.50) at 10.26 in 2021: 滞后于预期."""
    approved_value(forest14, staff_ylj, planning_admin, "10.26")
    return forest14


def test_binding_indicator_behind_pace_requires_causes_and_measures(forest_behind):
    assert narrative_required(forest_behind, 2021)
    evaluation = {e.number: e for e in plan_evaluation(forest_behind.plan, 2021)}[18]
    assert evaluation.pace.label == MidTermClass.BEHIND
    assert evaluation.narrative_missing


def test_not_required_when_on_pace_or_not_binding(forest14, gdp14, staff_ylj, planning_admin):
    approved_value(forest14, staff_ylj, planning_admin, "10.6")
    assert not narrative_required(forest14, 2021)  # 提前实现
    assert not narrative_required(gdp14, 2021)  # 预期性


@pytest.mark.parametrize(("field", "text"), [("cause", ""), ("measure", " ")])
def test_submitting_a_required_narrative_needs_both_cause_and_measure(
    forest_behind, staff_ylj, field, text
):
    with pytest.raises(NarrativeError) as refused:
        _save(forest_behind, staff_ylj, submit=True, **{field: text})
    assert "约束性指标2021年滞后于预期" in refused.value.errors[field]
    assert not Narrative.objects.exists()


def test_a_draft_may_be_incomplete_but_not_empty(forest_behind, staff_ylj):
    draft = _save(forest_behind, staff_ylj, measure="")
    assert draft.state == EntryState.DRAFT and draft.cause == CAUSE
    with pytest.raises(NarrativeError, match="至少填写一项"):
        _save(forest_behind, staff_ylj, cause="", measure="", base=Base.of(draft))


def test_one_of_them_is_enough_when_not_required(gdp14, staff_fgj):
    narrative = _save(gdp14, staff_fgj, measure="", submit=True)
    assert narrative.state == EntryState.SUBMITTED


@pytest.mark.parametrize(
    ("text", "field"),
    [({"cause": "因" * (CAUSE_LIMIT + 1)}, "cause"), ({"measure": "措" * 2001}, "measure")],
)
def test_length_limits(forest14, staff_ylj, text, field):
    with pytest.raises(NarrativeError) as refused:
        _save(forest14, staff_ylj, **text)
    assert "最多2000个字" in refused.value.errors[field]


def test_only_the_bureaus_staff_and_planners_may_write(forest14, staff_fgj, official):
    for user in (staff_fgj, official):
        with pytest.raises(NarrativeError, match="不是您所在单位负责的指标"):
            _save(forest14, user)


def test_a_year_outside_the_plan_is_refused(forest14, staff_ylj):
    errors = narrative_check(
        indicator=forest14, year=2030, cause=CAUSE, measure=MEASURE, user=staff_ylj, submit=False
    )
    assert "不在" in errors["year"]


def test_approved_by_another_planner_and_read_by_the_evaluation(
    forest_behind, staff_ylj, planning_admin, planning_admin_2
):
    submitted = _save(forest_behind, staff_ylj, submit=True)
    approved = narrative_approve(
        narrative=submitted, user=planning_admin_2, base=Base.of(submitted)
    )
    assert approved.state == EntryState.APPROVED and approved.reviewed_by == planning_admin_2
    [warning] = [w for w in warnings(plan_evaluation(forest_behind.plan, 2021)) if w.number == 18]
    assert not warning.narrative_missing
    assert warning.narrative.cause == CAUSE and warning.narrative.measure == MEASURE
    # A narrative of another year does not count for 2022.
    assert {e.number: e for e in plan_evaluation(forest_behind.plan, 2022)}[18].narrative is None


def test_four_eyes_nobody_approves_what_they_entered(forest14, planning_admin):
    submitted = _save(forest14, planning_admin, submit=True)
    with pytest.raises(NarrativeError, match="不能审核自己"):
        narrative_approve(narrative=submitted, user=planning_admin, base=Base.of(submitted))


def test_four_eyes_counts_an_earlier_draft_by_the_reviewer(
    forest14, staff_ylj, planning_admin, planning_admin_2
):
    draft = _save(forest14, planning_admin)  # the planner drafts on the bureau's behalf
    submitted = _save(forest14, staff_ylj, submit=True, base=Base.of(draft))
    with pytest.raises(NarrativeError, match="不能审核自己"):
        narrative_approve(narrative=submitted, user=planning_admin, base=Base.of(submitted))
    narrative_approve(narrative=submitted, user=planning_admin_2, base=Base.of(submitted))


def test_only_planners_review(forest14, staff_ylj, official):
    submitted = _save(forest14, staff_ylj, submit=True)
    with pytest.raises(NarrativeError, match="只有规划管理员"):
        narrative_approve(narrative=submitted, user=official, base=Base.of(submitted))


def test_a_return_needs_a_comment_and_is_kept(forest14, staff_ylj, planning_admin):
    submitted = _save(forest14, staff_ylj, submit=True)
    with pytest.raises(NarrativeError, match="必须写明意见"):
        narrative_return(
            narrative=submitted, user=planning_admin, base=Base.of(submitted), comment=" "
        )
    returned = narrative_return(
        narrative=submitted,
        user=planning_admin,
        base=Base.of(submitted),
        comment="请补充造林面积。",
    )
    assert returned.state == EntryState.RETURNED and returned.review_comment == "请补充造林面积。"
    again = _save(forest14, staff_ylj, submit=True, base=Base.of(returned), cause=CAUSE + "补充。")
    assert again.pk == returned.pk and again.state == EntryState.SUBMITTED


def test_submitted_narratives_wait_for_review(forest14, staff_ylj):
    submitted = _save(forest14, staff_ylj, submit=True)
    with pytest.raises(NarrativeError, match="已提交审核"):
        _save(forest14, staff_ylj, base=Base.of(submitted))


def test_a_stale_form_is_refused(forest14, staff_ylj):
    draft = _save(forest14, staff_ylj)
    _save(forest14, staff_ylj, base=Base.of(draft), cause="新的原因")
    with pytest.raises(StaleNarrative):
        _save(forest14, staff_ylj, base=Base.of(draft), cause="旧表单")


def test_revising_an_approved_narrative_is_a_new_version_and_history_is_kept(
    forest14, staff_ylj, planning_admin
):
    first = _save(forest14, staff_ylj, submit=True)
    first = narrative_approve(narrative=first, user=planning_admin, base=Base.of(first))
    second = _save(forest14, staff_ylj, submit=True, base=Base.of(first), cause="新原因")
    assert second.version == 2 and second.pk != first.pk
    narrative_approve(narrative=second, user=planning_admin, base=Base.of(second))
    first.refresh_from_db()
    assert first.state == EntryState.SUPERSEDED
    states = list(
        Narrative.history.filter(id=first.pk)
        .order_by("history_date")
        .values_list("state", flat=True)
    )
    assert states == ["submitted", "approved", "superseded"]
    records = Narrative.history.filter(id=first.pk).order_by("history_date")
    assert [r.history_change_reason for r in records][-1] == "被第2版取代"


def test_approval_bumps_the_plan_generation(forest14, staff_ylj, planning_admin):
    submitted = _save(forest14, staff_ylj, submit=True)
    before = type(forest14.plan).objects.get(pk=forest14.plan_id).revision
    narrative_approve(narrative=submitted, user=planning_admin, base=Base.of(submitted))
    assert type(forest14.plan).objects.get(pk=forest14.plan_id).revision == before + 1
