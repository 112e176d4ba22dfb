"""Every change to a value, a target or an assessment is kept: who, when, old → new, why."""

import pytest
from django.urls import reverse

from indicators.models import Indicator, YearlyValue
from indicators.services import value_approve, value_return
from indicators.services.values import Base
from tests.factories import enter_value


def test_the_history_of_a_value_lists_every_change(client, staff_ylj, planning_admin):
    forest = Indicator.objects.get(plan__code="14th", number=18)
    entry = enter_value(forest, staff_ylj, "10.3", submit=True)
    value_return(entry=entry, user=planning_admin, base=Base.of(entry), comment="请用年报数")
    entry.refresh_from_db()
    enter_value(forest, staff_ylj, "10.31", base=Base.of(entry), submit=True, source="统计年报")
    entry.refresh_from_db()
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))

    records = list(YearlyValue.history.filter(id=entry.pk).order_by("history_date"))
    assert [(r.history_user.username, r.state, r.history_change_reason) for r in records] == [
        ("ylj", "submitted", "提交审核"),
        ("guihua", "returned", "退回:请用年报数"),
        ("ylj", "submitted", "提交审核"),
        ("guihua", "approved", "审核通过"),
    ]

    client.force_login(planning_admin)
    page = client.get(reverse("indicator_history", args=["14th", 18]))
    assert page.status_code == 200
    changes = page.context["changes"]
    assert [c["why"] for c in changes] == [
        "审核通过",
        "提交审核",
        "退回:请用年报数",
        "提交审核",
        "载入规划原文",  # the indicator and its bureau, as published
        "载入规划原文",
    ]
    resubmit = changes[1]
    assert resubmit["who"] == "ylj" and resubmit["what"] == "2021年第1版"
    assert ("总量/数值", "10.3", "10.31") in resubmit["fields"]
    assert ("来源", "统计快报", "统计年报") in resubmit["fields"]
    html = page.content.decode()
    assert "请用年报数" in html and "guihua" in html and "10.31" in html


def test_a_target_change_is_in_the_history(client, planning_admin):
    forest = Indicator.objects.get(plan__code="14th", number=18)
    forest.target = ">10.6"
    forest._change_reason = "市下达新目标"
    forest._history_user = planning_admin
    forest.save()
    client.force_login(planning_admin)
    changes = client.get(reverse("indicator_history", args=["14th", 18])).context["changes"]
    assert changes[0]["why"] == "市下达新目标"
    assert ("目标值", ">10.50", ">10.6") in changes[0]["fields"]


def test_nothing_can_be_deleted_through_the_interface(client, plans):
    from django.contrib.auth.models import User
    from django.urls import NoReverseMatch

    client.force_login(User.objects.create_superuser("root2", password="x"))
    indicator = Indicator.objects.get(plan__code="13th", number=1)
    delete = reverse("admin:indicators_indicator_delete", args=[indicator.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    # Yearly values are not in the admin at all: they change only through the workflow.
    with pytest.raises(NoReverseMatch):
        reverse("admin:indicators_yearlyvalue_changelist")


def test_another_bureaus_staff_do_not_see_unapproved_drafts_in_the_history(
    client, staff_ylj, staff_fgj, planning_admin, official
):
    forest = Indicator.objects.get(plan__code="14th", number=18)  # 区园林局's
    enter_value(forest, staff_ylj, "10.3")
    url = reverse("indicator_history", args=["14th", 18])

    def values_seen(viewer):
        client.force_login(viewer)
        return [c["what"] for c in client.get(url).context["changes"] if c["kind"] == "数值"]

    assert values_seen(staff_fgj) == []
    assert values_seen(official) == []  # officials see submitted values, not drafts
    assert values_seen(staff_ylj) == values_seen(planning_admin) == ["2021年第1版"]
