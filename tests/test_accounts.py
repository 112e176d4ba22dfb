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
    assert response.status_code == 302 and response["Location"] == reverse("start")


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


def _login(client, username, password, **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def test_good_logins_of_one_account_do_not_reset_another_accounts_failures(plans, settings):
    """An attacker with an account of their own cannot wipe the failures they caused
    on someone else's account by signing in between guesses."""
    from django.test import Client

    call_command("create_account", "victim", role="official", password=PASSWORD)
    call_command("create_account", "attacker", role="official", password=PASSWORD)
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(attacker, "victim", "guess")
        assert _login(Client(), "attacker", PASSWORD).status_code == 302
    _login(attacker, "victim", "guess")
    assert _login(Client(), "victim", PASSWORD).status_code == 429


def test_behind_a_trusted_proxy_one_clients_failures_do_not_lock_another(plans, settings):
    from axes.models import AccessAttempt
    from django.test import Client

    settings.TRUSTED_PROXIES = 1
    call_command("create_account", "fgj", role="staff", bureau=["区发改局"], password=PASSWORD)
    call_command("create_account", "ylj", role="staff", bureau=["区园林局"], password=PASSWORD)
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    guesser = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    colleague = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        _login(Client(), "fgj", "guess", **guesser)
        _login(Client(), "nobody", "guess", **guesser)
    assert _login(Client(), "ylj", PASSWORD, **colleague).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "client"),
    [
        (0, "10.0.0.1", "203.0.113.5", "10.0.0.1"),  # no proxy: the header is the client's
        (1, "10.0.0.1", "203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.1", "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # a forged first entry
        (2, "10.0.0.2", "203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (1, "10.0.0.1", "", "10.0.0.1"),  # a proxy that sent no header
        (1, "10.0.0.1", " , ", "10.0.0.1"),
    ],
)
def test_client_address_is_read_behind_the_trusted_proxies_only(
    settings, rf, trusted, remote, forwarded, client
):
    from indicators.client_address import client_address

    settings.TRUSTED_PROXIES = trusted
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_create_account_speaks_chinese(plans, capsys):
    call_command("create_account", "leader", role="official", password=PASSWORD)
    assert "已创建账号 leader(领导/查阅)" in capsys.readouterr().out


def test_unlock_clears_an_accounts_lockout_in_chinese(client, plans, settings, capsys):
    call_command("create_account", "fgj", role="staff", bureau=["区发改局"], password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "fgj", "wrong")
    assert _login(client, "fgj", PASSWORD).status_code == 429
    capsys.readouterr()
    call_command("unlock", "fgj", "nobody")
    out = capsys.readouterr().out
    assert "已解除 fgj 的锁定" in out and "nobody 没有登录失败记录" in out
    assert _login(client, "fgj", PASSWORD).status_code == 302
