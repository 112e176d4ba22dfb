"""Two districts and their city, for the tests of regions (issue 14).

The 武昌区 and 武汉市 plans are SAMPLE DATA (tests/data/regions/README.md): invented,
flagged synthetic, loaded through the services exactly as a real plan file would be.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from indicators.models import Indicator, Plan

DATA = Path(__file__).resolve().parent / "data" / "regions"
WUCHANG, WUHAN, HONGSHAN = "420106", "420100", "420111"


def load_wuchang() -> Plan:
    """The sample 武昌区 plan, with bureaus named like 洪山区's (区发改局 ...)."""
    from indicators.services import plans_load

    plans_load(
        paths=[DATA / "wuchang-sample.toml"],
        region=WUCHANG,
        bureaus=DATA / "wuchang-bureaus.toml",
    )
    return Plan.objects.get(code="wuchang-sample")


def load_city() -> Plan:
    """The sample 武汉市 plan: its indicators are what the districts' contribute to."""
    from indicators.services import plans_load

    plans_load(
        paths=[DATA / "wuhan-sample.toml"], region=WUHAN, bureaus=DATA / "wuhan-bureaus.toml"
    )
    return Plan.objects.get(code="wuhan-sample")


def link_districts(*, user=None, hongshan_target: str = "90", wuchang_target: str = "88"):
    """洪山区 14th 16 and 武昌区's 2 (air quality, both 完成市下达目标) linked to the city's
    2 with the targets the city assigned; both districts' GDP to the city's GDP (a link
    only: their own printed targets apply). Returns the city's air-quality indicator."""
    from indicators.services import city_target_assign

    load_wuchang()
    city = load_city()
    city_air = Indicator.objects.get(plan=city, number=2)
    city_gdp = Indicator.objects.get(plan=city, number=1)
    today = datetime.date(2022, 1, 1)
    for code, number, target, city_indicator in [
        ("14th", 16, hongshan_target, city_air),
        ("wuchang-sample", 2, wuchang_target, city_air),
        ("14th", 1, "", city_gdp),
        ("wuchang-sample", 1, "", city_gdp),
    ]:
        city_target_assign(
            indicator=Indicator.objects.get(plan__code=code, number=number),
            city_indicator=city_indicator,
            target=target,
            user=user,
            reason="样例:市下达目标(测试)",
            effective_date=today,
        )
    return city_air
