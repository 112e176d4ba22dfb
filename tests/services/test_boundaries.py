"""What an adversarial review found the services let through, called directly: each
service checks who acts and what comes in, whatever page or command calls it."""

import datetime

import pytest

from indicators.documents.word import new_document
from indicators.models import Bureau, Commitment, YearlyValue
from indicators.notation import normalize
from indicators.services import (
    Base,
    EntryError,
    RuleError,
    account_save,
    assessment_record,
    bureau_create,
    bureau_merge,
    bureau_rename,
    commitment_bureaus_add,
    plan_start_from,
    target_revise,
    value_publish,
    value_save,
)
from indicators.services.narratives import narrative_save

TODAY = datetime.date.today()


def _bureau(name):
    return Bureau.objects.get(name=name)


@pytest.mark.parametrize("who", ["staff_fgj", "official"])
def test_only_planning_admins_change_bureaus_targets_plans_and_assessments(
    request, who, forest14, energy14, plan14
):
    user = request.getfixturevalue(who)
    attempts = [
        lambda: bureau_merge(source=_bureau("区园林局"), into=_bureau("区水务局"), user=user),
        lambda: bureau_rename(bureau=_bureau("区园林局"), name="新名称", user=user),
        lambda: bureau_create(name="新单位", user=user),
        lambda: commitment_bureaus_add(
            indicator=Commitment.objects.first().indicator, bureaus=[_bureau("区园林局")], user=user
        ),
        lambda: target_revise(
            indicator=forest14, target=">11", reason="r", effective_date=TODAY, user=user
        ),
        lambda: assessment_record(
            indicator=energy14,
            year=2021,
            status="on_track",
            reason="r",
            assessed_on=TODAY,
            user=user,
        ),
        lambda: plan_start_from(
            previous=plan14,
            code="15th",
            name="n",
            title="t",
            start_year=2026,
            end_year=2030,
            numbers=[1],
            user=user,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(RuleError, match="只有规划管理员"):
            attempt()
    assert _bureau("区园林局").name == "区园林局"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"effective_date": "2023-01-01"}, "effective_date"),  # not a date
        ({"effective_date": datetime.date(1900, 1, 1)}, "effective_date"),
        ({"target_year": 2100}, "target_year"),  # outside the plan
        ({"target": "9" * 40}, "target"),
        ({"reason": "市里\x0b调整"}, "reason"),
    ],
)
def test_target_revise_refuses_what_cannot_be_a_revision(forest14, planning_admin, changes, field):
    arguments = {"target": ">11", "reason": "市里调整", "effective_date": TODAY} | changes
    with pytest.raises(RuleError) as refused:
        target_revise(indicator=forest14, user=planning_admin, **arguments)
    assert field in refused.value.errors


def test_plan_start_from_refuses_absurd_numbers(plan14, planning_admin):
    with pytest.raises(RuleError, match="序号"):
        plan_start_from(
            previous=plan14,
            code="15th",
            name="n",
            title="t",
            start_year=2026,
            end_year=2030,
            numbers=[10**30],
            user=planning_admin,
        )


@pytest.mark.parametrize(
    ("year", "assessed_on", "field"),
    [(2099, TODAY, "year"), (2021, datetime.date(2999, 1, 1), "assessed_on")],
)
def test_an_assessment_stays_inside_the_plan_and_the_present(
    energy14, planning_admin, year, assessed_on, field
):
    with pytest.raises(RuleError) as refused:
        assessment_record(
            indicator=energy14,
            year=year,
            status="on_track",
            reason="理由",
            assessed_on=assessed_on,
            user=planning_admin,
        )
    assert field in refused.value.errors


def test_usernames_follow_djangos_rules(planning_admin):
    with pytest.raises(RuleError) as refused:
        account_save(username="a b/<x>", role="official", bureaus=[], acting_user=planning_admin)
    assert "用户名" in refused.value.errors["username"]


@pytest.mark.parametrize(
    ("name", "message"),
    [("区园\x0b林局", "控制字符"), ("局" * 51, "最多50个字"), ("洪山社保处", "曾用名")],
)
def test_a_bureau_name_is_checked(planning_admin, name, message):
    with pytest.raises(RuleError, match=message):
        bureau_rename(bureau=_bureau("区园林局"), name=name, user=planning_admin)


def test_control_characters_are_refused_at_the_door(forest14, staff_ylj):
    with pytest.raises(EntryError) as refused:
        value_save(
            indicator=forest14,
            year=2021,
            value="10.8",
            growth="",
            source="统计\x0b快报",
            note="备\x01注",
            user=staff_ylj,
            base=Base(),
            submit=False,
        )
    assert {"source", "note"} <= set(refused.value.errors)
    with pytest.raises(RuleError) as refused:
        narrative_save(
            indicator=forest14,
            year=2021,
            cause="受疫情影响\x0b增速回落",
            measure="加强\x1f调度",
            user=staff_ylj,
            base=Base(),
            submit=False,
        )
    assert {"cause", "measure"} <= set(refused.value.errors)


def test_a_confirmation_cannot_grow_a_note_without_bound(forest14, staff_ylj):
    with pytest.raises(EntryError) as refused:
        value_save(
            indicator=forest14,
            year=2021,
            value="10.8",
            growth="",
            source="统计快报",
            note="",
            user=staff_ylj,
            base=Base(),
            submit=False,
            confirmation="y" * 200_000,
        )
    assert "confirmation" in refused.value.errors


@pytest.mark.parametrize(
    ("arguments", "field"),
    [({"value": "300"}, "value"), ({"value": "9" * 40}, "value"), ({"growth": "-500"}, "growth")],
)
def test_a_published_figure_is_plausible(forest14, planning_admin, arguments, field):
    base = {"year": 2021, "value": "", "growth": "", "source": "统计公报"}
    with pytest.raises(RuleError) as refused:
        value_publish(indicator=forest14, user=planning_admin, **(base | arguments))
    assert field in refused.value.errors
    assert not YearlyValue.objects.filter(indicator=forest14).exists()


def test_word_documents_survive_control_characters_already_stored():
    document = new_document(landscape=False)
    document.add_paragraph("原因:受疫情影响\x0b增速回落")
    document.add_heading("标题\x01", level=1)
    assert document.paragraphs[0].text == "原因:受疫情影响增速回落"


def test_digits_of_other_scripts_are_stored_as_they_are_read():
    assert normalize("١٢") == "12"
