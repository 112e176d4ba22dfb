import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from indicators.models import Assessment, Indicator


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", password="x")


def _add_url():
    return reverse("admin:indicators_assessment_add")


def test_anonymous_is_sent_to_login(client, plans):
    response = client.get(_add_url())
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_user_without_admin_rights_cannot_record(client, plans):
    client.force_login(User.objects.create_user("reader"))
    response = client.get(_add_url())
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_recording_an_assessment_updates_the_status_and_keeps_the_computed_one(
    client, plans, superuser
):
    client.force_login(superuser)
    energy = Indicator.objects.get(plan__code="14th", number=14)
    response = client.post(
        _add_url(),
        {
            "indicator": energy.pk,
            "year": 2021,
            "status": "on_track",
            "reason": "市下达2021年目标降低3%,实际降低3.2%。",
            "assessed_on": "2022-03-01",
        },
    )
    assert response.status_code == 302
    recorded = Assessment.objects.get(indicator=energy)
    assert recorded.recorded_by == superuser and recorded.computed_status == "qualitative"
    energy.refresh_from_db()
    assert (energy.status, energy.computed_status) == ("on_track", "qualitative")


def test_an_assessment_without_a_reason_is_refused_in_chinese(client, plans, superuser):
    client.force_login(superuser)
    energy = Indicator.objects.get(plan__code="14th", number=14)
    response = client.post(
        _add_url(),
        {
            "indicator": energy.pk,
            "year": 2021,
            "status": "on_track",
            "reason": "",
            "assessed_on": "",
        },
    )
    assert response.status_code == 200
    assert "这个字段是必填项。" in response.content.decode()
    assert not Assessment.objects.filter(indicator=energy).exists()


def test_assessments_cannot_be_changed_or_deleted(client, plans, superuser):
    client.force_login(superuser)
    recorded = Assessment.objects.get(indicator__plan__code="13th")
    change = client.post(
        reverse("admin:indicators_assessment_change", args=[recorded.pk]),
        {"reason": "改写", "status": "off_track"},
    )
    assert change.status_code == 403
    delete = client.post(reverse("admin:indicators_assessment_delete", args=[recorded.pk]))
    assert delete.status_code == 403
    recorded.refresh_from_db()
    assert recorded.status == "achieved"
