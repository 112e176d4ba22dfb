"""Accounts in the admin: planning admins manage bureau staff and officials only;
nobody but a superuser touches a superuser or another planning admin."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.accounts import PASSWORD, account
from tests.admin_forms import admin_post_data

NEW_PASSWORD = "Qingshan-lake-2027"


@pytest.fixture
def protected(plans):
    """Accounts a planning admin may not touch."""
    return {"superuser": account("root", "superuser"), "planner": account("guihua2", "planner")}


@pytest.fixture
def managed(plans):
    """Accounts a planning admin manages."""
    return {"staff": account("fgj", "staff", "区发改局"), "official": account("leader", "official")}


@pytest.mark.parametrize("whom", ["superuser", "planner"])
def test_planner_cannot_set_a_superusers_or_planners_password(
    client, planning_admin, protected, whom
):
    target = protected[whom]
    client.force_login(planning_admin)
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.check_password(PASSWORD) and not target.check_password(NEW_PASSWORD)


def test_planner_cannot_change_their_own_password_in_the_admin(client, planning_admin):
    client.force_login(planning_admin)
    url = reverse("admin:auth_user_password_change", args=[planning_admin.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("whom", ["staff", "official"])
def test_planner_sets_a_staff_or_officials_password(client, planning_admin, managed, whom):
    target = managed[whom]
    client.force_login(planning_admin)
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password(NEW_PASSWORD)


@pytest.mark.parametrize("whom", ["superuser", "planner"])
def test_planner_cannot_deactivate_or_rename_a_superuser_or_planner(
    client, planning_admin, protected, whom
):
    target = protected[whom]
    client.force_login(planning_admin)
    url = reverse("admin:auth_user_change", args=[target.pk])
    data = {"username": "taken-over", "first_name": "x", "is_active": ""}
    assert client.post(url, data).status_code == 403
    target.refresh_from_db()
    assert target.is_active and target.username != "taken-over"


@pytest.mark.parametrize("whom", ["superuser", "planner"])
def test_planner_sees_a_superuser_or_planner_read_only(client, planning_admin, protected, whom):
    client.force_login(planning_admin)
    page = client.get(reverse("admin:auth_user_change", args=[protected[whom].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="_save"' not in html and "password/" not in html
    assert "pbkdf2" not in html and "md5" not in html  # never the stored hash


def test_planner_cannot_promote_an_official_to_planner(client, planning_admin, managed):
    target = managed["official"]
    client.force_login(planning_admin)
    url = reverse("admin:auth_user_change", args=[target.pk])
    data = admin_post_data(client.get(url))
    data["account-0-role"] = "planner"
    response = client.post(url, data)
    assert response.status_code in (200, 302)  # refused with a message, never a 500
    target.refresh_from_db()
    assert target.account.role == "official" and not target.is_staff


def test_planner_cannot_add_a_planner(client, planning_admin):
    client.force_login(planning_admin)
    url = reverse("admin:auth_user_add")
    page = client.get(url)
    data = admin_post_data(page)
    data |= {"username": "newplanner", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    data |= {"usable_password": "true", "account-0-role": "planner"}
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    assert not User.objects.filter(username="newplanner", account__role="planner").exists()


def test_superuser_sets_a_planners_password(client, protected):
    client.force_login(protected["superuser"])
    target = protected["planner"]
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password(NEW_PASSWORD)
