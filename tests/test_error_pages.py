"""403, 404 and 500 pages are Chinese, in the site's layout, with the reason the code gives."""

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from indicators.models import Indicator
from tests.accounts import account

LAYOUT = "洪山区五年规划指标跟踪"


@pytest.fixture(autouse=True)
def production_errors(settings):
    settings.DEBUG = False


def test_403_shows_the_reason_the_code_gives(client, staff_ylj):
    gdp = Indicator.objects.get(plan__code="14th", number=1)  # 区发改局's
    client.force_login(staff_ylj)
    response = client.get(reverse("entry_edit", args=[gdp.pk, 2021]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "这不是您所在单位负责的指标" in html and "没有权限" in html and LAYOUT in html


def test_403_of_a_wrong_role_says_so(client, official):
    client.force_login(official)
    html = client.get(reverse("review_list")).content.decode()
    assert "您的角色不能使用此功能" in html and LAYOUT in html


def test_403_without_a_reason_has_a_chinese_default(client, planning_admin):
    client.force_login(planning_admin)
    root = account("root", "superuser")
    response = client.get(reverse("admin:auth_user_password_change", args=[root.pk]))
    assert response.status_code == 403
    assert "规划管理员只能管理填报员和领导/查阅账号" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/no-such-page/", "/plans/99th/", "/plans/14th/indicators/999/", "/bureaus/999999/"],
)
def test_404_is_chinese_in_the_layout_without_django_english(client, plans, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in html and LAYOUT in html
    assert "matches the given query" not in html and "Not Found" not in html


def test_404_shows_a_chinese_reason(client, staff_fgj):
    gdp = Indicator.objects.get(plan__code="14th", number=1)
    client.force_login(staff_fgj)
    html = client.get(reverse("entry_edit", args=[gdp.pk, 2030])).content.decode()
    assert "2030年不在" in html


def test_500_is_chinese_and_needs_neither_the_database_nor_the_request(rf):
    # No `db` fixture: pytest-django fails any database access here.
    handler = get_resolver().resolve_error_handler(500)
    response = handler(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in html and LAYOUT in html


def test_a_view_that_fails_gets_the_chinese_500(plans, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("indicators.views.render", broken)
    response = Client(raise_request_exception=False).get(reverse("home"))
    assert response.status_code == 500 and "服务器出错" in response.content.decode()


def test_a_csrf_failure_is_explained_in_chinese(plans):
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "x", "password": "y"}
    )
    html = response.content.decode()
    assert response.status_code == 403 and "表单已过期" in html and LAYOUT in html
