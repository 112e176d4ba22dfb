"""The yearly value workflow through the pages: draft, submit, approve, return,
resubmit, revise; and that only approved values count."""

import pytest
from django.urls import reverse

from indicators.models import EntryState, Indicator, YearlyValue
from indicators.services.values import Base
from tests.helpers import count_queries


def _gdp():
    return Indicator.objects.get(plan__code="14th", number=1)


def _forest():
    return Indicator.objects.get(plan__code="14th", number=18)


def _post_entry(client, indicator, year, action, **fields):
    """Preview, then act on exactly what was previewed, as the page does."""
    url = reverse("entry_edit", args=[indicator.pk, year])
    data = {"value": "", "growth": "", "source": "统计快报", "note": "", **fields}
    if "base" not in data:
        data["base"] = client.get(url).context["form"].initial["base"]
    preview = client.post(url, {**data, "action": "preview"})
    assert preview.status_code == 200
    data["previewed"] = preview.context["form"].data["previewed"]
    return client.post(url, {**data, "action": action})


def test_nothing_is_saved_before_the_reading_was_shown(client, staff_fgj):
    client.force_login(staff_fgj)
    url = reverse("entry_edit", args=[_gdp().pk, 2021])
    response = client.post(
        url, {"value": "1200", "growth": "8.5", "source": "统计快报", "action": "submit"}
    )
    assert response.status_code == 200
    assert "系统读取结果" in response.content.decode()
    assert not YearlyValue.objects.filter(indicator=_gdp(), year=2021).exists()


def test_changing_the_input_after_preview_needs_a_new_preview(client, staff_fgj):
    client.force_login(staff_fgj)
    url = reverse("entry_edit", args=[_gdp().pk, 2021])
    data = {"value": "1200", "growth": "8.5", "source": "统计快报", "base": ""}
    preview = client.post(url, {**data, "action": "preview"})
    signature = preview.context["form"].data["previewed"]
    client.post(url, {**data, "growth": "18.5", "previewed": signature, "action": "save"})
    assert not YearlyValue.objects.filter(indicator=_gdp(), year=2021).exists()


def test_draft_then_submit_then_approve(client, staff_fgj, planning_admin):
    client.force_login(staff_fgj)
    response = _post_entry(client, _gdp(), 2021, "save", value="1200", growth="8.5%")
    assert response.status_code == 302
    draft = YearlyValue.objects.get(indicator=_gdp(), year=2021)
    assert (draft.state, draft.entered_by, draft.value.text) == ("draft", staff_fgj, "1200")
    _post_entry(client, _gdp(), 2021, "submit", value="1200", growth="8.5%")
    draft.refresh_from_db()
    assert draft.state == "submitted" and draft.submitted_at is not None
    # Not approved: pages and progress ignore it.
    assert _gdp().status == "no_data"
    assert "8.5%" not in client.get(reverse("plan_dashboard", args=["14th"])).content.decode()

    client.force_login(planning_admin)
    client.post(
        reverse("review_decide", args=[draft.pk]),
        {"action": "approve", "base": str(Base.of(draft))},
    )
    draft.refresh_from_db()
    assert (draft.state, draft.reviewed_by) == ("approved", planning_admin)
    assert _gdp().status == "on_track"
    assert "8.5%" in client.get(reverse("plan_dashboard", args=["14th"])).content.decode()


def test_returned_with_a_comment_corrected_and_resubmitted(client, staff_fgj, planning_admin):
    client.force_login(staff_fgj)
    _post_entry(client, _gdp(), 2021, "submit", value="1200", growth="85")
    entry = YearlyValue.objects.get(indicator=_gdp(), year=2021)

    client.force_login(planning_admin)
    refused = client.post(
        reverse("review_decide", args=[entry.pk]),
        {"action": "return", "base": str(Base.of(entry)), "comment": ""},
        follow=True,
    )
    assert "退回时必须写明意见" in refused.content.decode()
    entry.refresh_from_db()
    assert entry.state == "submitted"
    client.post(
        reverse("review_decide", args=[entry.pk]),
        {"action": "return", "base": str(Base.of(entry)), "comment": "增速应为8.5,请核对。"},
    )
    entry.refresh_from_db()
    assert (entry.state, entry.review_comment) == ("returned", "增速应为8.5,请核对。")

    client.force_login(staff_fgj)
    listing = client.get(reverse("entry_list") + "?year=2021").content.decode()
    assert "已退回" in listing and "增速应为8.5,请核对。" in listing
    _post_entry(client, _gdp(), 2021, "submit", value="1200", growth="8.5")
    entry.refresh_from_db()
    assert (entry.state, entry.growth.text, entry.version) == ("submitted", "8.5", 1)


def test_a_submitted_value_cannot_be_changed_by_staff(client, staff_fgj):
    client.force_login(staff_fgj)
    _post_entry(client, _gdp(), 2021, "submit", value="1200", growth="8.5")
    page = client.get(reverse("entry_edit", args=[_gdp().pk, 2021])).content.decode()
    assert "等待规划管理员通过或退回,暂不能修改" in page
    entry = YearlyValue.objects.get(indicator=_gdp(), year=2021)
    url = reverse("entry_edit", args=[_gdp().pk, 2021])
    data = {"value": "1300", "growth": "9", "source": "统计快报", "base": str(Base.of(entry))}
    for action in ("preview", "save"):  # refused at once, and whatever is posted
        response = client.post(url, {**data, "action": action})
        assert "已提交审核" in response.content.decode()
    entry.refresh_from_db()
    assert entry.value.text == "1200"


def test_revising_an_approved_value_keeps_the_old_version(client, staff_ylj, planning_admin):
    forest = _forest()
    quick = YearlyValue.objects.create(
        indicator=forest, year=2021, value="10.3", source="统计快报", state="approved"
    )
    client.force_login(staff_ylj)
    response = _post_entry(client, forest, 2021, "submit", value="10.31", note="年报数")
    assert response.status_code == 302
    versions = list(YearlyValue.objects.filter(indicator=forest, year=2021).order_by("version"))
    assert [(v.version, v.state, v.value.text) for v in versions] == [
        (1, "approved", "10.3"),
        (2, "submitted", "10.31"),
    ]
    client.force_login(planning_admin)
    client.post(
        reverse("review_decide", args=[versions[1].pk]),
        {"action": "approve", "base": str(Base.of(versions[1]))},
    )
    quick.refresh_from_db()
    assert quick.state == "superseded"
    assert YearlyValue.objects.approved().get(indicator=forest, year=2021).value.text == "10.31"


def test_staff_see_their_own_bureaus_progress_and_the_planner_all(
    client, staff_fgj, planning_admin
):
    YearlyValue.objects.create(indicator=_gdp(), year=2021, growth="8.5", state="submitted")
    client.force_login(staff_fgj)
    rows = dict(client.get(reverse("entry_progress") + "?year=2021").context["rows"])
    assert [bureau.name for bureau in rows] == ["区发改局"]
    assert next(iter(rows.values())) == [3, 0, 1, 0, 0]  # 4 indicators: 3 missing, 1 submitted
    client.force_login(planning_admin)
    rows = client.get(reverse("entry_progress") + "?year=2021").context["rows"]
    assert len(rows) == 11  # every bureau of the 14th plan
    assert sum(sum(counts) for _, counts in rows) == 18


def test_entry_list_shows_each_state(client, staff_fgj):
    gdp = _gdp()
    YearlyValue.objects.create(indicator=gdp, year=2021, growth="8.5", state=EntryState.APPROVED)
    labour = Indicator.objects.get(plan__code="14th", number=2)
    YearlyValue.objects.create(indicator=labour, year=2021, growth="7.1", state=EntryState.DRAFT)
    client.force_login(staff_fgj)
    rows = client.get(reverse("entry_list") + "?year=2021").context["rows"]
    assert [(i.number, label) for i, _, label, _ in rows] == [
        (1, "已通过"),
        (2, "草稿"),
        (7, "未填"),
        (14, "未填"),
    ]


@pytest.mark.parametrize(
    ("page", "args"),
    [("entry_list", ""), ("entry_progress", ""), ("review_list", "")],
)
def test_entry_pages_query_count_does_not_grow_with_indicators(client, plan14, page, args):
    from tests.accounts import account
    from tests.factories import add_generated_indicators

    client.force_login(account("root", "superuser"))
    url = reverse(page) + "?year=2021"
    if page == "review_list":  # its rows' context (last year, pace) is read when there are rows
        YearlyValue.objects.create(indicator=_gdp(), year=2021, growth="8", state="submitted")
    real = count_queries(client, url)
    generated = add_generated_indicators(plan14, 1000)
    YearlyValue.objects.bulk_create(
        YearlyValue(indicator=i, year=2021, version=2, growth="9", state="submitted")
        for i in generated
    )
    assert count_queries(client, url) <= real + 1 <= 12
