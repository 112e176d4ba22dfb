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


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """Accounts are made in most tests: hash their passwords with a fast hasher (the
    production hashers stay in settings; nothing here is about password strength)."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load both plans once, exactly as `make run` does; each test runs in a
    transaction on top of them. (Transactional tests flush the database when they
    end; pytest-django runs them after the others, and they load what they need.)"""
    from indicators.services import commitments_load, plans_load

    with django_db_blocker.unblock():
        plans_load()
        commitments_load()


@pytest.fixture(scope="session", autouse=True)
def expected_database():
    """`make test-postgres` sets EXPECT_DATABASE, so that a run that silently fell
    back to SQLite fails instead of passing. (Read from the settings: tests that need
    no database create none.)"""
    from django.conf import settings

    expected = os.environ.get("EXPECT_DATABASE")
    if expected:
        engine = settings.DATABASES["default"]["ENGINE"]
        assert engine.endswith(expected), f"tests ran on {engine}, not {expected}"


@pytest.fixture(scope="session", autouse=True)
def writes_through_services():
    """Every write of the app's models in every test must come from indicators/services/
    (tests/write_guard.py)."""
    from tests import write_guard

    write_guard.install()
    yield
    write_guard.uninstall()


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Attached evidence goes to a temporary folder, never to ./var/media."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


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


def _indicator(plan, number: int):
    from indicators.models import Indicator

    return Indicator.objects.select_related("plan").get(plan=plan, number=number)


@pytest.fixture
def gdp14(plan14):
    """14th plan, 1. 地区生产总值增长: a rate target 7左右 from the 2020 level 1080."""
    return _indicator(plan14, 1)


@pytest.fixture
def income14(plan14):
    """14th plan, 7. 居民人均可支配收入增长: 与经济增长同步, judged against gdp14."""
    return _indicator(plan14, 7)


@pytest.fixture
def energy14(plan14):
    """14th plan, 14. 单位地区生产总值能源消耗降低: binding, 完成市下达目标 (qualitative)."""
    return _indicator(plan14, 14)


@pytest.fixture
def forest14(plan14):
    """14th plan, 18. 森林覆盖率: a share (%) with the floor >10.50, lead bureau 区园林局."""
    return _indicator(plan14, 18)


@pytest.fixture
def gdp13(plan13):
    """13th plan, 1. 地区生产总值: a level with printed yearly values 2016-2020."""
    return _indicator(plan13, 1)


@pytest.fixture
def staff_fgj_2(plans):
    """A second member of staff of 区发改局."""
    from tests.accounts import account

    return account("fgj2", "staff", "区发改局")


@pytest.fixture
def planning_admin_2(plans):
    """A second planning admin, for the four-eyes rule."""
    from tests.accounts import account

    return account("guihua2", "planner")


@pytest.fixture
def culture13(plan13):
    """13th plan, 13. 文化创意产业产值: two bureaus, 区文旅局 (lead) and 区经济开发区."""
    return _indicator(plan13, 13)


@pytest.fixture
def labour14(plan14):
    """14th plan, 2. 全员劳动生产率增长: a rate, target >7."""
    return _indicator(plan14, 2)


@pytest.fixture
def patents14(plan14):
    """14th plan, 5. 每万人口高价值发明专利拥有量: a level in 件, cumulative [6.4]."""
    return _indicator(plan14, 5)
