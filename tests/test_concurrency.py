"""Two people saving the same indicator and year: the second is told, nothing is lost."""

import pytest
from django.urls import reverse

from indicators.models import Indicator, YearlyValue
from indicators.services import StaleEntry, value_approve
from indicators.services.values import Base
from tests.accounts import account
from tests.factories import enter_value


def _forest():
    return Indicator.objects.get(plan__code="14th", number=18)


def _previewed(client, url, data):
    preview = client.post(url, {**data, "action": "preview"})
    return {**data, "previewed": preview.context["form"].data["previewed"]}


def test_a_stale_form_is_refused_and_shows_the_other_value(client, staff_ylj):
    colleague = account("ylj2", "staff", "区园林局")
    url = reverse("entry_edit", args=[_forest().pk, 2021])
    client.force_login(staff_ylj)
    mine = _previewed(client, url, {"value": "10.3", "source": "统计快报", "base": ""})

    # Meanwhile, with the same empty form, a colleague saves first.
    other = client.__class__()
    other.force_login(colleague)
    theirs = _previewed(other, url, {"value": "10.4", "source": "部门统计", "base": ""})
    assert other.post(url, {**theirs, "action": "save"}).status_code == 302

    response = client.post(url, {**mine, "action": "save"})
    assert response.status_code == 409
    assert "已被ylj2改为“10.4”(草稿)" in response.content.decode()
    assert [v.value.text for v in YearlyValue.objects.filter(indicator=_forest())] == ["10.4"]


def test_editing_on_an_outdated_draft_is_refused(client, staff_ylj):
    draft = enter_value(_forest(), staff_ylj, "10.3")
    stale = Base.of(draft)
    enter_value(_forest(), staff_ylj, "10.35", base=stale)
    with pytest.raises(StaleEntry) as refused:
        enter_value(_forest(), staff_ylj, "10.9", base=stale)
    assert "10.35" in str(refused.value)
    draft.refresh_from_db()
    assert (draft.value.text, draft.revision) == ("10.35", 2)


def test_a_revision_started_on_an_approved_value_that_was_replaced_is_refused(staff_ylj):
    approved = YearlyValue.objects.create(
        indicator=_forest(), year=2021, value="10.3", state="approved"
    )
    opened_on = Base.of(approved)
    enter_value(_forest(), staff_ylj, "10.31", base=opened_on, source="统计年报")
    with pytest.raises(StaleEntry):
        enter_value(_forest(), staff_ylj, "10.29", base=opened_on, source="统计年报")
    assert sorted(
        YearlyValue.objects.filter(indicator=_forest()).values_list("value", flat=True)
    ) == [
        "10.3",
        "10.31",
    ]


def test_two_reviewers_cannot_both_decide(planning_admin, staff_ylj):
    entry = enter_value(_forest(), staff_ylj, "10.3", submit=True)
    seen = Base.of(entry)
    value_approve(entry=entry, user=planning_admin, base=seen)
    with pytest.raises(Exception) as second:
        value_approve(entry=YearlyValue.objects.get(pk=entry.pk), user=planning_admin, base=seen)
    assert "不在待审核状态" in str(second.value)


def test_a_concurrent_review_is_refused_through_the_page(client, planning_admin, staff_ylj):
    entry = enter_value(_forest(), staff_ylj, "10.3", submit=True)
    stale = str(Base.of(entry))
    client.force_login(planning_admin)
    client.post(
        reverse("review_decide", args=[entry.pk]),
        {"action": "return", "base": stale, "comment": "请核对"},
    )
    response = client.post(
        reverse("review_decide", args=[entry.pk]), {"action": "approve", "base": stale}, follow=True
    )
    assert "不在待审核状态" in response.content.decode()
    entry.refresh_from_db()
    assert entry.state == "returned"
