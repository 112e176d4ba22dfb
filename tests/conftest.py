import os
import tomllib
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run beside one unless told it is safe (it is: one test at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = Path(__file__).resolve().parent / "data" / "hongshan-14th-five-year-plan.txt"

# Strings of the scraped page that are not data: injected spam and web boilerplate.
SPAM_AND_BOILERPLATE = [
    "vip333",
    "大佬们都在玩",
    "精选官网网址",
    "品牌平台",
    "足球直播",
    "24直播网",
    "hzcfzsgs",
    "adminadmin",
    "微信扫一扫",
    "发表评论",
    "人围观",
    "快捷回复",
    "微信二维码",
    "上一篇",
    "The End",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests (browser, empty database) last, as pytest-django intends.

    pytest's own fixture reordering runs after pytest-django's sort and can move them
    forward; they flush the database, which the other tests share (see django_db_setup).
    """
    items.sort(
        key=lambda item: any(
            name in item.fixturenames for name in ("transactional_db", "live_server")
        )
    )


def read_fixture(name: str) -> dict:
    with (FIXTURES / name).open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load both plans once, exactly as `make run` does; each test runs in a
    transaction on top of them. (Transactional tests flush the database when they
    end; pytest-django runs them after the others, and they load what they need.)"""
    from indicators.services import plans_load

    with django_db_blocker.unblock():
        plans_load()


@pytest.fixture(scope="session", autouse=True)
def expected_database(django_db_setup, django_db_blocker):
    """`make test-postgres` sets EXPECT_DATABASE, so that a run that silently fell
    back to SQLite fails instead of passing."""
    expected = os.environ.get("EXPECT_DATABASE")
    if expected:
        from django.db import connection

        assert connection.vendor == expected, f"tests ran on {connection.vendor}, not {expected}"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: the database is rolled back between tests,
    but the in-process cache would remember pages of an earlier test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def plans(db):
    """Both plans, as published."""


@pytest.fixture
def empty_db(transactional_db):
    """A database with nothing loaded."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def plan13(plans):
    from indicators.models import Plan

    return Plan.objects.get(code="13th")


@pytest.fixture
def plan14(plans):
    from indicators.models import Plan

    return Plan.objects.get(code="14th")


@pytest.fixture
def staff_fgj(plans):
    """Bureau staff of 区发改局 (lead bureau of 14th-plan indicators 1, 2, 7, 14)."""
    from tests.accounts import account

    return account("fgj", "staff", "区发改局")


@pytest.fixture
def staff_ylj(plans):
    """Bureau staff of 区园林局 (14th-plan indicator 18, 森林覆盖率)."""
    from tests.accounts import account

    return account("ylj", "staff", "区园林局")


@pytest.fixture
def planning_admin(plans):
    from tests.accounts import account

    return account("guihua", "planner")


@pytest.fixture
def official(plans):
    from tests.accounts import account

    return account("leader", "official")
