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


def read_fixture(name: str) -> dict:
    with (FIXTURES / name).open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture
def plans(db):
    """Both plans, loaded from the fixtures exactly as `make run` loads them."""
    from indicators.services import plans_load

    plans_load()


@pytest.fixture
def plan13(plans):
    from indicators.models import Plan

    return Plan.objects.get(code="13th")


@pytest.fixture
def plan14(plans):
    from indicators.models import Plan

    return Plan.objects.get(code="14th")
