"""Accounts: planners manage staff and officials only; roles are recorded."""

import pytest
from django.contrib.auth.models import User

from indicators.services import RuleError, account_save, account_set, bureau_for_name


def test_a_planner_cannot_make_a_superuser_or_a_planner(planning_admin):
    for role in ("superuser", "planner"):
        with pytest.raises(RuleError, match="只能管理填报员和领导"):
            account_save(username=f"new-{role}", role=role, bureaus=[], acting_user=planning_admin)
    assert not User.objects.filter(username__startswith="new-").exists()


def test_a_planner_cannot_change_another_planner(planning_admin, planning_admin_2):
    with pytest.raises(RuleError):
        account_set(user=planning_admin_2, role="official", bureaus=[], acting_user=planning_admin)
    planning_admin_2.refresh_from_db()
    assert planning_admin_2.account.role == "planner"


def test_a_planner_manages_staff_and_records_it(planning_admin, staff_fgj):
    bureau = bureau_for_name("区园林局")
    account_set(user=staff_fgj, role="staff", bureaus=[bureau], acting_user=planning_admin)
    assert list(staff_fgj.account.bureaus.all()) == [bureau]
    assert staff_fgj.account.history.first().history_user == planning_admin


def test_staff_need_a_bureau(planning_admin):
    with pytest.raises(RuleError, match="至少一个单位"):
        account_save(username="nobody", role="staff", bureaus=[], acting_user=planning_admin)


def test_passwords_follow_the_rules_in_chinese(planning_admin):
    with pytest.raises(RuleError) as refused:
        account_save(username="weak", role="official", bureaus=[], password="123", acting_user=None)
    assert "密码" in refused.value.errors["password"]
