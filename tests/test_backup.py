"""A backup restored into an empty database gives back the same database."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from indicators.models import Indicator, YearlyValue
from indicators.services import target_revise, value_approve
from indicators.services.values import Base
from tests.accounts import account
from tests.factories import enter_value


def test_backup_and_restore_round_trip(empty_db, tmp_path):
    call_command("load_plans", stdout=None)
    staff, planner = account("ylj", "staff", "区园林局"), account("guihua", "planner")
    forest = Indicator.objects.get(plan__code="14th", number=18)
    entry = enter_value(forest, staff, "10.3", submit=True)
    value_approve(entry=entry, user=planner, base=Base.of(entry))
    target_revise(
        indicator=forest,
        target=">10.8",
        reason="新目标",
        effective_date=datetime.date(2022, 1, 1),
        user=planner,
    )
    first, second = tmp_path / "first.xml", tmp_path / "second.xml"
    call_command("backup", str(first), stdout=None)

    call_command("flush", interactive=False, verbosity=0)
    assert not Indicator.objects.exists()
    call_command("restore", str(first), stdout=None)
    call_command("backup", str(second), stdout=None)

    assert first.read_text() == second.read_text()
    restored = Indicator.objects.get(plan__code="14th", number=18)
    assert restored.target.text == ">10.8" and restored.target_revisions.count() == 1
    assert YearlyValue.history.filter(id=entry.pk).count() == 2
    assert restored.status == "off_track"  # 10.3 below the revised 10.8, as before the backup


def test_restore_refuses_a_database_that_is_not_empty(plans, tmp_path):
    path = tmp_path / "backup.xml"
    call_command("backup", str(path), stdout=None)
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path))
    assert "数据库不是空的" in str(error.value)


@pytest.mark.parametrize("holding", ["account", "bureau"])
def test_restore_refuses_a_database_with_accounts_or_bureaus_but_no_plans(
    empty_db, tmp_path, holding
):
    path = tmp_path / "backup.xml"
    call_command("backup", str(path), stdout=None)  # an empty backup
    if holding == "account":
        account("guihua", "planner")
    else:
        from indicators.services import bureau_create, regions_load

        regions_load()
        bureau_create(name="区发改局", user=None)
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path))
    assert "数据库不是空的" in str(error.value) and "--force" in str(error.value)


def test_restore_with_force_restores_into_a_database_that_is_not_empty(empty_db, tmp_path):
    from django.contrib.auth.models import User

    account("guihua", "planner")
    path = tmp_path / "backup.xml"
    call_command("backup", str(path), stdout=None)
    call_command("restore", str(path), force=True, stdout=None)
    assert User.objects.filter(username="guihua").count() == 1


def test_backup_file_is_readable_by_its_owner_only(plans, tmp_path):
    path = tmp_path / "backup.xml"
    path.write_text("old")
    path.chmod(0o644)
    call_command("backup", str(path), stdout=None)
    assert path.stat().st_mode & 0o777 == 0o600
    assert "<django-objects" in path.read_text()
    fresh = tmp_path / "fresh.xml"
    call_command("backup", str(fresh), stdout=None)
    assert fresh.stat().st_mode & 0o777 == 0o600
