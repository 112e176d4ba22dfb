"""The causes-and-measures pages: the bureau's form, the review list, the history."""

from django.urls import reverse

from indicators.models import EntryState, Narrative
from tests.evaluation_data import enter_approved


def test_staff_submit_and_a_planner_approves(client, plan14, forest14, staff_ylj, planning_admin):
    enter_approved(plan14)
    url = reverse("narrative_edit", args=[forest14.pk, 2022])
    client.force_login(staff_ylj)
    page = client.get(url).content.decode()
    assert "滞后于预期" in page and "原因和措施都必须填写" in page
    refused = client.post(url, {"cause": "原因", "measure": "", "base": "", "action": "submit"})
    assert refused.status_code == 400 and "请写明措施" in refused.content.decode()
    saved = client.post(url, {"cause": "原因", "measure": "措施", "base": "", "action": "submit"})
    assert saved.status_code == 302
    narrative = Narrative.objects.get(indicator=forest14, year=2022)
    assert narrative.state == EntryState.SUBMITTED

    client.force_login(planning_admin)
    listing = client.get(reverse("narrative_review_list")).content.decode()
    assert "森林覆盖率" in listing and "原因" in listing
    client.post(
        reverse("narrative_review_decide", args=[narrative.pk]),
        {"action": "approve", "base": f"{narrative.pk}:{narrative.revision}"},
    )
    narrative.refresh_from_db()
    assert narrative.state == EntryState.APPROVED
    history = client.get(reverse("indicator_history", args=["14th", 18])).content.decode()
    assert "2022年原因与措施第1版" in history and "已通过" in history


def test_a_return_without_comment_is_refused_with_a_message(
    client, forest14, staff_ylj, planning_admin
):
    client.force_login(staff_ylj)
    client.post(
        reverse("narrative_edit", args=[forest14.pk, 2021]),
        {"cause": "原因", "measure": "措施", "base": "", "action": "submit"},
    )
    narrative = Narrative.objects.get(indicator=forest14)
    client.force_login(planning_admin)
    response = client.post(
        reverse("narrative_review_decide", args=[narrative.pk]),
        {"action": "return", "comment": "", "base": f"{narrative.pk}:{narrative.revision}"},
        follow=True,
    )
    assert "退回时必须写明意见" in response.content.decode()
    narrative.refresh_from_db()
    assert narrative.state == EntryState.SUBMITTED


def test_entry_pages_link_to_the_form(client, forest14, staff_ylj):
    client.force_login(staff_ylj)
    link = reverse("narrative_edit", args=[forest14.pk, 2021])
    assert link in client.get(reverse("entry_list") + "?year=2021").content.decode()
    assert link in client.get(reverse("entry_edit", args=[forest14.pk, 2021])).content.decode()


def test_narrative_pages_query_count_does_not_grow(client, plan14, forest14, planning_admin):
    from tests.factories import add_generated_indicators
    from tests.helpers import count_queries

    client.force_login(planning_admin)
    Narrative.objects.create(indicator=forest14, year=2021, cause="原因", state="submitted")
    urls = [reverse("narrative_edit", args=[forest14.pk, 2021]), reverse("narrative_review_list")]
    real = [count_queries(client, url) for url in urls]
    generated = add_generated_indicators(plan14, 200)
    Narrative.objects.bulk_create(
        Narrative(indicator=i, year=2021, cause="原因", state="submitted") for i in generated
    )
    assert [count_queries(client, url) for url in urls] == real
    assert max(real) <= 20
