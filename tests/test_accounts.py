import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.accounts import PASSWORD


def test_create_account_for_bureau_staff_by_current_or_former_name(plans):
    call_command("create_account", "sbc", role="staff", bureau=["洪山社保处"], password=PASSWORD)
    user = User.objects.get(username="sbc")
    assert user.account.role == "staff"
    assert [b.name for b in user.account.bureaus.all()] == ["区社保处"]
    assert user.check_password(PASSWORD) and not user.is_staff


def test_running_it_again_updates_the_same_account(plans):
    call_command("create_account", "x", role="staff", bureau=["区发改局"], password=PASSWORD)
    call_command("create_account", "x", role="planner")
    user = User.objects.get(username="x")
    assert user.account.role == "planner" and user.is_staff
    assert user.check_password(PASSWORD)  # unchanged without --password
    assert User.objects.filter(username="x").count() == 1


def test_first_planning_admin_gets_a_generated_password(plans, capsys):
    call_command("create_account", "guihua", role="planner")
    out = capsys.readouterr().out
    password = out.split("初始密码(只显示这一次):")[1].strip()
    assert User.objects.get(username="guihua").check_password(password)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"role": "staff", "bureau": []}, "填报员必须属于至少一个单位"),
        ({"role": "staff", "bureau": ["不存在局"]}, "没有名为“不存在局”的单位"),
        ({"role": "planner", "password": "123"}, "密码"),
    ],
)
def test_create_account_refuses_with_a_reason(plans, options, message):
    with pytest.raises(CommandError) as error:
        call_command("create_account", "bad", **options)
    assert message in str(error.value)


def test_login_page_is_chinese_and_signs_in(client, plans):
    call_command("create_account", "fgj", role="staff", bureau=["区发改局"], password=PASSWORD)
    page = client.get(reverse("login"))
    assert "用户名" in page.content.decode() and "密码" in page.content.decode()
    response = client.post(reverse("login"), {"username": "fgj", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("entry_list")


def test_a_wrong_password_says_so_in_chinese(client, plans):
    call_command("create_account", "fgj", role="staff", bureau=["区发改局"], password=PASSWORD)
    response = client.post(reverse("login"), {"username": "fgj", "password": "wrong"})
    assert "请输入一个正确的" in response.content.decode()


def test_repeated_failed_logins_lock_the_account(client, plans, settings):
    call_command("create_account", "fgj", role="staff", bureau=["区发改局"], password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "fgj", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "fgj", "password": PASSWORD})
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session
