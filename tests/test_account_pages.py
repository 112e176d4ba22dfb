"""Where each role lands after login; changing one's password; a reset link that a
planning admin issues for bureau staff or an official."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from indicators.account_views import current_plan
from indicators.services import RuleError
from indicators.services.accounts import password_reset_issue
from tests.accounts import PASSWORD, account

NEW_PASSWORD = "Qingshan-lake-2027"


# ------------------------------------------------------------------ start pages


@pytest.mark.parametrize(
    ("role", "bureaus", "landing"),
    [
        ("staff", ["区发改局"], "/entry/"),
        ("planner", [], "/review/"),
        ("superuser", [], "/review/"),
        ("official", [], "/plans/14th/"),
    ],
)
def test_each_role_lands_on_its_own_start_page(client, plans, role, bureaus, landing):
    account("someone", role, *bureaus)
    response = client.post(
        reverse("login"), {"username": "someone", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == landing


def test_an_official_does_not_land_on_a_403(client, plans):
    account("leader", "official")
    response = client.post(
        reverse("login"), {"username": "leader", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200 and "/entry/" not in response.redirect_chain[-1][0]


def test_a_login_with_next_goes_there(client, plans):
    account("leader", "official")
    response = client.post(
        reverse("login") + "?next=/bureaus/",
        {"username": "leader", "password": PASSWORD, "next": "/bureaus/"},
    )
    assert response["Location"] == "/bureaus/"


def test_planners_start_page_shows_the_pending_count(client, planning_admin):
    client.force_login(planning_admin)
    html = client.get(reverse("start"), follow=True).content.decode()
    assert "待审核的数值(0条)" in html


def test_the_public_starts_on_the_current_plan(client, plans):
    assert client.get(reverse("start"))["Location"] == reverse("plan_dashboard", args=["14th"])


@pytest.mark.parametrize(("year", "code"), [(2018, "13th"), (2023, "14th"), (2031, "14th")])
def test_current_plan_is_the_one_whose_years_include_today_else_the_latest(plans, year, code):
    assert current_plan(datetime.date(year, 6, 1)).code == code


# ------------------------------------------------------------- password change


@pytest.mark.parametrize(("role", "bureaus"), [("staff", ["区发改局"]), ("official", [])])
def test_everyone_signed_in_can_change_their_password(client, plans, role, bureaus):
    user = account("someone", role, *bureaus)
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "密码已修改" in client.get(reverse("password_change_done")).content.decode()


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Ab3$xyz", "密码太短:至少需要10个字符"),
        ("1234509876", "密码只包含数字"),
        ("password123", "这个密码太常见了"),
        ("someone2026", "太相似"),
    ],
)
def test_password_rules_are_told_in_chinese(client, plans, new, message):
    user = account("someone", "official")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# ------------------------------------------------------------------ reset links


def _issue(client, user):
    response = client.post(reverse("password_reset_issue", args=[user.pk]))
    return response, response.context.get("issued") if response.context else None


def test_planner_issues_a_one_time_reset_link_for_staff(client, planning_admin, staff_fgj):
    client.force_login(planning_admin)
    response, issued = _issue(client, staff_fgj)
    assert response.status_code == 200 and issued.url in response.content.decode()

    holder = Client()
    form = holder.get(issued.url, follow=True)
    assert "设置新密码" in form.content.decode()
    done = holder.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == reverse("password_reset_complete")
    staff_fgj.refresh_from_db()
    assert staff_fgj.check_password(NEW_PASSWORD)
    # used once: the same link no longer works
    again = Client().get(issued.url, follow=True).content.decode()
    assert "这个重置链接无效" in again


@pytest.mark.parametrize("whom", ["planner", "superuser"])
def test_planner_cannot_issue_a_reset_for_a_planner_or_superuser(client, planning_admin, whom):
    target = account("other", whom)
    client.force_login(planning_admin)
    response, issued = _issue(client, target)
    assert response.status_code == 403 and issued is None
    assert "/accounts/reset/" not in response.content.decode()


def test_the_reset_service_checks_who_may_manage_whom(staff_fgj, official, planning_admin):
    site = "http://testserver/"
    for acting, target in [
        (staff_fgj, official),
        (official, staff_fgj),
        (planning_admin, planning_admin),
    ]:
        with pytest.raises(RuleError):
            password_reset_issue(acting_user=acting, user=target, site_url=site)
    User.objects.filter(pk=official.pk).update(is_active=False)
    official.refresh_from_db()
    with pytest.raises(RuleError, match="停用"):
        password_reset_issue(acting_user=planning_admin, user=official, site_url=site)
    root = account("root", "superuser")
    assert password_reset_issue(acting_user=root, user=planning_admin, site_url=site).url


def test_the_reset_link_is_emailed_when_email_is_set_up(
    client, settings, planning_admin, staff_fgj
):
    settings.EMAIL_ENABLED = True
    User.objects.filter(pk=staff_fgj.pk).update(email="fgj@hongshan.example")
    client.force_login(planning_admin)
    _, issued = _issue(client, staff_fgj)
    assert issued.emailed_to == "fgj@hongshan.example"
    assert [m.to for m in mail.outbox] == [["fgj@hongshan.example"]]
    assert issued.url in mail.outbox[0].body


def test_without_email_the_link_is_only_shown(client, settings, planning_admin, staff_fgj):
    settings.EMAIL_ENABLED = False
    User.objects.filter(pk=staff_fgj.pk).update(email="fgj@hongshan.example")
    client.force_login(planning_admin)
    _, issued = _issue(client, staff_fgj)
    assert issued.emailed_to == "" and mail.outbox == []


def test_the_admin_user_list_offers_reset_links_only_for_managed_accounts(
    client, planning_admin, staff_fgj
):
    account("root", "superuser")
    client.force_login(planning_admin)
    html = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert reverse("password_reset_issue", args=[staff_fgj.pk]) in html
    assert html.count("签发重置链接") == 1
